/// What one reaper pass returned to the lanes.
public struct ReapResult: Sendable, Hashable {
    /// Tickets whose lease had expired.
    public let expiredLeases: Int
    /// Tickets of workers whose liveness key was gone.
    public let orphaned: Int
    /// Workers found dead and removed from the registry.
    public let deadWorkers: [String]
}
