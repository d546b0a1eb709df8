import TicketQRedis

extension LaneScripts {
    /// Claims up to a batch: ARGV = workerId, batch, leaseMs, lowerStep.
    ///
    /// Retries whose backoff is over go back to their lanes first. The same-business-day lane
    /// wins, except that while the lower tier (extended and standard, merged earliest deadline
    /// first) is not empty it earns `lowerStep` credit per urgent claim and takes the next claim
    /// whenever a whole credit is available — a guaranteed minimum share. Each claimed ticket
    /// gets a fencing token, a lease in the in-flight set and one more delivery attempt.
    /// Returns `{nowMs, id, token, attempts, laneCode, intakeCode, promoted, dueMs, enqueuedMs, …}`; the
    /// payloads are fetched afterwards with a plain `HMGET`, which is far cheaper than passing them
    /// through Lua.
    static let claim = script("""
        local worker, batch, lease, step = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
        local now = now_ms()
        local due_retries = redis.call('ZRANGEBYSCORE', K_RETRY, '-inf', now, 'LIMIT', 0, 1000)
        for _, id in ipairs(due_retries) do
          redis.call('ZREM', K_RETRY, id)
          local m = parse_meta(redis.call('HGET', K_META, id))
          if m then redis.call('ZADD', lane_key(m.code), m.due, id) end
        end
        local u = redis.call('ZRANGE', K_SBD, 0, batch - 1, 'WITHSCORES')
        local e = redis.call('ZRANGE', K_EXT, 0, batch - 1, 'WITHSCORES')
        local s = redis.call('ZRANGE', K_STD, 0, batch - 1, 'WITHSCORES')
        local ui, ei, si = 1, 1, 1
        local credit = tonumber(redis.call('GET', K_CREDIT) or '0')
        local picked, codes, rem_u, rem_e, rem_s = {}, {}, {}, {}, {}
        while #picked < batch do
          local has_u = ui <= #u
          local lower = nil
          if ei <= #e and (si > #s or tonumber(e[ei + 1]) <= tonumber(s[si + 1])) then lower = 'e'
          elseif si <= #s then lower = 'n' end
          if has_u and (lower == nil or credit < 1) then
            picked[#picked + 1] = u[ui]; codes[#codes + 1] = 's'; rem_u[#rem_u + 1] = u[ui]; ui = ui + 2
            if lower ~= nil then credit = credit + step end
          elseif lower == 'e' then
            picked[#picked + 1] = e[ei]; codes[#codes + 1] = 'e'; rem_e[#rem_e + 1] = e[ei]; ei = ei + 2
            if has_u then credit = credit - 1 end
          elseif lower == 'n' then
            picked[#picked + 1] = s[si]; codes[#codes + 1] = 'n'; rem_s[#rem_s + 1] = s[si]; si = si + 2
            if has_u then credit = credit - 1 end
          else
            break
          end
        end
        redis.call('SET', K_CREDIT, tostring(credit))
        local out = { now }
        if #picked == 0 then return out end
        if #rem_u > 0 then redis.call('ZREM', K_SBD, unpack(rem_u)) end
        if #rem_e > 0 then redis.call('ZREM', K_EXT, unpack(rem_e)) end
        if #rem_s > 0 then redis.call('ZREM', K_STD, unpack(rem_s)) end
        local metas = redis.call('HMGET', K_META, unpack(picked))
        local last = redis.call('INCRBY', K_FENCE, #picked)
        local first = last - #picked + 1
        local inflight, leases, meta_args = {}, {}, {}
        for i, id in ipairs(picked) do
          local token = first + i - 1
          local m = parse_meta(metas[i]) or { attempts = 0, promoted = '0', code = codes[i], due = '0', intake = codes[i], enqueued = '0' }
          m.attempts = m.attempts + 1
          meta_args[#meta_args + 1] = id
          meta_args[#meta_args + 1] = format_meta(m)
          inflight[#inflight + 1] = now + lease
          inflight[#inflight + 1] = id
          leases[#leases + 1] = id
          leases[#leases + 1] = token .. '|' .. worker .. '|' .. now
          out[#out + 1] = id
          out[#out + 1] = token
          out[#out + 1] = m.attempts
          out[#out + 1] = m.code
          out[#out + 1] = m.intake
          out[#out + 1] = tonumber(m.promoted)
          out[#out + 1] = m.due
          out[#out + 1] = m.enqueued
        end
        redis.call('ZADD', K_INFLIGHT, unpack(inflight))
        redis.call('HSET', K_LEASE, unpack(leases))
        redis.call('HSET', K_META, unpack(meta_args))
        if #picked == batch and has_work() then wake(1) end
        return out
        """)
}
