import TicketQCore
import TicketQRedis

/// The lanes of one deployment in Redis: submit, claim, settle, recover and inspect tickets.
///
/// A `LaneStore` wraps one connection and is used from one thread at a time (a Redis executor
/// thread); every operation is one atomic function of the `ticketq` library (``LaneLibrary``) or
/// one pipeline.
public final class LaneStore {
    /// The deployment's keys.
    public let keys: LaneKeys
    /// Lease, starvation-floor and dedupe settings.
    public let configuration: LaneConfiguration
    /// The connection the operations run on.
    public let connection: RedisConnection

    /// Creates a store over a connection.
    public init(connection: RedisConnection, keys: LaneKeys, configuration: LaneConfiguration = LaneConfiguration()) {
        self.connection = connection
        self.keys = keys
        self.configuration = configuration
    }

    /// Enqueues tickets, each partition's share in one atomic step (one call per partition the
    /// batch touches, in one round trip).
    ///
    /// - Returns: one verdict per entry, in order.
    /// - Throws: ``LanesError`` — e.g. a server error reply `OOM …` or `READONLY …` when Redis
    ///   refuses writes, in which case none of the batch was accepted (with several partitions:
    ///   none of the refused partitions' share; a resubmit of the whole batch is answered
    ///   `duplicate` for what was accepted).
    public func submit(_ entries: [LaneEntry]) throws(LanesError) -> [SubmitVerdict] {
        guard !entries.isEmpty else { return [] }
        let groups = partitioned(entries.count) { entries[$0].id }
        let calls = groups.map { group in
            var arguments: [[UInt8]] = [bytes(configuration.dedupeWindow.wholeMilliseconds), bytes(group.positions.count)]
            arguments.reserveCapacity(2 + group.positions.count * 6)
            for position in group.positions {
                let entry = entries[position]
                arguments.append(Array(entry.id.utf8))
                arguments.append(Array(LaneCode.code(entry.lane).utf8))
                arguments.append(bytes(entry.dueMillis))
                arguments.append(entry.promoteAtMillis.map(bytes) ?? [])
                arguments.append(Array(entry.contentDigest.utf8))
                arguments.append(TicketRecord(
                    lane: entry.lane, intakeLane: entry.lane, promoted: false, dueMillis: entry.dueMillis,
                    enqueuedMillis: entry.enqueuedMillis, payload: entry.payload
                ).encoded())
            }
            return (partition: group.partition, arguments: arguments)
        }
        let replies = try callEach(.submit, calls)
        var verdicts = [SubmitVerdict](repeating: .accepted, count: entries.count)
        for (group, reply) in zip(groups, replies) {
            guard case let .array(items) = reply, items.count == group.positions.count else {
                throw .unexpectedReply(operation: "submit", reply: String(describing: reply))
            }
            for (position, item) in zip(group.positions, items) {
                guard let code = item.int, let verdict = SubmitVerdict(code: code) else {
                    throw .unexpectedReply(operation: "submit", reply: String(describing: reply))
                }
                verdicts[position] = verdict
            }
        }
        return verdicts
    }

    /// Returns expired leases and the tickets of dead workers to their lanes, in every partition.
    public func reap() throws(LanesError) -> ReapResult {
        let workers = try command(["HKEYS", keys.key(.workers)], "reap").array?.compactMap(\.string) ?? []
        let replies = try callEach(
            .reap, keys.allPartitions.map { ($0, workers.map { Array($0.utf8) }) }, trailingKeys: workers.map { keys.alive(worker: $0) }
        )
        var expired = 0, orphaned = 0
        var dead: [String] = []
        for reply in replies {
            guard let items = reply.array, items.count == 3, let expiredHere = items[0].int, let orphanedHere = items[1].int,
                  let deadHere = items[2].array
            else { throw .unexpectedReply(operation: "reap", reply: "\(reply)") }
            expired += Int(expiredHere)
            orphaned += Int(orphanedHere)
            for worker in deadHere.compactMap(\.string) where !dead.contains(worker) { dead.append(worker) }
        }
        return ReapResult(expiredLeases: expired, orphaned: orphaned, deadWorkers: dead)
    }

    /// Returns every in-flight ticket of `worker` to its lane (its previous process is gone).
    public func requeueInFlight(ofWorker worker: String) throws(LanesError) -> Int {
        try callEach(.requeueWorker, keys.allPartitions.map { ($0, [Array(worker.utf8)]) }).reduce(0) { $0 + Int($1.int ?? 0) }
    }

    /// Promotes lower-tier tickets whose promotion instant has come, looking at up to `limit`
    /// promotion entries per call and making up to `rounds` calls while entries are due (so a
    /// busy instant is worked through in short atomic steps); in every partition.
    ///
    /// - Returns: how many tickets were promoted.
    public func promote(limit: Int = 1000, rounds: Int = 16) throws(LanesError) -> Int {
        var promoted = 0
        var busy = keys.allPartitions
        for _ in 0..<max(1, rounds) where !busy.isEmpty {
            let replies = try callEach(.promote, busy.map { ($0, [bytes(max(1, limit))]) })
            var stillBusy: [LaneKeys] = []
            for (partition, reply) in zip(busy, replies) {
                guard let items = reply.array, items.count == 2, let moved = items[0].int, let more = items[1].int else {
                    throw .unexpectedReply(operation: "promote", reply: "\(reply)")
                }
                promoted += Int(moved)
                if more != 0 { stillBusy.append(partition) }
            }
            busy = stillBusy
        }
        return promoted
    }

