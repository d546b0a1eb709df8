import TicketQRedis

extension LaneStore {
    /// Takes or keeps the collector role for `instance` for `ttl`: exactly one live worker
    /// exports the lane and cluster gauges. The holder renews it; when it dies the key expires
    /// and the next worker to ask takes over.
    ///
    /// - Returns: whether `instance` is the collector now.
    public func leadCollector(instance: String, ttl: Duration) throws(LanesError) -> Bool {
        let reply: RedisReply
        do {
            reply = try connection.evalSHA(
                Self.collectorScript, keys: [keys.collector], arguments: [Array(instance.utf8), bytes(ttl.wholeMilliseconds)]
            )
        } catch {
            throw .redis(error)
        }
        if case let .error(serverError) = reply { throw .redis(.server(serverError)) }
        return reply.int == 1
    }

    /// Gives up the collector role if `instance` holds it (clean shutdown).
    public func resignCollector(instance: String) throws(LanesError) {
        do {
            _ = try connection.evalSHA(Self.resignScript, keys: [keys.collector], arguments: [Array(instance.utf8)])
        } catch {
            throw .redis(error)
        }
    }

    private static let collectorScript = RedisScript("""
        local holder = redis.call('GET', KEYS[1])
        if not holder then
          redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
          return 1
        end
        if holder == ARGV[1] then
          redis.call('PEXPIRE', KEYS[1], ARGV[2])
          return 1
        end
        return 0
        """)

    private static let resignScript = RedisScript("""
        if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end
        return 0
        """)
}
