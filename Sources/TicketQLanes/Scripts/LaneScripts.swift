import TicketQRedis

/// The Lua scripts that keep every lane operation atomic on the Redis server.
///
/// Every script receives the keys of ``LaneKeys/scriptKeys`` as `KEYS` (plus, for the reaper, the
/// workers' liveness keys), takes its clock from the server's `TIME` so that workers on different
/// hosts agree, and keeps per-ticket state in one `meta` hash field:
/// `attempts|promoted|laneCode|dueMs|intakeLaneCode|enqueuedMs`.
enum LaneScripts {
    /// Shared definitions, prepended to every script.
    static let prelude = """
        local K_SBD, K_EXT, K_STD = KEYS[1], KEYS[2], KEYS[3]
        local K_PAYLOAD, K_META, K_INFLIGHT, K_LEASE = KEYS[4], KEYS[5], KEYS[6], KEYS[7]
        local K_RETRY, K_DEAD, K_DEADINFO, K_DEDUPE = KEYS[8], KEYS[9], KEYS[10], KEYS[11]
        local K_PROMOTE, K_FENCE, K_CREDIT, K_WAKE = KEYS[12], KEYS[13], KEYS[14], KEYS[15]
        local K_WORKERS, K_HIGHVOLUME, K_ATTEMPTS, K_DEPLOYMENT = KEYS[16], KEYS[17], KEYS[18], KEYS[19]
        local K_URGENT_WAKE = KEYS[20]
        -- Keys after the deployment's own: a worker's ack journal, or the reaper's liveness keys.
        local FIRST_EXTRA = 21
        local K_JOURNAL = KEYS[FIRST_EXTRA]
        -- A deployment whose marker is gone lost its data (or was never initialised): writing
        -- would silently carry on without the tickets it held, so every writing script starts
        -- with `if not deployed() then return no_deployment() end`.
        local function deployed()
          return redis.call('EXISTS', K_DEPLOYMENT) == 1
        end
        local function no_deployment()
          return redis.error_reply('TQNODEPLOYMENT the deployment marker is missing: Redis lost its data or the deployment was never initialised')
        end
        local function now_ms()
          local t = redis.call('TIME')
          return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
        end
        local function lane_key(code)
          if code == 's' then return K_SBD elseif code == 'e' then return K_EXT else return K_STD end
        end
        local function parse_meta(m)
          if not m then return nil end
          local a, p, c, d, i, q = string.match(m, '^(%d+)|(%d)|(%a)|(-?%d+)|(%a)|(-?%d+)$')
          if not a then return nil end
          return { attempts = tonumber(a), promoted = p, code = c, due = d, intake = i, enqueued = q }
        end
        local function format_meta(t)
          return t.attempts .. '|' .. t.promoted .. '|' .. t.code .. '|' .. t.due .. '|' .. t.intake .. '|' .. t.enqueued
        end
        local function token_of(lease)
          return string.match(lease, '^(%d+)|')
        end
        local function worker_of(lease)
          return string.match(lease, '^%d+|(.*)$')
        end
        -- Wakes idle claimers: `n` of the general ones and, while the same-business-day lane
        -- holds tickets, the urgent claimers (a list of its own, so that an urgent ticket never
        -- waits for a general claimer busy with a batch).
        local function wake(n)
          local waiting = redis.call('LLEN', K_WAKE)
          local pushes = math.min(n, 64 - waiting)
          for _ = 1, pushes do redis.call('LPUSH', K_WAKE, '1') end
          if redis.call('ZCARD', K_SBD) > 0 and redis.call('LLEN', K_URGENT_WAKE) < 16 then
            redis.call('LPUSH', K_URGENT_WAKE, '1')
          end
        end
        -- Runs COMMAND KEY item… in chunks (Lua's unpack has a stack limit); `stride` keeps
        -- pairs together.
        local function bulk(command, key, items, stride)
          local size = 2000 - (2000 % stride)
          for i = 1, #items, size do
            redis.call(command, key, unpack(items, i, math.min(i + size - 1, #items)))
          end
        end
        local function has_work()
          return redis.call('ZCARD', K_SBD) + redis.call('ZCARD', K_EXT) + redis.call('ZCARD', K_STD) > 0
        end
        -- Records accepted settlements in the worker's ack journal (K_JOURNAL, when given), so that
        -- a worker that dies between an accepted ack and confirming it can tell afterwards.
        local function journal(accepted, flags)
          if not K_JOURNAL or #accepted == 0 then return end
          local entries = {}
          for i = 0, #flags - 1 do
            if flags[i + 1] == 1 then
              entries[#entries + 1] = ARGV[2 + 2 * i] .. '|' .. ARGV[3 + 2 * i]
            end
          end
          redis.call('RPUSH', K_JOURNAL, table.concat(entries, ','))
          redis.call('LTRIM', K_JOURNAL, -64, -1)
          redis.call('PEXPIRE', K_JOURNAL, 86400000)
        end
        -- After a recovery, a lease issued before it (a token below the marker's fence base)
        -- names a ticket of the lost data. When Redis knows nothing of that ticket now, the
        -- outcome its worker committed is the only one there can be, so the settlement stands.
        local function lost_with_data(id, token)
          local base = tonumber(redis.call('HGET', K_DEPLOYMENT, 'fence_base') or '0')
          return tonumber(token) < base and redis.call('HEXISTS', K_META, id) == 0
            and redis.call('HEXISTS', K_LEASE, id) == 0
        end
        -- Accepts ids whose lease still carries the caller's token; returns the accepted ids.
        local function fenced(first, count)
          local ids, tokens = {}, {}
          for i = 0, count - 1 do
            ids[#ids + 1] = ARGV[first + 2 * i]
            tokens[#tokens + 1] = ARGV[first + 2 * i + 1]
          end
          local accepted, flags = {}, {}
          if #ids == 0 then return accepted, flags end
          local leases = redis.call('HMGET', K_LEASE, unpack(ids))
          for i, id in ipairs(ids) do
            if leases[i] and token_of(leases[i]) == tokens[i] then
              accepted[#accepted + 1] = id
              flags[i] = 1
            else
              flags[i] = 0
            end
          end
          return accepted, flags
        end

        """

    static func script(_ body: String) -> RedisScript {
        RedisScript(prelude + body)
    }
}
