import TicketQRedis

extension LaneScripts {
    /// Acknowledges completed tickets: ARGV = n, then id, token pairs. A ticket whose lease no
    /// longer carries the token (it was reaped and redelivered) is refused. Accepted tickets leave
    /// Redis entirely. Returns one flag per ticket: 1 accepted, 0 refused, 2 accepted because the
    /// ticket was lost with Redis's data before a recovery (see `lost_with_data`).
    static let acknowledge = script("""
        if not deployed() then return no_deployment() end
        local accepted, flags = fenced(2, tonumber(ARGV[1]))
        journal(accepted, flags)
        for i, flag in ipairs(flags) do
          if flag == 0 and lost_with_data(ARGV[2 * i], ARGV[2 * i + 1]) then flags[i] = 2 end
        end
        if #accepted > 0 then
          redis.call('ZREM', K_INFLIGHT, unpack(accepted))
          redis.call('HDEL', K_LEASE, unpack(accepted))
          redis.call('HDEL', K_PAYLOAD, unpack(accepted))
          redis.call('HDEL', K_META, unpack(accepted))
          redis.call('HDEL', K_ATTEMPTS, unpack(accepted))
          redis.call('ZREM', K_PROMOTE, unpack(accepted))
        end
        return flags
        """)

    /// Moves tickets to the dead-letter set: ARGV = n, then per ticket id, token, info (JSON with
    /// reason, attempts and last error). Payload and meta stay, so a dead letter can be requeued.
    /// Returns one flag per ticket, as ``acknowledge`` does.
    static let deadLetter = script("""
        if not deployed() then return no_deployment() end
        local n = tonumber(ARGV[1])
        local ids, tokens, infos = {}, {}, {}
        for i = 0, n - 1 do
          ids[#ids + 1] = ARGV[2 + 3 * i]; tokens[#tokens + 1] = ARGV[3 + 3 * i]; infos[#infos + 1] = ARGV[4 + 3 * i]
        end
        local now = now_ms()
        local flags, accepted = {}, {}
        local leases = n > 0 and redis.call('HMGET', K_LEASE, unpack(ids)) or {}
        for i, id in ipairs(ids) do
          if leases[i] and token_of(leases[i]) == tokens[i] then
            redis.call('ZREM', K_INFLIGHT, id)
            redis.call('HDEL', K_LEASE, id)
            redis.call('ZREM', K_PROMOTE, id)
            redis.call('ZADD', K_DEAD, now, id)
            redis.call('HSET', K_DEADINFO, id, infos[i])
            flags[i] = 1
            accepted[#accepted + 1] = id .. '|' .. tokens[i]
          elseif lost_with_data(id, tokens[i]) then
            flags[i] = 2
          else
            flags[i] = 0
          end
        end
        if K_JOURNAL and #accepted > 0 then
          redis.call('RPUSH', K_JOURNAL, table.concat(accepted, ','))
          redis.call('LTRIM', K_JOURNAL, -64, -1)
          redis.call('PEXPIRE', K_JOURNAL, 86400000)
        end
        return flags
        """)

    /// Schedules a retry: ARGV = id, token, delayMs. Returns 1 when the lease was still held.
    static let retry = script("""
        if not deployed() then return no_deployment() end
        local id, token, delay = ARGV[1], ARGV[2], tonumber(ARGV[3])
        local lease = redis.call('HGET', K_LEASE, id)
        if not lease or token_of(lease) ~= token then return 0 end
        redis.call('ZREM', K_INFLIGHT, id)
        redis.call('HDEL', K_LEASE, id)
        redis.call('ZADD', K_RETRY, now_ms() + delay, id)
        return 1
        """)

    /// Hands tickets back to their lanes without counting the attempt (graceful shutdown):
    /// ARGV = n, then id, token pairs. Returns one flag per ticket.
    static let release = script("""
        if not deployed() then return no_deployment() end
        local accepted, flags = fenced(2, tonumber(ARGV[1]))
        for _, id in ipairs(accepted) do
          redis.call('ZREM', K_INFLIGHT, id)
          redis.call('HDEL', K_LEASE, id)
          local m = parse_meta(redis.call('HGET', K_META, id))
          if m then
            if tonumber(redis.call('HINCRBY', K_ATTEMPTS, id, -1)) < 0 then redis.call('HSET', K_ATTEMPTS, id, 0) end
            redis.call('ZADD', lane_key(m.code), m.due, id)
          end
        end
        if #accepted > 0 then wake(#accepted) end
        return flags
        """)

    /// Extends leases: ARGV = leaseMs, n, then id, token pairs. Returns one flag per ticket
    /// (0: the lease was lost and the ticket may already be with another worker).
    static let renew = script("""
        if not deployed() then return no_deployment() end
        local lease = tonumber(ARGV[1])
        local accepted, flags = fenced(3, tonumber(ARGV[2]))
        local now = now_ms()
        local args = {}
        for _, id in ipairs(accepted) do
          args[#args + 1] = now + lease
          args[#args + 1] = id
        end
        if #args > 0 then redis.call('ZADD', K_INFLIGHT, 'XX', unpack(args)) end
        return flags
        """)
}
