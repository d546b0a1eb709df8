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

    /// Enqueues tickets in one atomic step.
    ///
    /// - Returns: one verdict per entry, in order.
    /// - Throws: ``LanesError`` — e.g. a server error reply `OOM …` or `READONLY …` when Redis
    ///   refuses writes, in which case none of the batch was accepted.
    public func submit(_ entries: [LaneEntry]) throws(LanesError) -> [SubmitVerdict] {
        guard !entries.isEmpty else { return [] }
        var arguments: [[UInt8]] = [bytes(configuration.dedupeWindow.wholeMilliseconds), bytes(entries.count)]
        arguments.reserveCapacity(2 + entries.count * 6)
        for entry in entries {
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
        let reply = try call(.submit, arguments)
        guard case let .array(items) = reply, items.count == entries.count else {
            throw .unexpectedReply(operation: "submit", reply: String(describing: reply))
        }
        var verdicts: [SubmitVerdict] = []
        verdicts.reserveCapacity(items.count)
        for item in items {
            guard let code = item.int, let verdict = SubmitVerdict(code: code) else {
                throw .unexpectedReply(operation: "submit", reply: String(describing: reply))
            }
            verdicts.append(verdict)
        }
        return verdicts
    }

    /// Claims up to `batchSize` tickets for `worker`, urgent lane first with the lower tier's floor.
    public func claim(worker: String, batchSize: Int, scope: ClaimScope = .allLanes(leavingUrgent: 0)) throws(LanesError) -> ClaimBatch {
        let reply = try call(.claim, [
            Array(worker.utf8), bytes(min(max(batchSize, 1), 1000)),
            bytes(configuration.leaseDuration.wholeMilliseconds), Array(String(configuration.lowerStep).utf8),
        ] + scope.arguments)
        guard let items = reply.array, items.count == 6, let now = items[0].int, let waiting = items[1].int,
              let firstToken = items[2].int, let claimedIDs = items[3].array, let redelivered = items[4].array,
              let inline = items[5].array
        else { throw .unexpectedReply(operation: "claim", reply: "\(reply)") }
        let count = claimedIDs.count
        guard count > 0 else { return ClaimBatch(serverTimeMillis: now, tickets: [], suspectsWaiting: Int(waiting)) }
        var ids: [[UInt8]] = []
        ids.reserveCapacity(count)
        for id in claimedIDs {
            guard let bytes = id.bytes else { throw .unexpectedReply(operation: "claim", reply: "\(reply)") }
            ids.append(bytes)
        }
        // Most tickets are on their first delivery; the others are listed by position.
        var attempts = [Int](repeating: 1, count: count)
        var crashes = [Int](repeating: 0, count: count)
        for entry in redelivered {
            guard let fields = entry.array, fields.count == 3, let position = fields[0].int, (1...count).contains(Int(position)),
                  let delivery = fields[1].int, let crashed = fields[2].int
            else { throw .unexpectedReply(operation: "claim", reply: "\(reply)") }
            attempts[Int(position) - 1] = Int(delivery)
            crashes[Int(position) - 1] = Int(crashed)
        }
        let records: [RedisReply]
        if scope.fetchesInline {
            records = inline
        } else {
            do {
                records = try connection.command([Array("HMGET".utf8), keys.key(.ticket)] + ids).array ?? []
            } catch {
                throw .redis(error)
            }
        }
        var tickets: [ClaimedTicket] = []
        tickets.reserveCapacity(count)
        for position in 0..<count {
            let id = String(decoding: ids[position], as: UTF8.self)
            let lease = TicketLease(id: id, token: firstToken + Int64(position))
            // A record that is missing or unreadable leaves the payload nil: the worker dead-letters
            // it (in the standard lane, due now: nothing else is known of it).
            guard let stored = records[safe: position]?.bytes, let record = try? TicketRecord(decoding: stored) else {
                tickets.append(ClaimedTicket(
                    lease: lease, attempts: attempts[position], lane: .standard, intakeLane: .standard, promoted: false,
                    dueMillis: now, enqueuedMillis: 0, payload: nil, crashedDeliveries: crashes[position]
                ))
                continue
            }
            tickets.append(ClaimedTicket(
                lease: lease, attempts: attempts[position], lane: record.lane, intakeLane: record.intakeLane,
                promoted: record.promoted, dueMillis: record.dueMillis, enqueuedMillis: record.enqueuedMillis,
                payload: record.payload, crashedDeliveries: crashes[position]
            ))
        }
        // Urgent first, then the lower tier earliest deadline first, as the tickets were chosen.
        tickets.sort { ($0.lane == .sameBusinessDay ? 0 : 1, $0.dueMillis) < ($1.lane == .sameBusinessDay ? 0 : 1, $1.dueMillis) }
        return ClaimBatch(serverTimeMillis: now, tickets: tickets, suspectsWaiting: Int(waiting))
    }

    /// Acknowledges completed tickets, which then leave Redis.
    ///
    /// - Returns: one flag per lease: false when the lease was lost (the outcome must be superseded).
    /// - Parameters:
    ///   - journalWorker: a worker whose ack journal records the accepted leases (see
    ///     ``ackJournal(worker:journal:)``); nil records nothing.
    ///   - journal: which of the worker's journals.
    ///   - forgetting: journal entries (ticket ids) the worker's store has confirmed since its
    ///     last settlement, removed from the journal in the same call.
    public func acknowledge(
        _ leases: [TicketLease], journalWorker: String? = nil, journal: AckJournal = .general, forgetting: [String] = []
    ) throws(LanesError) -> [Bool] {
        guard !leases.isEmpty else { return [] }
        let reply = try call(
            .acknowledge, [bytes(leases.count)] + pairs(leases) + forgettingArguments(forgetting),
            journal: journalWorker.map { keys.ackJournal(worker: $0, journal: journal) }
        )
        return try flags(reply, count: leases.count, "acknowledge")
    }

    /// Moves tickets to the dead-letter set with a JSON object describing why; the journal
    /// arguments are those of ``acknowledge(_:journalWorker:journal:forgetting:)``.
    public func deadLetter(
        _ items: [(lease: TicketLease, infoJSON: String)], journalWorker: String? = nil, journal: AckJournal = .general,
        forgetting: [String] = []
    ) throws(LanesError) -> [Bool] {
        guard !items.isEmpty else { return [] }
        var arguments = [bytes(items.count)]
        for item in items {
            arguments += [Array(item.lease.id.utf8), bytes(item.lease.token), Array(item.infoJSON.utf8)]
        }
        let reply = try call(
            .deadLetter, arguments + forgettingArguments(forgetting),
            journal: journalWorker.map { keys.ackJournal(worker: $0, journal: journal) }
        )
        return try flags(reply, count: items.count, "dead-letter")
    }

    /// Who holds a ticket's lease now: the fencing token and worker id, or nil when nobody does.
    public func leaseHolder(of id: String) throws(LanesError) -> (token: Int64, worker: String)? {
        guard let lease = try command(["HGET", keys.key(.lease), id], "lease").string else { return nil }
        let parts = lease.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count >= 2, let token = Int64(parts[0]) else { return nil }
        return (token, String(parts[1]))
    }

    /// Puts a ticket aside until `delay` has passed; it then returns to its lane.
    ///
    /// - Returns: false when the lease was already lost.
    public func retry(_ lease: TicketLease, after delay: Duration) throws(LanesError) -> Bool {
        let reply = try call(.retry, [Array(lease.id.utf8), bytes(lease.token), bytes(max(0, delay.wholeMilliseconds))])
        return reply.int == 1
    }

    /// Hands tickets back to their lanes without counting the delivery.
    public func release(_ leases: [TicketLease]) throws(LanesError) -> [Bool] {
        guard !leases.isEmpty else { return [] }
        return try flags(call(.release, [bytes(leases.count)] + pairs(leases)), count: leases.count, "release")
    }

    /// Extends the leases of tickets still being handled.
    ///
    /// - Returns: one flag per lease: false when it was lost.
    public func renew(_ leases: [TicketLease]) throws(LanesError) -> [Bool] {
        guard !leases.isEmpty else { return [] }
        let arguments = [bytes(configuration.leaseDuration.wholeMilliseconds), bytes(leases.count)] + pairs(leases)
        return try flags(call(.renew, arguments), count: leases.count, "renew")
    }

    /// Returns expired leases and the tickets of dead workers to their lanes.
    public func reap() throws(LanesError) -> ReapResult {
        let workers = try command(["HKEYS", keys.key(.workers)], "reap").array?.compactMap(\.string) ?? []
        let reply = try call(.reap, workers.map { Array($0.utf8) }, trailingKeys: workers.map { keys.alive(worker: $0) })
        guard let items = reply.array, items.count == 3, let expired = items[0].int, let orphaned = items[1].int,
              let dead = items[2].array
        else { throw .unexpectedReply(operation: "reap", reply: "\(reply)") }
        return ReapResult(expiredLeases: Int(expired), orphaned: Int(orphaned), deadWorkers: dead.compactMap { $0.string })
    }

    /// Returns every in-flight ticket of `worker` to its lane (its previous process is gone).
    public func requeueInFlight(ofWorker worker: String) throws(LanesError) -> Int {
        Int(try call(.requeueWorker, [Array(worker.utf8)]).int ?? 0)
    }

    /// Promotes lower-tier tickets whose promotion instant has come, looking at up to `limit`
    /// promotion entries per call and making up to `rounds` calls while entries are due (so a
    /// busy instant is worked through in short atomic steps).
    ///
    /// - Returns: how many tickets were promoted.
    public func promote(limit: Int = 1000, rounds: Int = 16) throws(LanesError) -> Int {
        var promoted = 0
        for _ in 0..<max(1, rounds) {
            let reply = try call(.promote, [bytes(max(1, limit))])
            guard let items = reply.array, items.count == 2, let moved = items[0].int, let more = items[1].int else {
                throw .unexpectedReply(operation: "promote", reply: "\(reply)")
            }
            promoted += Int(moved)
            if more == 0 { break }
        }
        return promoted
    }

    /// Blocks until urgent work may be waiting (a same-business-day ticket was queued or came
    /// back) or `timeout` passes; for a worker's urgent claimer, on a connection of its own.
    ///
    /// - Returns: whether a wake-up arrived.
    public func waitForUrgentWork(timeout: Duration) throws(LanesError) -> Bool {
        let seconds = Double(timeout.wholeMilliseconds) / 1000
        let reply = try command(["BLPOP", keys.key(.urgentWake), String(seconds)], "wait")
        return !reply.isNull
    }

    /// Blocks until a submit or a release rings the wake-up key, or `timeout` passes.
    ///
    /// Run it on a connection of its own: it holds the connection for up to `timeout`.
    /// - Returns: true when woken by new work.
    public func waitForWork(timeout: Duration) throws(LanesError) -> Bool {
        let seconds = Double(timeout.wholeMilliseconds) / 1000
        let reply = try command(["BLPOP", keys.key(.wake), String(seconds)], "wait")
        return !reply.isNull
    }

    /// A consistent snapshot of depths, in-flight and dead-letter counts.
    ///
    /// - Parameter sample: how many tickets at the head of each lane to inspect for the oldest age.
    public func snapshot(sample: Int = 256) throws(LanesError) -> LaneSnapshot {
        let reply = try call(.status, [bytes(sample)])
        guard let items = reply.array, items.count == 7, let now = items[0].int, let inFlight = items[1].int,
              let dead = items[2].int, let dedupe = items[3].int
        else { throw .unexpectedReply(operation: "status", reply: "\(reply)") }
        var lanes: [Lane: LaneSnapshot.LaneFigures] = [:]
        for (offset, lane) in [Lane.sameBusinessDay, .extended, .standard].enumerated() {
            guard let figures = items[4 + offset].array, figures.count == 4 else {
                throw .unexpectedReply(operation: "status", reply: "\(reply)")
            }
            lanes[lane] = LaneSnapshot.LaneFigures(
                queued: Int(figures[0].int ?? 0), retrying: Int(figures[1].int ?? 0),
                earliestDueMillis: figures[2].string.flatMap { Double($0) }.map { Int64($0) },
                oldestEnqueuedMillis: figures[3].int
            )
        }
        return LaneSnapshot(serverTimeMillis: now, inFlight: Int(inFlight), deadLetters: Int(dead), dedupeEntries: Int(dedupe), lanes: lanes)
    }

    /// Bytes Redis uses for the dedupe window (`MEMORY USAGE` of its keys), or nil when unavailable.
    public func dedupeMemoryBytes() throws(LanesError) -> Int? {
        var total = 0
        for slot: LaneKeys.Slot in [.seen, .seenOrder, .seenMarks] {
            guard let bytes = try command(["MEMORY", "USAGE", keys.key(slot), "SAMPLES", "0"], "memory").int else {
                if slot == .seen { return nil } else { continue }
            }
            total += Int(bytes)
        }
        return total
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

    private func flags(_ reply: RedisReply, count: Int, _ operation: String) throws(LanesError) -> [Bool] {
        guard let items = reply.array, items.count == count else {
            throw .unexpectedReply(operation: operation, reply: "\(reply)")
        }
        // 1 accepted; 2 accepted for a ticket lost with Redis's data before a recovery.
        return items.map { ($0.int ?? 0) >= 1 }
    }

    private func pairs(_ leases: [TicketLease]) -> [[UInt8]] {
        var result: [[UInt8]] = []
        result.reserveCapacity(leases.count * 2)
        for lease in leases {
            result.append(Array(lease.id.utf8))
            result.append(bytes(lease.token))
        }
        return result
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
