import TicketQRedis

extension LaneStore {
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
        try settle(.acknowledge, leases.count, id: { leases[$0].id }, journal: journalKey(journalWorker, journal), forgetting: forgetting) {
            [Array(leases[$0].id.utf8), bytes(leases[$0].token)]
        }
    }

    /// Moves tickets to the dead-letter set with a JSON object describing why; the journal
    /// arguments are those of ``acknowledge(_:journalWorker:journal:forgetting:)``.
    public func deadLetter(
        _ items: [(lease: TicketLease, infoJSON: String)], journalWorker: String? = nil, journal: AckJournal = .general,
        forgetting: [String] = []
    ) throws(LanesError) -> [Bool] {
        try settle(.deadLetter, items.count, id: { items[$0].lease.id }, journal: journalKey(journalWorker, journal), forgetting: forgetting) {
            [Array(items[$0].lease.id.utf8), bytes(items[$0].lease.token), Array(items[$0].infoJSON.utf8)]
        }
    }

    /// Runs `function` over `count` items, each partition's share in one call (all in one round
    /// trip): the arguments are `leading`, the share's count, each item's arguments, then (when
    /// `forgetting` is given) the journal ids of that partition to forget.
    private func settle(
        _ function: LaneFunction, _ count: Int, id: (Int) -> String, leading: [[UInt8]] = [],
        journal: ((LaneKeys) -> [UInt8])? = nil, forgetting: [String]? = nil, item: (Int) -> [[UInt8]]
    ) throws(LanesError) -> [Bool] {
        guard count > 0 else { return [] }
        let groups = partitioned(count, id: id)
        // Journal entries to forget in a partition the batch does not touch wait for a later
        // settlement there, or for the journal's clearing: forgetting them is not urgent.
        let forgettingByPartition = forgetting.map(partitionedIDs)
        let calls = groups.map { group in
            var arguments = leading + [bytes(group.positions.count)]
            for position in group.positions { arguments += item(position) }
            if let forgettingByPartition { arguments += forgettingArguments(forgettingByPartition[group.partition.partition ?? 0] ?? []) }
            return (partition: group.partition, arguments: arguments)
        }
        let replies = try callEach(function, calls, journal: journal)
        var flags = [Bool](repeating: false, count: count)
        for (group, reply) in zip(groups, replies) {
            for (position, flag) in zip(group.positions, try self.flags(reply, count: group.positions.count, function.name)) { flags[position] = flag }
        }
        return flags
    }

    /// The key of `worker`'s `journal` in each partition, or nil when no worker is named.
    private func journalKey(_ worker: String?, _ journal: AckJournal) -> ((LaneKeys) -> [UInt8])? {
        worker.map { worker in { $0.ackJournal(worker: worker, journal: journal) } }
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
        try settle(.release, leases.count, id: { leases[$0].id }) {
            [Array(leases[$0].id.utf8), bytes(leases[$0].token)]
        }
    }

    /// Extends the leases of tickets still being handled.
    ///
    /// - Returns: one flag per lease: false when it was lost.
    public func renew(_ leases: [TicketLease]) throws(LanesError) -> [Bool] {
        try settle(.renew, leases.count, id: { leases[$0].id }, leading: [bytes(configuration.leaseDuration.wholeMilliseconds)]) {
            [Array(leases[$0].id.utf8), bytes(leases[$0].token)]
        }
    }
}
