import TicketQRedis

extension LaneStore {
    /// Dead letters, oldest first (over every partition).
    public func deadLetters(limit: Int = 1000) throws(LanesError) -> [DeadLetter] {
        var found: [(id: String, at: Int64, partition: LaneKeys)] = []
        for partition in keys.allPartitions {
            let reply = try command(["ZRANGE", partition.key(.dead), "0", String(max(0, limit - 1)), "WITHSCORES"], "dlq list")
            let items = reply.array ?? []
            var index = 0
            while index + 1 < items.count {
                if let id = items[index].string {
                    found.append((id, items[index + 1].string.flatMap { Double($0) }.map { Int64($0) } ?? 0, partition))
                }
                index += 2
            }
        }
        found.sort { ($0.at, $0.id) < ($1.at, $1.id) }
        found = Array(found.prefix(max(0, limit)))
        guard !found.isEmpty else { return [] }
        var infos: [String: String] = [:]
        for (partition, entries) in Dictionary(grouping: found, by: { $0.partition }) {
            let ids = entries.map(\.id)
            let values = try command(["HMGET", partition.key(.deadInfo)] + ids, "dlq list").array ?? []
            for (id, value) in zip(ids, values) { infos[id] = value.string }
        }
        return found.map { DeadLetter(id: $0.id, deadAtMillis: $0.at, infoJSON: infos[$0.id] ?? "{}", payload: nil) }
    }

    /// One dead letter with its payload, or nil when the id is not dead-lettered.
    public func deadLetter(id: String) throws(LanesError) -> DeadLetter? {
        let partition = keys.partition(of: id)
        guard let score = try command(["ZSCORE", partition.key(.dead), id], "dlq show").string.flatMap(Double.init) else { return nil }
        let info = try command(["HGET", partition.key(.deadInfo), id], "dlq show").string ?? "{}"
        let stored = try command(["HGET", partition.key(.ticket), id], "dlq show").bytes
        let payload: [UInt8]?
        do {
            payload = try stored.map { bytes throws(StoredRecordError) in try TicketRecord(decoding: bytes).payload }
        } catch {
            throw .unexpectedReply(operation: "dlq show", reply: "\(error)")
        }
        return DeadLetter(id: id, deadAtMillis: Int64(score), infoJSON: info, payload: payload)
    }

    /// Requeues dead letters into their lanes with a fresh delivery count; an empty list means all.
    ///
    /// - Returns: how many were requeued.
    public func requeueDeadLetters(_ ids: [String]) throws(LanesError) -> Int {
        let calls = ids.isEmpty
            ? keys.allPartitions.map { (partition: $0, arguments: [bytes(0)]) }
            : partitioned(ids.count) { ids[$0] }.map { group in
                (partition: group.partition, arguments: [bytes(group.positions.count)] + group.positions.map { Array(ids[$0].utf8) })
            }
        return try callEach(.requeueDead, calls).reduce(0) { $0 + Int($1.int ?? 0) }
    }

    /// Deletes every dead letter and its payload, in every partition.
    ///
    /// - Returns: how many were deleted.
    public func purgeDeadLetters() throws(LanesError) -> Int {
        try callEach(.purgeDead, keys.allPartitions.map { ($0, []) }).reduce(0) { $0 + Int($1.int ?? 0) }
    }
}

extension Array {
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
