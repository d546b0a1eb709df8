import TicketQRedis

extension LaneStore {
    /// Ids per read when walking large sets.
    static let auditChunk = 10_000

    /// The ids the deployment accepted within its dedupe window (submit records every accepted
    /// id there), oldest first within each partition, partition by partition.
    public func acceptedTicketIDs() throws(LanesError) -> [String] {
        var ids: [String] = []
        for partition in keys.allPartitions {
            var start = 0
            while true {
                let reply = try command(["LRANGE", partition.key(.seenOrder), String(start), String(start + Self.auditChunk - 1)], "audit")
                let items = reply.array ?? []
                ids.append(contentsOf: items.compactMap(\.string))
                if items.count < Self.auditChunk { break }
                start += Self.auditChunk
            }
        }
        return ids
    }

    /// Where each of `ids` stands in Redis: queued, in flight, retrying, dead-lettered, or gone.
    public func states(of ids: [String]) throws(LanesError) -> [TicketState] {
        guard keys.partitions > 1 else { return try states(of: ids, in: keys) }
        var result = [TicketState](repeating: .gone, count: ids.count)
        for group in partitioned(ids.count, id: { ids[$0] }) {
            let found = try states(of: group.positions.map { ids[$0] }, in: group.partition)
            for (position, state) in zip(group.positions, found) { result[position] = state }
        }
        return result
    }

    private func states(of ids: [String], in keys: LaneKeys) throws(LanesError) -> [TicketState] {
        var states: [TicketState] = []
        states.reserveCapacity(ids.count)
        var start = 0
        while start < ids.count {
            let chunk = Array(ids[start..<min(ids.count, start + Self.auditChunk)])
            let members: [[UInt8]] = chunk.map { Array($0.utf8) }
            var commands: [[[UInt8]]] = []
            // Whether a record exists, not the record: an audit walks every accepted id.
            for member in members { commands.append([Array("HEXISTS".utf8), keys.key(.ticket), member]) }
            for slot: LaneKeys.Slot in [.inflight, .retry, .dead] {
                commands.append([Array("ZMSCORE".utf8), keys.key(slot)] + members)
            }
            let replies: [RedisReply]
            do {
                replies = try connection.pipeline(commands)
            } catch let error as RedisError {
                throw .redis(error)
            } catch {
                throw .unexpectedReply(operation: "audit", reply: "\(error)")
            }
            for reply in replies {
                if case let .error(serverError) = reply { throw .redis(.server(serverError)) }
            }
            let live = replies.prefix(chunk.count).map { $0.int == 1 }
            let sets = replies.dropFirst(chunk.count).map { $0.array ?? [] }
            let (inFlight, retry, dead) = (sets[0], sets[1], sets[2])
            for position in chunk.indices {
                if dead[safe: position]?.string != nil {
                    states.append(.deadLettered)
                } else if inFlight[safe: position]?.string != nil {
                    states.append(.inFlight)
                } else if retry[safe: position]?.string != nil {
                    states.append(.retrying)
                } else if live[position] {
                    states.append(.queued)
                } else {
                    states.append(.gone)
                }
            }
            start += Self.auditChunk
        }
        return states
    }
}
