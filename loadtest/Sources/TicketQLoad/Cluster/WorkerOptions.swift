/// How a local cluster starts its workers.
public struct WorkerOptions: Sendable, Hashable {
    /// Worker processes.
    public var count: Int
    /// Each worker's `--concurrency`; nil keeps the worker's default.
    public var concurrency: Int?
    /// Each worker's `--batch`; nil keeps the worker's default.
    public var batch: Int?
    /// Each worker's `--handler`.
    public var handler: String
    /// Each worker's `--durability`; nil keeps the default (FULL).
    public var durability: String?
    /// Each worker's `--lease` in seconds; nil keeps the default.
    public var lease: Double?
    /// Each worker's `--urgent-slots`; nil keeps the default.
    public var urgentSlots: Int?
    /// The partitions of the local cluster's deployment (`ticketq deployment init --partitions`).
    public var partitions: Int

    /// Creates options.
    public init(
        count: Int, concurrency: Int? = nil, batch: Int? = nil, handler: String = "acknowledge", durability: String? = nil,
        lease: Double? = nil, urgentSlots: Int? = nil, partitions: Int = 1
    ) {
        self.partitions = partitions
        self.count = count
        self.concurrency = concurrency
        self.batch = batch
        self.handler = handler
        self.durability = durability
        self.lease = lease
        self.urgentSlots = urgentSlots
    }

    /// The worker default for tickets in hand, used to bound duplicate executions.
    public static let defaultConcurrency = 2048
    /// The worker default for slots reserved for urgent tickets on top of the concurrency.
    public static let defaultUrgentSlots = 32

    /// Tickets one worker holds at most (its urgent slots included).
    public var effectiveConcurrency: Int { (concurrency ?? Self.defaultConcurrency) + (urgentSlots ?? Self.defaultUrgentSlots) }
}
