/// What operators are told when the deployment marker is missing, the same wherever it shows.
public enum DeploymentAdvice {
    /// The explanation and the way forward.
    public static let missingMarker = """
        the deployment marker is missing from Redis: either this deployment was never initialised \
        (run `ticketq deployment init`), or Redis lost its data — a restart without persistence, a \
        failover to an empty replica, an append-only file that did not load. Nothing is written until \
        an operator acts: restore Redis's data and restart it, or run `ticketq deployment recover` \
        (see its --help)
        """
}
