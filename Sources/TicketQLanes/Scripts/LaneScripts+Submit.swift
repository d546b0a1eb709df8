import TicketQRedis

extension LaneScripts {
    /// Enqueues a batch: ARGV = windowMs, n, then per ticket id, laneCode, dueMs, promoteAtMs
    /// (empty: none), enqueuedMs, payload. A ticket id seen within the dedupe window, or still
    /// live (queued, in flight, retrying or dead-lettered), is a duplicate. Returns one flag per
    /// ticket: 1 accepted, 0 duplicate.
    static let submit = script("""
        local now = now_ms()
        local window = tonumber(ARGV[1])
        local n = tonumber(ARGV[2])
        local out, accepted = {}, 0
        for i = 0, n - 1 do
          local b = 3 + i * 6
          local id = ARGV[b]
          local seen = redis.call('ZSCORE', K_DEDUPE, id)
          if (seen and tonumber(seen) > now - window) or redis.call('HEXISTS', K_PAYLOAD, id) == 1 then
            out[#out + 1] = 0
          else
            local code, due, promote_at, enqueued = ARGV[b + 1], ARGV[b + 2], ARGV[b + 3], ARGV[b + 4]
            redis.call('ZADD', K_DEDUPE, now, id)
            redis.call('HSET', K_PAYLOAD, id, ARGV[b + 5])
            redis.call('HSET', K_META, id, '0|0|' .. code .. '|' .. due .. '|' .. code .. '|' .. enqueued)
            redis.call('ZADD', lane_key(code), due, id)
            if promote_at ~= '' and code ~= 's' then redis.call('ZADD', K_PROMOTE, promote_at, id) end
            out[#out + 1] = 1
            accepted = accepted + 1
          end
        end
        redis.call('ZREMRANGEBYSCORE', K_DEDUPE, '-inf', '(' .. (now - window))
        if accepted > 0 then wake(accepted) end
        return out
        """)
}
