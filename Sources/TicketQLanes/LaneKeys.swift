import TicketQCore

/// The Redis keys of one ticketq deployment, or of one of its partitions.
///
/// A deployment of one partition keeps every key under one hash tag, `{namespace}` (`{ticketq}`
/// by default), so that every function's keys live in one Redis Cluster slot. A deployment of
/// `N` partitions keeps each partition's tickets under `{namespace:pK}` and what belongs to the
/// deployment as a whole (``Slot/isDeploymentWide``, the worker registry, the quarantine, …)
/// under `{namespace}`, the root; see ``LanePartitioning`` for which partition a ticket is in.
public struct LaneKeys: Sendable, Hashable {
    /// The namespace, e.g. `ticketq`; keys are `{namespace}:…` or `{namespace:pK}:…`.
    public let namespace: String
    /// How many partitions the deployment has.
    public let partitions: Int
    /// The partition these keys address, or nil for the root (the only partition when
    /// ``partitions`` is 1).
    public let partition: Int?
    /// The hash tag of the partition's keys, e.g. `{ticketq:p3}`.
    private let tag: String
    /// The keys, in ``Slot`` order.
    private let slotKeys: [[UInt8]]
    /// The partitions' keys, for the root of a deployment of several (else empty).
    private let partitionList: [LaneKeys]

    /// The deployment's own keys, one per structure.
    public enum Slot: Int, CaseIterable, Sendable {
        case sameBusinessDay = 0, extended, standard, payload, meta, inflight, lease, retry, dead, deadInfo
        case dedupe, promote, fence, credit, wake, workers, highVolume, attempts, deployment, urgentWake
        case suspect, crashes
        case retention, evictions, deadBytes, quarantineAt, quarantineBytes
        case digest
        case ticket
        case seen, seenOrder, seenMarks, seenPushed
        case promotions

        /// Whether the key belongs to the deployment as a whole (under the root's hash tag)
        /// rather than to one partition.
        public var isDeploymentWide: Bool {
            switch self {
            case .workers, .highVolume, .retention, .evictions, .quarantineAt, .quarantineBytes: return true
            default: return false
            }
        }

        var suffix: String {
            switch self {
            case .sameBusinessDay: return "lane:same_business_day"
            case .extended: return "lane:extended"
            case .standard: return "lane:standard"
            // Library version 2 and earlier; read only by the move to ticket records.
            case .payload: return "payload"
            case .meta: return "meta"
            case .inflight: return "inflight"
            case .lease: return "lease"
            case .retry: return "retry"
            case .dead: return "dead"
            case .deadInfo: return "deadinfo"
            // Library version 2 and earlier; read only by the move to ticket records.
            case .dedupe: return "dedupe"
            // Library version 3 and earlier; read only by the move to promotion lists.
            case .promote: return "promote"
            case .promotions: return "promotions"
            case .fence: return "fence"
            case .credit: return "credit"
            case .wake: return "wake"
            case .workers: return "workers"
            case .highVolume: return "highvolume"
            case .attempts: return "attempts"
            case .deployment: return "deployment"
            case .urgentWake: return "wake:urgent"
            case .suspect: return "suspect"
            case .crashes: return "crashes"
            case .retention: return "retention"
            case .evictions: return "evictions"
            case .deadBytes: return "dead:bytes"
            case .quarantineAt: return "quarantine:at"
            case .quarantineBytes: return "quarantine:bytes"
            case .digest: return "digest"
            case .ticket: return "ticket"
            case .seen: return "seen"
            case .seenOrder: return "seen:order"
            case .seenMarks: return "seen:marks"
            case .seenPushed: return "seen:pushed"
            }
        }
    }

    /// The error for a namespace that would break the key layout, or a partition count out of range.
    public struct InvalidNamespace: Error, Sendable, CustomStringConvertible {
        /// The rejected namespace.
        public let namespace: String
        public var description: String {
            "invalid namespace \"\(namespace)\": use 1–64 characters of letters, digits, '.', '_' and '-'"
        }
    }

    /// Creates the root key set of a namespace's deployment of `partitions` partitions.
    ///
    /// - Throws: ``InvalidNamespace`` for an empty or unusual namespace (braces would change the
    ///   hash tag); a partition count outside ``LanePartitioning/allowedCounts`` is a programming
    ///   error (counts come from a checked flag or a checked marker).
    public init(namespace: String = "ticketq", partitions: Int = 1) throws(InvalidNamespace) {
        guard (1...64).contains(namespace.count),
              namespace.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-") })
        else { throw InvalidNamespace(namespace: namespace) }
        precondition(LanePartitioning.allowedCounts.contains(partitions), "partition count \(partitions) out of range")
        self.init(namespace: namespace, partitions: partitions, partition: nil)
    }

