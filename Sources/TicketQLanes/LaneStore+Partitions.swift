import TicketQRedis

extension LaneStore {
    /// The positions of `count` items grouped by the partition of their ticket id, in partition
    /// order (one group, every position, when the deployment has one partition).
    func partitioned(_ count: Int, id: (Int) -> String) -> [(partition: LaneKeys, positions: [Int])] {
        guard keys.partitions > 1 else { return [(keys, Array(0..<count))] }
        var positions = [[Int]](repeating: [], count: keys.partitions)
        for position in 0..<count {
            positions[LanePartitioning.partition(of: id(position), count: keys.partitions)].append(position)
        }
        return positions.indices.filter { !positions[$0].isEmpty }.map { (keys.partition($0), positions[$0]) }
    }

    /// Ticket ids by the number of their partition.
    func partitionedIDs(_ ids: [String]) -> [Int: [String]] {
        guard keys.partitions > 1 else { return ids.isEmpty ? [:] : [0: ids] }
        return Dictionary(grouping: ids) { LanePartitioning.partition(of: $0, count: keys.partitions) }
    }

    /// What each partition holds for a claim to take, read in one round trip.
    func partitionDepths() throws(LanesError) -> [ClaimPlan.Depths] {
        var commands: [[[UInt8]]] = []
        let slots: [LaneKeys.Slot] = [.sameBusinessDay, .extended, .standard, .retry, .suspect]
        for partition in keys.allPartitions {
            for slot in slots { commands.append([Array("ZCARD".utf8), partition.key(slot)]) }
        }
        let replies: [RedisReply]
        do {
            replies = try connection.pipeline(commands)
        } catch {
            throw .redis(error)
        }
        var depths: [ClaimPlan.Depths] = []
        depths.reserveCapacity(keys.partitions)
        for start in stride(from: 0, to: replies.count, by: slots.count) {
            var counts: [Int] = []
            for reply in replies[start..<start + slots.count] {
                if case let .error(serverError) = reply { throw .redis(.server(serverError)) }
                counts.append(Int(reply.int ?? 0))
            }
            depths.append(ClaimPlan.Depths(urgent: counts[0], lower: counts[1] + counts[2], retrying: counts[3], suspects: counts[4]))
        }
        return depths
    }
}
