import ArgumentParser

/// `ticketq deployment`: the marker that tells a live deployment from a Redis that lost its data.
struct DeploymentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "deployment",
        abstract: "Create, show or recover the deployment marker that guards against silent data loss.",
        discussion: """
            `ticketq deployment init` writes a marker into Redis when a deployment is created. When Redis \
            later comes back without it (a restart without persistence, a failover to an empty replica, an \
            append-only file that did not load), workers stop claiming and acknowledging, intake refuses \
            tickets, /readyz answers 503, `ticketq status` says so in its first line and the metric \
            ticketq_deployment_marker_missing is 1 — until an operator restores Redis's data or runs \
            `ticketq deployment recover`.
            """,
        subcommands: [Init.self, Show.self, Recover.self, Retention.self]
    )
}
