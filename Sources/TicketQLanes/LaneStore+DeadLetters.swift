import TicketQRedis

extension LaneStore {
    /// Dead letters, oldest first.
    public func deadLetters(limit: Int = 1000) throws(LanesError) -> [DeadLetter] {
        let reply = try command(["ZRANGE", keys.key(.dead), "0", String(max(0, limit - 1)), "WITHSCORES"], "dlq list")
        let items = reply.array ?? []
        var ids: [String] = []
        var times: [Int64] = []
        var index = 0
        while index + 1 < items.count {
            if let id = items[index].string {
                ids.append(id)
                times.append(items[index + 1].string.flatMap { Double($0) }.map { Int64($0) } ?? 0)
            }
            index += 2
        }
        guard !ids.isEmpty else { return [] }
        let infos = try command(["HMGET", keys.key(.deadInfo)] + ids, "dlq list").array ?? []
        return ids.indices.map { position in
            DeadLetter(id: ids[position], deadAtMillis: times[position], infoJSON: infos[safe: position]?.string ?? "{}", payload: nil)
        }
    }

    /// One dead letter with its payload, or nil when the id is not dead-lettered.
    public func deadLetter(id: String) throws(LanesError) -> DeadLetter? {
        guard let score = try command(["ZSCORE", keys.key(.dead), id], "dlq show").string.flatMap(Double.init) else { return nil }
        let info = try command(["HGET", keys.key(.deadInfo), id], "dlq show").string ?? "{}"
        let stored = try command(["HGET", keys.key(.ticket), id], "dlq show").bytes
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
        Int(try call(.requeueDead, [bytes(ids.count)] + ids.map { Array($0.utf8) }).int ?? 0)
    }

    /// Deletes every dead letter and its payload.
    ///
    /// - Returns: how many were deleted.
    public func purgeDeadLetters() throws(LanesError) -> Int {
        Int(try call(.purgeDead, []).int ?? 0)
    }
}

extension Array {
    subscript(safe index: Int) -> Element? {
        indices.contains(index) ? self[index] : nil
    }
}
