import TicketQRedis

extension LaneScripts {
    /// Requeues dead letters: ARGV = n, then ids (n = 0: all). Attempts start again from zero.
    /// Returns the number requeued.
    static let requeueDead = script("""
        if not deployed() then return no_deployment() end
        local n = tonumber(ARGV[1])
        local ids = {}
        if n == 0 then ids = redis.call('ZRANGE', K_DEAD, 0, -1) else for i = 2, n + 1 do ids[#ids + 1] = ARGV[i] end end
        local moved = 0
        for _, id in ipairs(ids) do
          if redis.call('ZREM', K_DEAD, id) == 1 then
            redis.call('HDEL', K_DEADINFO, id)
            local m = parse_meta(redis.call('HGET', K_META, id))
            if m then
              redis.call('HSET', K_ATTEMPTS, id, 0)
              redis.call('ZADD', lane_key(m.code), m.due, id)
              moved = moved + 1
            else
              redis.call('HDEL', K_PAYLOAD, id)
            end
          end
        end
        if moved > 0 then wake(moved) end
        return moved
        """)

    /// Deletes every dead letter with its payload. Returns the number deleted.
    static let purgeDead = script("""
        if not deployed() then return no_deployment() end
        local ids = redis.call('ZRANGE', K_DEAD, 0, -1)
        for i = 1, #ids, 500 do
          local chunk = { unpack(ids, i, math.min(i + 499, #ids)) }
          redis.call('HDEL', K_PAYLOAD, unpack(chunk))
          redis.call('HDEL', K_META, unpack(chunk))
          redis.call('HDEL', K_ATTEMPTS, unpack(chunk))
          redis.call('HDEL', K_DEADINFO, unpack(chunk))
        end
        redis.call('DEL', K_DEAD)
        return #ids
        """)
}
