import TicketQRedis

extension LaneStore {
    /// Moves the deployment to library version 2's delivery counting, once: a delivery is counted
    /// when it ends without settling, no longer when it is claimed, so the tickets in flight lose
    /// the count their claim added. Safe to call again (then it adjusts nothing).
    ///
    /// - Returns: how many tickets in flight were adjusted.
    public func countDeliveriesOnEnd() throws(LanesError) -> Int {
        let reply = try call(.countDeliveriesOnEnd, [])
        guard let adjusted = reply.int else { throw .unexpectedReply(operation: "count_deliveries_on_end", reply: "\(reply)") }
        return Int(adjusted)
    }
}
