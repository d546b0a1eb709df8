import TicketQRedis

extension LaneScripts {
    /// Enqueues a batch: ARGV = windowMs, n, then per ticket id, laneCode, dueMs, promoteAtMs
    /// (empty: none), enqueuedMs, payload. A ticket id seen within the dedupe window, or still
    /// live (queued, in flight, retrying or dead-lettered), is a duplicate. Returns one flag per
    /// ticket: 1 accepted, 0 duplicate.
    static let submit = script("""
        if not deployed() then return no_deployment() end
        local now = now_ms()
        local window = tonumber(ARGV[1])
        local n = tonumber(ARGV[2])
        local ids = {}
        for i = 0, n - 1 do ids[i + 1] = ARGV[3 + i * 6] end
        local seen, live = {}, {}
        for i = 1, n, 1000 do
          local last = math.min(i + 999, n)
          local scores = redis.call('ZMSCORE', K_DEDUPE, unpack(ids, i, last))
          local metas = redis.call('HMGET', K_META, unpack(ids, i, last))
          for j = i, last do seen[j] = scores[j - i + 1]; live[j] = metas[j - i + 1] end
        end
        local out, accepted, in_batch = {}, 0, {}
        local dedupe, payloads, metas, promote = {}, {}, {}, {}
        local lanes = { s = {}, e = {}, n = {} }
        for i = 1, n do
          local b = 3 + (i - 1) * 6
          local id = ids[i]
          if (seen[i] and tonumber(seen[i]) > now - window) or live[i] or in_batch[id] then
            out[i] = 0
          else
            in_batch[id] = true
            local code, due, promote_at, enqueued = ARGV[b + 1], ARGV[b + 2], ARGV[b + 3], ARGV[b + 4]
            dedupe[#dedupe + 1] = now; dedupe[#dedupe + 1] = id
            payloads[#payloads + 1] = id; payloads[#payloads + 1] = ARGV[b + 5]
            metas[#metas + 1] = id; metas[#metas + 1] = '0|0|' .. code .. '|' .. due .. '|' .. code .. '|' .. enqueued
            local lane = lanes[code] or lanes.n
            lane[#lane + 1] = due; lane[#lane + 1] = id
            if promote_at ~= '' and code ~= 's' then promote[#promote + 1] = promote_at; promote[#promote + 1] = id end
            out[i] = 1
            accepted = accepted + 1
          end
        end
        if accepted > 0 then
          bulk('ZADD', K_DEDUPE, dedupe, 2)
          bulk('HSET', K_PAYLOAD, payloads, 2)
          bulk('HSET', K_META, metas, 2)
          for code, items in pairs(lanes) do
            if #items > 0 then bulk('ZADD', lane_key(code), items, 2) end
          end
          if #promote > 0 then bulk('ZADD', K_PROMOTE, promote, 2) end
        end
        redis.call('ZREMRANGEBYSCORE', K_DEDUPE, '-inf', '(' .. (now - window))
        if accepted > 0 then wake(accepted) end
        return out
        """)
}
