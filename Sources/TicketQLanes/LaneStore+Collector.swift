import TicketQRedis

extension LaneStore {
    /// Takes or keeps the collector role for `instance` for `ttl`: exactly one live worker
    /// exports the lane and cluster gauges. The holder renews it; when it dies the key expires
    /// and the next worker to ask takes over.
    ///
    /// - Returns: whether `instance` is the collector now.
    public func leadCollector(instance: String, ttl: Duration) throws(LanesError) -> Bool {
        try call(.leadCollector, [Array(instance.utf8), bytes(ttl.wholeMilliseconds)]).int == 1
    }

    /// Gives up the collector role if `instance` holds it (clean shutdown).
    public func resignCollector(instance: String) throws(LanesError) {
        _ = try call(.resignCollector, [Array(instance.utf8)])
    }
}
