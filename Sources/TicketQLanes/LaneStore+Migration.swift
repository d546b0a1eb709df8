import TicketQRedis

extension LaneStore {
    /// Moves the deployment to library version 2's delivery counting, once: a delivery is counted
    /// when it ends without settling, no longer when it is claimed, so the tickets in flight lose
    /// the count their claim added. Safe to call again (then it adjusts nothing).
    ///
    /// - Returns: how many tickets in flight were adjusted.
    public func countDeliveriesOnEnd() throws(LanesError) -> Int {
        var adjusted = 0
        for reply in try callEach(.countDeliveriesOnEnd, keys.allPartitions.map { ($0, []) }) {
            guard let count = reply.int else { throw .unexpectedReply(operation: "count_deliveries_on_end", reply: "\(reply)") }
            adjusted += Int(count)
        }
        return adjusted
    }

    /// Moves a deployment kept in the layout of library version 2 and earlier into this one's:
    /// tickets (a payload hash and a meta hash) into ``TicketRecord``s and the dedupe window (a
    /// sorted set and a digest hash) into its new keys, `batch` of each per call, until none is
    /// left; then marks the deployment so that this release's functions write to it. Each ticket
    /// and entry moves whole in one atomic call, so a crash part-way leaves a state a rerun
    /// carries on from.
    ///
    /// - Returns: how many tickets were moved (0 when the deployment keeps records already).
    public func moveToTicketRecords(batch: Int = 1000) throws(LanesError) -> Int {
        var moved = 0
        for partition in keys.allPartitions {
            while true {
                let reply = try call(
                    .moveToTicketRecords, [bytes(max(1, batch)), bytes(configuration.dedupeWindow.wholeMilliseconds)], partition: partition
                )
                guard let items = reply.array, items.count == 2, let count = items[0].int, let left = items[1].int else {
                    throw .unexpectedReply(operation: "move_to_ticket_records", reply: "\(reply)")
                }
                moved += Int(count)
                if left == 0 { break }
            }
        }
        return moved
    }

    /// Moves the promotions of library version 3 and earlier (a sorted set, id → instant) into
    /// lists by instant, `batch` entries per call, each in the call that removes it, until none is
    /// left; then marks the deployment. Call after ``moveToTicketRecords(batch:)``. Safe to call
    /// again (then it moves nothing).
    ///
    /// - Returns: how many promotions were moved (entries of tickets no longer live are dropped).
    public func moveToPromotionLists(batch: Int = 1000) throws(LanesError) -> Int {
        var moved = 0
        for partition in keys.allPartitions {
            while true {
                let reply = try call(.moveToPromotionLists, [bytes(max(1, batch))], partition: partition)
                guard let items = reply.array, items.count == 2, let count = items[0].int, let left = items[1].int else {
                    throw .unexpectedReply(operation: "move_to_promotion_lists", reply: "\(reply)")
                }
                moved += Int(count)
                if left == 0 { break }
            }
        }
        return moved
    }
}
