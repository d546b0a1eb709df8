import TicketQRedis

extension LaneScripts {
    /// Returns tickets whose lease expired, and every ticket of a worker whose liveness key is
    /// gone, to their lanes at once. KEYS beyond the lane keys are the liveness keys of the
    /// registered workers, with the matching worker ids in ARGV. Dead workers leave the registry.
    /// Returns `{expiredCount, orphanedCount, deadWorkerId…}`.
    static let reap = script("""
        if not deployed() then return no_deployment() end
        local now = now_ms()
        local dead, dead_list = {}, {}
        for i = FIRST_EXTRA, #KEYS do
          if redis.call('EXISTS', KEYS[i]) == 0 then
            dead[ARGV[i - FIRST_EXTRA + 1]] = true
            dead_list[#dead_list + 1] = ARGV[i - FIRST_EXTRA + 1]
          end
        end
        local requeue, order = {}, {}
        for _, id in ipairs(redis.call('ZRANGEBYSCORE', K_INFLIGHT, '-inf', now)) do
          requeue[id] = 'expired'; order[#order + 1] = id
        end
        local orphaned = 0
        if #dead_list > 0 then
          local all = redis.call('HGETALL', K_LEASE)
          for i = 1, #all, 2 do
            if dead[worker_of(all[i + 1])] and not requeue[all[i]] then
              requeue[all[i]] = 'orphan'; order[#order + 1] = all[i]; orphaned = orphaned + 1
            end
          end
          redis.call('HDEL', K_WORKERS, unpack(dead_list))
        end
        for _, id in ipairs(order) do
          redis.call('ZREM', K_INFLIGHT, id)
          redis.call('HDEL', K_LEASE, id)
          local m = parse_meta(redis.call('HGET', K_META, id))
          if m then redis.call('ZADD', lane_key(m.code), m.due, id) end
        end
        if #order > 0 then wake(#order) end
        local out = { #order - orphaned, orphaned }
        for _, w in ipairs(dead_list) do out[#out + 1] = w end
        return out
        """)

    /// Returns the in-flight tickets of one worker id to their lanes (a worker restarted under
    /// the same id requeues its previous life's tickets): ARGV = workerId. Returns the count.
    static let requeueWorker = script("""
        if not deployed() then return no_deployment() end
        local worker = ARGV[1]
        local all = redis.call('HGETALL', K_LEASE)
        local n = 0
        for i = 1, #all, 2 do
          if worker_of(all[i + 1]) == worker then
            local id = all[i]
            redis.call('ZREM', K_INFLIGHT, id)
            redis.call('HDEL', K_LEASE, id)
            local m = parse_meta(redis.call('HGET', K_META, id))
            if m then redis.call('ZADD', lane_key(m.code), m.due, id) end
            n = n + 1
          end
        end
        if n > 0 then wake(n) end
        return n
        """)

    /// Promotes lower-tier tickets whose promotion instant has come into the same-business-day
    /// lane: ARGV = limit. A ticket in flight or retrying is re-labelled so that it comes back
    /// into the urgent lane. Atomic, so concurrent promoters never move a ticket twice.
    /// Returns the number promoted.
    static let promote = script("""
        if not deployed() then return no_deployment() end
        local now = now_ms()
        local ids = redis.call('ZRANGEBYSCORE', K_PROMOTE, '-inf', now, 'LIMIT', 0, tonumber(ARGV[1]))
        local moved = 0
        for _, id in ipairs(ids) do
          redis.call('ZREM', K_PROMOTE, id)
          local m = parse_meta(redis.call('HGET', K_META, id))
          if m and m.code ~= 's' then
            local from = lane_key(m.code)
            if redis.call('ZREM', from, id) == 1 then redis.call('ZADD', K_SBD, m.due, id) end
            m.code = 's'
            m.promoted = '1'
            redis.call('HSET', K_META, id, format_meta(m))
            moved = moved + 1
          end
        end
        if moved > 0 then wake(1) end
        return moved
        """)
}