    /// Blocks until urgent work may be waiting (a same-business-day ticket was queued or came
    /// back, in any partition) or `timeout` passes; for a worker's urgent claimer, on a
    /// connection of its own.
    ///
    /// - Returns: whether a wake-up arrived.
    public func waitForUrgentWork(timeout: Duration) throws(LanesError) -> Bool {
        let seconds = Double(timeout.wholeMilliseconds) / 1000
        let reply = try command(["BLPOP"] + keys.allPartitions.map { $0.key(.urgentWake) } + [String(seconds)], "wait")
        return !reply.isNull
    }

    /// Blocks until a submit or a release rings a wake-up key (of any partition), or `timeout` passes.
    ///
    /// Run it on a connection of its own: it holds the connection for up to `timeout`.
    /// - Returns: true when woken by new work.
    public func waitForWork(timeout: Duration) throws(LanesError) -> Bool {
        let seconds = Double(timeout.wholeMilliseconds) / 1000
        let reply = try command(["BLPOP"] + keys.allPartitions.map { $0.key(.wake) } + [String(seconds)], "wait")
        return !reply.isNull
    }

    /// A snapshot of depths, in-flight and dead-letter counts over every partition (each
    /// partition's figures consistent; the partitions read in one round trip).
    ///
    /// - Parameter sample: how many tickets at the head of each lane to inspect for the oldest age.
    public func snapshot(sample: Int = 256) throws(LanesError) -> LaneSnapshot {
        let replies = try callEach(.status, keys.allPartitions.map { ($0, [bytes(sample)]) })
        var now: Int64 = 0
        var inFlight = 0, dead = 0, dedupe = 0
        var lanes: [Lane: LaneSnapshot.LaneFigures] = [:]
        for reply in replies {
            guard let items = reply.array, items.count == 7, let serverNow = items[0].int, let inFlightHere = items[1].int,
                  let deadHere = items[2].int, let dedupeHere = items[3].int
            else { throw .unexpectedReply(operation: "status", reply: "\(reply)") }
            now = max(now, serverNow)
            inFlight += Int(inFlightHere)
            dead += Int(deadHere)
            dedupe += Int(dedupeHere)
            for (offset, lane) in [Lane.sameBusinessDay, .extended, .standard].enumerated() {
                guard let figures = items[4 + offset].array, figures.count == 4 else {
                    throw .unexpectedReply(operation: "status", reply: "\(reply)")
                }
                let here = LaneSnapshot.LaneFigures(
                    queued: Int(figures[0].int ?? 0), retrying: Int(figures[1].int ?? 0),
                    earliestDueMillis: figures[2].string.flatMap { Double($0) }.map { Int64($0) },
                    oldestEnqueuedMillis: figures[3].int
                )
                lanes[lane] = lanes[lane].map { $0.combined(with: here) } ?? here
            }
        }
        return LaneSnapshot(serverTimeMillis: now, inFlight: inFlight, deadLetters: dead, dedupeEntries: dedupe, lanes: lanes)
    }

    /// Bytes Redis uses for the dedupe window (`MEMORY USAGE` of its keys in every partition), or
    /// nil when unavailable.
    public func dedupeMemoryBytes() throws(LanesError) -> Int? {
        var total = 0
        var measured = false
        for partition in keys.allPartitions {
            for slot: LaneKeys.Slot in [.seen, .seenOrder, .seenMarks] {
                guard let bytes = try command(["MEMORY", "USAGE", partition.key(slot), "SAMPLES", "0"], "memory").int else { continue }
                measured = measured || slot == .seen
                total += Int(bytes)
            }
        }
        return measured ? total : nil
    }

    // MARK: Plumbing

    /// Every field of a hash with a text value, by name.
    func hashFields(_ key: [UInt8], _ operation: String) throws(LanesError) -> [String: String] {
        let items = try command(["HGETALL", key], operation).array ?? []
        var fields: [String: String] = [:]
        var index = 0
        while index + 1 < items.count {
            if let name = items[index].string, let value = items[index + 1].string { fields[name] = value }
            index += 2
        }
        return fields
    }

    func command(_ parts: [any RedisArgument], _ operation: String) throws(LanesError) -> RedisReply {
        do {
            return try connection.command(parts.map(\.redisBytes))
        } catch {
            throw .redis(error)
        }
    }

    func flags(_ reply: RedisReply, count: Int, _ operation: String) throws(LanesError) -> [Bool] {
        guard let items = reply.array, items.count == count else {
            throw .unexpectedReply(operation: operation, reply: "\(reply)")
        }
        // 1 accepted; 2 accepted for a ticket lost with Redis's data before a recovery.
        return items.map { ($0.int ?? 0) >= 1 }
    }

    func bytes<Number: BinaryInteger>(_ value: Number) -> [UInt8] {
        Array(String(value).utf8)
    }
}

/// Anything that can be one argument of a Redis command.
protocol RedisArgument {
    var redisBytes: [UInt8] { get }
}

extension String: RedisArgument {
    var redisBytes: [UInt8] { Array(utf8) }
}

extension Array: RedisArgument where Element == UInt8 {
    var redisBytes: [UInt8] { self }
}
