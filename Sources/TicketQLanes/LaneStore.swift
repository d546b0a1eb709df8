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

    /// Claims up to `batchSize` tickets for `worker`, urgent lane first with the lower tier's floor
    /// (over several partitions as ``ClaimPlan`` shares the batch out).
    public func claim(worker: String, batchSize: Int, scope: ClaimScope = .allLanes(leavingUrgent: 0)) throws(LanesError) -> ClaimBatch {
        let batch = min(max(batchSize, 1), 1000)
        let plan = keys.partitions == 1 ? [ClaimPlan.Share(partition: 0, count: batch, leavingUrgent: scope.leavingUrgent)]
            : try ClaimPlan(batch: batch, scope: scope, depths: partitionDepths()).shares
        let calls = plan.map { share in
            (partition: keys.partition(share.partition), arguments: [
                Array(worker.utf8), bytes(share.count), bytes(configuration.leaseDuration.wholeMilliseconds),
                Array(String(configuration.lowerStep).utf8),
            ] + scope.arguments(leavingUrgent: share.leavingUrgent))
        }
        let replies = try callEach(.claim, calls)
        var now: Int64 = 0
        var waiting = 0
        var claimed: [(partition: LaneKeys, ids: [[UInt8]], attempts: [Int], crashes: [Int], firstToken: Int64, inline: [RedisReply])] = []
        for (call, reply) in zip(calls, replies) {
            guard let items = reply.array, items.count == 6, let serverNow = items[0].int, let suspects = items[1].int,
                  let firstToken = items[2].int, let claimedIDs = items[3].array, let redelivered = items[4].array,
                  let inline = items[5].array
            else { throw .unexpectedReply(operation: "claim", reply: "\(reply)") }
            now = max(now, serverNow)
            waiting += Int(suspects)
            let count = claimedIDs.count
            guard count > 0 else { continue }
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
            claimed.append((call.partition, ids, attempts, crashes, firstToken, inline))
        }
        guard !claimed.isEmpty else { return ClaimBatch(serverTimeMillis: now, tickets: [], suspectsWaiting: waiting) }
        let fetched: [RedisReply]
        if scope.fetchesInline {
            fetched = claimed.map { RedisReply.array($0.inline) }
        } else {
            do {
                fetched = try connection.pipeline(claimed.map { [Array("HMGET".utf8), $0.partition.key(.ticket)] + $0.ids })
            } catch {
                throw .redis(error)
            }
        }
        var tickets: [ClaimedTicket] = []
        tickets.reserveCapacity(claimed.reduce(0) { $0 + $1.ids.count })
        for (part, recordsReply) in zip(claimed, fetched) {
            let records = recordsReply.array ?? []
            for position in part.ids.indices {
                let id = String(decoding: part.ids[position], as: UTF8.self)
                let lease = TicketLease(id: id, token: part.firstToken + Int64(position))
                // A record that is missing or unreadable leaves the payload nil: the worker dead-letters
                // it (in the standard lane, due now: nothing else is known of it).
                guard let stored = records[safe: position]?.bytes, let record = try? TicketRecord(decoding: stored) else {
                    tickets.append(ClaimedTicket(
                        lease: lease, attempts: part.attempts[position], lane: .standard, intakeLane: .standard, promoted: false,
                        dueMillis: now, enqueuedMillis: 0, payload: nil, crashedDeliveries: part.crashes[position]
                    ))
                    continue
                }
                tickets.append(ClaimedTicket(
                    lease: lease, attempts: part.attempts[position], lane: record.lane, intakeLane: record.intakeLane,
                    promoted: record.promoted, dueMillis: record.dueMillis, enqueuedMillis: record.enqueuedMillis,
                    payload: record.payload, crashedDeliveries: part.crashes[position]
                ))
            }
        }
        // Urgent first, then the lower tier earliest deadline first, as the tickets were chosen.
        tickets.sort { ($0.lane == .sameBusinessDay ? 0 : 1, $0.dueMillis) < ($1.lane == .sameBusinessDay ? 0 : 1, $1.dueMillis) }
        return ClaimBatch(serverTimeMillis: now, tickets: tickets, suspectsWaiting: waiting)
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
        try settle(.acknowledge, leases.count, id: { leases[$0].id }, journalWorker: journalWorker, journal: journal, forgetting: forgetting) {
            [Array(leases[$0].id.utf8), bytes(leases[$0].token)]
        }
    }

    /// Moves tickets to the dead-letter set with a JSON object describing why; the journal
    /// arguments are those of ``acknowledge(_:journalWorker:journal:forgetting:)``.
    public func deadLetter(
        _ items: [(lease: TicketLease, infoJSON: String)], journalWorker: String? = nil, journal: AckJournal = .general,
        forgetting: [String] = []
    ) throws(LanesError) -> [Bool] {
        try settle(.deadLetter, items.count, id: { items[$0].lease.id }, journalWorker: journalWorker, journal: journal, forgetting: forgetting) {
            [Array(items[$0].lease.id.utf8), bytes(items[$0].lease.token), Array(items[$0].infoJSON.utf8)]
        }
    }

    /// Settles `count` items by `function`, each partition's share in one call (in one round
    /// trip): the arguments are the count, each item's arguments, then the journal ids to forget.
    private func settle(
        _ function: LaneFunction, _ count: Int, id: (Int) -> String, journalWorker: String?, journal: AckJournal, forgetting: [String],
        item: (Int) -> [[UInt8]]
    ) throws(LanesError) -> [Bool] {
        guard count > 0 else { return [] }
        let groups = partitioned(count, id: id)
        let forgettingByPartition = partitionedIDs(forgetting)
        // Journal entries to forget in a partition the batch does not touch wait for a later
        // settlement there, or for the journal's clearing: forgetting them is not urgent.
        var calls: [(partition: LaneKeys, arguments: [[UInt8]])] = []
        for group in groups {
            var arguments = [bytes(group.positions.count)]
            for position in group.positions { arguments += item(position) }
            arguments += forgettingArguments(forgettingByPartition[group.partition.partition ?? 0] ?? [])
            calls.append((group.partition, arguments))
        }
        let replies = try callEach(function, calls, journal: journalWorker.map { worker in { $0.ackJournal(worker: worker, journal: journal) } })
        var accepted = [Bool](repeating: false, count: count)
        for (group, reply) in zip(groups, replies) {
            let flags = try flags(reply, count: group.positions.count, function.name)
            for (position, flag) in zip(group.positions, flags) { accepted[position] = flag }
        }
        return accepted
    }

    /// Who holds a ticket's lease now: the fencing token and worker id, or nil when nobody does.
    public func leaseHolder(of id: String) throws(LanesError) -> (token: Int64, worker: String)? {
        guard let lease = try command(["HGET", keys.partition(of: id).key(.lease), id], "lease").string else { return nil }
        let parts = lease.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count >= 2, let token = Int64(parts[0]) else { return nil }
        return (token, String(parts[1]))
    }

    /// Puts a ticket aside until `delay` has passed; it then returns to its lane.
    ///
    /// - Returns: false when the lease was already lost.
    public func retry(_ lease: TicketLease, after delay: Duration) throws(LanesError) -> Bool {
        let reply = try call(
            .retry, [Array(lease.id.utf8), bytes(lease.token), bytes(max(0, delay.wholeMilliseconds))], partition: keys.partition(of: lease.id)
        )
        return reply.int == 1
    }

    /// Hands tickets back to their lanes without counting the delivery.
    public func release(_ leases: [TicketLease]) throws(LanesError) -> [Bool] {
        try settle(.release, leases.count, id: { leases[$0].id }, journalWorker: nil, journal: .general, forgetting: []) {
            [Array(leases[$0].id.utf8), bytes(leases[$0].token)]
        }
    }

    /// Extends the leases of tickets still being handled.
    ///
    /// - Returns: one flag per lease: false when it was lost.
    public func renew(_ leases: [TicketLease]) throws(LanesError) -> [Bool] {
        guard !leases.isEmpty else { return [] }
        let groups = partitioned(leases.count) { leases[$0].id }
        let calls = groups.map { group in
            var arguments = [bytes(configuration.leaseDuration.wholeMilliseconds), bytes(group.positions.count)]
            for position in group.positions { arguments += [Array(leases[position].id.utf8), bytes(leases[position].token)] }
            return (partition: group.partition, arguments: arguments)
        }
        let replies = try callEach(.renew, calls)
        var kept = [Bool](repeating: false, count: leases.count)
        for (group, reply) in zip(groups, replies) {
            for (position, flag) in zip(group.positions, try flags(reply, count: group.positions.count, "renew")) { kept[position] = flag }
        }
        return kept
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

    private func flags(_ reply: RedisReply, count: Int, _ operation: String) throws(LanesError) -> [Bool] {
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