    private init(namespace: String, partitions: Int, partition: Int?) {
        self.namespace = namespace
        self.partitions = partitions
        self.partition = partition
        let root = "{\(namespace)}"
        let tag = partition.map { partitions > 1 ? "{\(namespace):p\($0)}" : root } ?? root
        self.tag = tag
        slotKeys = Slot.allCases.map { Array("\($0.isDeploymentWide ? root : tag):\($0.suffix)".utf8) }
        partitionList = partition == nil && partitions > 1
            ? (0..<partitions).map { LaneKeys(namespace: namespace, partitions: partitions, partition: $0) }
            : []
    }

    /// The keys of partition `index` (`0..<partitions`); with one partition, the root's own keys.
    public func partition(_ index: Int) -> LaneKeys {
        precondition((0..<partitions).contains(index), "partition \(index) of \(partitions)")
        if partitions == 1 { return self }
        return partitionList.isEmpty ? LaneKeys(namespace: namespace, partitions: partitions, partition: index) : partitionList[index]
    }

    /// Every partition's keys, in order.
    public var allPartitions: [LaneKeys] {
        partitions == 1 ? [self] : (partitionList.isEmpty ? (0..<partitions).map(partition) : partitionList)
    }

    /// The keys of the partition a ticket id belongs to.
    public func partition(of id: some StringProtocol) -> LaneKeys {
        partition(LanePartitioning.partition(of: id, count: partitions))
    }

    /// The same namespace's root keys for a deployment of `count` partitions.
    public func withPartitions(_ count: Int) -> LaneKeys {
        precondition(LanePartitioning.allowedCounts.contains(count), "partition count \(count) out of range")
        return LaneKeys(namespace: namespace, partitions: count, partition: nil)
    }

    /// The name of one key.
    public func key(_ slot: Slot) -> [UInt8] {
        slotKeys[slot.rawValue]
    }

    /// The key of a lane's sorted set.
    public func lane(_ lane: Lane) -> [UInt8] {
        switch lane {
        case .sameBusinessDay: return key(.sameBusinessDay)
        case .extended: return key(.extended)
        case .standard: return key(.standard)
        }
    }

    /// The list of the tickets to promote at `instantMillis` (see ``Slot/promotions``, the
    /// instants that have one).
    public func promotionList(instantMillis: Int64) -> [UInt8] {
        key(.promotions) + Array(":\(instantMillis)".utf8)
    }

    /// The deployment marker (``DeploymentRecord``): the root's, or the partition's own.
    public var deployment: [UInt8] { key(.deployment) }

    /// The journal of a worker's accepted, not yet confirmed acks in this partition (`journal`
    /// names which of its two): a hash, ticket id → accepted fencing token.
    public func ackJournal(worker: String, journal: AckJournal = .general) -> [UInt8] {
        switch journal {
        case .general: return Array("\(tag):acks:\(worker)".utf8)
        case .urgent: return Array("\(tag):acks-urgent:\(worker)".utf8)
        }
    }

    /// Where releases before the function library kept the journal: a list of the last 64
    /// batches, each `id|token,…`. Read once by a restarting worker, then deleted.
    public func legacyAckJournal(worker: String, journal: AckJournal = .general) -> [UInt8] {
        switch journal {
        case .general: return Array("\(tag):ackjournal:\(worker)".utf8)
        case .urgent: return Array("\(tag):ackjournal-urgent:\(worker)".utf8)
        }
    }

    /// The quarantine's index: id → what is known of a message intake could not use (JSON).
    public var quarantine: [UInt8] {
        Array("{\(namespace)}:quarantine".utf8)
    }

    /// The quarantined messages' raw bytes by id.
    public var quarantineRaw: [UInt8] {
        Array("{\(namespace)}:quarantine:raw".utf8)
    }

    /// The key naming the worker process that currently exports the cluster gauges.
    public var collector: [UInt8] {
        Array("{\(namespace)}:collector".utf8)
    }

    /// The liveness key of a worker (expires unless the worker refreshes it).
    public func alive(worker: String) -> [UInt8] {
        Array("{\(namespace)}:alive:\(worker)".utf8)
    }
}
