import TicketQRedis

extension LaneScripts {
    /// A consistent snapshot for `status`: ARGV = sample (how many heads per lane to inspect for
    /// the oldest enqueue time). Returns
    /// `{nowMs, inflight, dead, dedupe, [per lane s,e,n: queued, retrying, headDueMs|'', oldestEnqueuedMs|'']}`.
    static let status = script("""
        local now = now_ms()
        local sample = tonumber(ARGV[1])
        local retrying = { s = 0, e = 0, n = 0 }
        local oldest = { s = nil, e = nil, n = nil }
        local retry_ids = redis.call('ZRANGE', K_RETRY, 0, -1)
        if #retry_ids > 0 then
          for i = 1, #retry_ids, 500 do
            local chunk = { unpack(retry_ids, i, math.min(i + 499, #retry_ids)) }
            for _, raw in ipairs(redis.call('HMGET', K_META, unpack(chunk))) do
              local m = parse_meta(raw)
              if m then
                retrying[m.code] = retrying[m.code] + 1
                local q = tonumber(m.enqueued)
                if not oldest[m.code] or q < oldest[m.code] then oldest[m.code] = q end
              end
            end
          end
        end
        local out = { now, redis.call('ZCARD', K_INFLIGHT), redis.call('ZCARD', K_DEAD), redis.call('ZCARD', K_DEDUPE) }
        for _, code in ipairs({ 's', 'e', 'n' }) do
          local key = lane_key(code)
          local head = redis.call('ZRANGE', key, 0, sample - 1, 'WITHSCORES')
          local ids = {}
          for i = 1, #head, 2 do ids[#ids + 1] = head[i] end
          if #ids > 0 then
            for _, raw in ipairs(redis.call('HMGET', K_META, unpack(ids))) do
              local m = parse_meta(raw)
              if m then
                local q = tonumber(m.enqueued)
                if not oldest[code] or q < oldest[code] then oldest[code] = q end
              end
            end
          end
          out[#out + 1] = redis.call('ZCARD', key)
          out[#out + 1] = retrying[code]
          out[#out + 1] = #head > 0 and head[2] or ''
          out[#out + 1] = oldest[code] and tostring(oldest[code]) or ''
        end
        return out
        """)
}
