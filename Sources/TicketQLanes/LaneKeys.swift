import TicketQCore

/// The Redis keys of one ticketq deployment, all under one namespace with a single hash tag
/// (`{ticketq}` by default) so that every function's keys live in one Redis Cluster slot.
public struct LaneKeys: Sendable, Hashable {
    /// The namespace, e.g. `ticketq`; keys are `{namespace}:…`.
    public let namespace: String
    /// The deployment's keys, in ``Slot`` order.
    private let slotKeys: [[UInt8]]

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

    /// The error for a namespace that would break the key layout.
    public struct InvalidNamespace: Error, Sendable, CustomStringConvertible {
        /// The rejected namespace.
        public let namespace: String
        public var description: String {
            "invalid namespace \"\(namespace)\": use 1–64 characters of letters, digits, '.', '_' and '-'"
        }
    }

    /// Creates the key set of a namespace.
    ///
    /// - Throws: ``InvalidNamespace`` for an empty or unusual namespace (braces would change the hash tag).
    public init(namespace: String = "ticketq") throws(InvalidNamespace) {
        guard (1...64).contains(namespace.count),
              namespace.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "." || $0 == "_" || $0 == "-") })
        else { throw InvalidNamespace(namespace: namespace) }
        self.namespace = namespace
        slotKeys = Slot.allCases.map { Array("{\(namespace)}:\($0.suffix)".utf8) }
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

    /// The deployment marker (``DeploymentRecord``).
    public var deployment: [UInt8] { key(.deployment) }

    /// The journal of a worker's accepted, not yet confirmed acks (`journal` names which of its
    /// two): a hash, ticket id → accepted fencing token.
    public func ackJournal(worker: String, journal: AckJournal = .general) -> [UInt8] {
        switch journal {
        case .general: return Array("{\(namespace)}:acks:\(worker)".utf8)
        case .urgent: return Array("{\(namespace)}:acks-urgent:\(worker)".utf8)
        }
    }

    /// Where releases before the function library kept the journal: a list of the last 64
    /// batches, each `id|token,…`. Read once by a restarting worker, then deleted.
    public func legacyAckJournal(worker: String, journal: AckJournal = .general) -> [UInt8] {
        switch journal {
        case .general: return Array("{\(namespace)}:ackjournal:\(worker)".utf8)
        case .urgent: return Array("{\(namespace)}:ackjournal-urgent:\(worker)".utf8)
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
