import TicketQRedis

extension LaneScripts {
    /// Claims up to a batch: ARGV = workerId, batch, leaseMs, lowerStep, scope, reserve, fetch.
    ///
    /// Scope `urgent` claims from the same-business-day lane only and leaves the lower tier's
    /// credit alone (an urgent claimer's few reserved slots). Scope `all` takes urgent tickets
    /// only beyond the first `reserve` of them, which are left to the urgent claimers; with no
    /// urgent claimer running, `reserve` is 0.
    ///
    /// Retries whose backoff is over go back to their lanes first. The same-business-day lane
    /// wins, except that while the lower tier (extended and standard, merged earliest deadline
    /// first) is not empty it earns `lowerStep` credit per urgent claim and takes the next claim
    /// whenever a whole credit is available — a guaranteed minimum share. Each claimed ticket
    /// gets a fencing token, a lease in the in-flight set and one more delivery attempt.
    /// Returns `{nowMs, id, token, attempts, laneCode, dueMs, …}`; the client then fetches
    /// payloads and meta with plain `HMGET`s, far cheaper than passing them through Lua. With
    /// fetch `inline` (the urgent claimer's few tickets, where a round trip costs more than the
    /// copy), each ticket's payload and meta follow its fields in the reply instead.
    static let claim = script("""
        if not deployed() then return no_deployment() end
        local worker, batch, lease, step = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
        local urgent_only, reserve, inline = ARGV[5] == 'urgent', tonumber(ARGV[6] or '0'), ARGV[7] == 'inline'
        local now = now_ms()
        local due_retries = redis.call('ZRANGEBYSCORE', K_RETRY, '-inf', now, 'LIMIT', 0, 1000)
        for _, id in ipairs(due_retries) do
          redis.call('ZREM', K_RETRY, id)
          local m = parse_meta(redis.call('HGET', K_META, id))
          if m then redis.call('ZADD', lane_key(m.code), m.due, id) end
        end
        local nu, ne, ns = redis.call('ZCARD', K_SBD), redis.call('ZCARD', K_EXT), redis.call('ZCARD', K_STD)
        if urgent_only then
          ne, ns = 0, 0
        else
          nu = math.max(0, nu - reserve)
        end
        local credit = tonumber(redis.call('GET', K_CREDIT) or '0')
        local take_u, take_l, lower = 0, 0, ne + ns
        while take_u + take_l < batch do
          local has_u, has_l = take_u < nu, take_l < lower
          if has_u and (not has_l or credit < 1) then
            take_u = take_u + 1
            if has_l then credit = credit + step end
          elseif has_l then
            take_l = take_l + 1
            if has_u then credit = credit - 1 end
          else
            break
          end
        end
        if not urgent_only then redis.call('SET', K_CREDIT, tostring(credit)) end
        local picked, codes, dues = {}, {}, {}
        local function pop(key, code, count)
          if count <= 0 then return end
          local popped = redis.call('ZPOPMIN', key, count)
          for i = 1, #popped, 2 do
            picked[#picked + 1] = popped[i]; dues[#dues + 1] = popped[i + 1]; codes[#codes + 1] = code
          end
        end
        pop(K_SBD, 's', take_u)
        if take_l > 0 then
          if ne == 0 then
            pop(K_STD, 'n', take_l)
          elseif ns == 0 then
            pop(K_EXT, 'e', take_l)
          else
            local e = redis.call('ZRANGE', K_EXT, 0, take_l - 1, 'WITHSCORES')
            local s = redis.call('ZRANGE', K_STD, 0, take_l - 1, 'WITHSCORES')
            local ei, si, from_e, from_s = 1, 1, 0, 0
            for _ = 1, take_l do
              if ei <= #e and (si > #s or tonumber(e[ei + 1]) <= tonumber(s[si + 1])) then
                from_e = from_e + 1; ei = ei + 2
              else
                from_s = from_s + 1; si = si + 2
              end
            end
            pop(K_EXT, 'e', from_e)
            pop(K_STD, 'n', from_s)
          end
        end
        local out = { now }
        if #picked == 0 then return out end
        local last = redis.call('INCRBY', K_FENCE, #picked)
        local first = last - #picked + 1
        local inflight, leases = {}, {}
        for i, id in ipairs(picked) do
          local token = first + i - 1
          inflight[#inflight + 1] = now + lease
          inflight[#inflight + 1] = id
          leases[#leases + 1] = id
          -- Formatted as an integer: Lua would write a token of 15 digits or more (as a
          -- recovery issues) in exponent notation, and the lease would match nothing.
          leases[#leases + 1] = string.format('%d|%s', token, worker)
          out[#out + 1] = id
          out[#out + 1] = token
          out[#out + 1] = redis.call('HINCRBY', K_ATTEMPTS, id, 1)
          out[#out + 1] = codes[i]
          out[#out + 1] = dues[i]
          if inline then
            out[#out + 1] = redis.call('HGET', K_PAYLOAD, id)
            out[#out + 1] = redis.call('HGET', K_META, id)
          end
        end
        bulk('ZADD', K_INFLIGHT, inflight, 2)
        bulk('HSET', K_LEASE, leases, 2)
        if #picked == batch and has_work() then wake(1) end
        return out
        """)
}
