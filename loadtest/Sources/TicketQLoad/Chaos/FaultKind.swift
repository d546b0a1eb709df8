/// A kind of fault the chaos scenario injects, named after its flag (`--kill-worker-every`, …).
public enum FaultKind: String, CaseIterable, Codable, Sendable, Hashable {
    /// SIGKILL a random worker; a process manager starts it again at once.
    case killWorker = "kill-worker"
    /// SIGSTOP a random worker for a random time up to twice the lease, then SIGCONT.
    case stopWorker = "stop-worker"
    /// Cut a random worker off from Redis (its proxy holds every byte) for a random time up to
    /// twice the lease.
    case partitionWorker = "partition-worker"
    /// Let Redis execute the next script call of a random worker and drop its reply.
    case dropReplies = "drop-replies"
    /// SIGKILL redis-server and start it again from its append-only file.
    case killRedis = "kill-redis"
    /// SIGSTOP redis-server for a random time up to the lease, then SIGCONT.
    case stallRedis = "stall-redis"

    /// Whether the workers must reach Redis through fault proxies for this kind.
    public var needsProxy: Bool { self == .partitionWorker || self == .dropReplies }
}
