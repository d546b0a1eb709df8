#!lua name=ticketq
-- The ticketq function library: every lane operation, atomic on the Redis server.
--
-- Loaded with FUNCTION LOAD by `ticketq deployment init` and `ticketq migrate` (the commands
-- that own loading); runtime users only call its functions. Each function is registered as
-- `ticketq_v<VERSION>_<name>`, so a process built for another version of the library finds no
-- function to call instead of running code it does not match; `ticketq_version` answers which
-- version is loaded.
--
-- Each function declares the keys it takes, by name, in the order the caller passes them
-- (`TicketQLanes.LaneFunction` lists the same names; a test keeps both in step). The running
-- call's keys are in `K`, by those names; keys past the declared ones are in `K.rest`.
--
-- Times come from the server's TIME so that workers on different hosts agree.
--
-- Each live ticket (queued, in flight, retrying or dead-lettered) is one record in the `ticket`
-- hash: a header line, then the payload as intake wrote it. The header is
-- `r1|laneCode|intakeLaneCode|promoted|dueMs|enqueuedMs` (`TicketQLanes.TicketRecord` is the
-- same schema in Swift: intake writes records, workers read them, these functions read and
-- rewrite only the header). Library version 2 and earlier kept the payload and this state in two
-- hashes (`payload`, `meta`); `move_to_ticket_records` converts them.
--
-- Poison tickets: a ticket in the hands of a worker process that died is a suspect (`crashes`
-- counts such deliveries). Suspects wait in a set of their own and are claimed by a worker that
-- holds nothing else until they settle: in small groups after one crash, alone after two. A ticket
-- that kills workers thus takes down only its own deliveries and reaches the delivery limit
-- alone, while its former batch-mates settle.
--
-- Promotions: a lower-tier ticket with a promotion instant is listed under that instant. The
-- `promotions` sorted set holds the instants that have tickets listed (member and score the
-- instant in ms); the list `<promotions>:<instant>` (same hash tag, so the same cluster slot)
-- holds one entry per ticket, `<dueMs>:<id>`. Instants are few (business-calendar times shared by
-- many tickets), so a queued ticket costs one list entry (about 25 bytes) instead of a sorted-set
-- entry (about 110), and settling it touches nothing here: an entry whose ticket has since
-- settled or been promoted, or whose id now names another ticket (another due time), is skipped
-- when its instant comes. The price: a settled ticket's entry stays until its instant, so a
-- drained deployment keeps about 25 bytes per ticket accepted within the promotion lead (a day or
-- a few), where a deep backlog saves about 85 bytes per queued ticket. Library version 3 kept a
-- `promote` sorted set, id -> instant; `move_to_promotion_lists` converts it.

local VERSION = 4

local K = {}

local function register(name, key_names, flags, body)
  redis.register_function {
    function_name = 'ticketq_v' .. VERSION .. '_' .. name,
    flags = flags,
    callback = function(keys, args)
      K = {}
      for i, key_name in ipairs(key_names) do K[key_name] = keys[i] end
      local rest = {}
      for i = #key_names + 1, #keys do rest[#rest + 1] = keys[i] end
      K.rest = rest
      return body(args)
    end,
  }
end

-- Functions that a draining cluster needs run when Redis is over `maxmemory`: acks, releases
-- and reaping free memory, and a cluster that cannot claim or renew cannot drain.
local DRAINING = { 'allow-oom' }
-- Functions that add tickets or messages are refused when Redis is full.
local FILLING = {}
local READ_ONLY = { 'no-writes' }

-- A deployment whose marker is gone lost its data (or was never initialised): writing would
-- silently carry on without the tickets it held, so every function that writes tickets starts
-- with `if not deployed() then return no_deployment() end`. (The worker registry, the collector
-- role and retention keep no tickets; a worker stops calling them when the marker is gone.)
-- The marker's `ticket_records` and `promotion_lists` fields say the tickets and their
-- promotions are kept as this library keeps them (see the top of this file); a deployment of an
-- earlier release has to be migrated first, and nothing is written until it is. The root marker
-- of a deployment of several partitions (`partitions` above 1, no `partition`) holds no tickets:
-- a process that addresses it as a partition read the partition count wrong, and is refused.
local function deployed()
  local layout = redis.call('HMGET', K.deployment, 'ticket_records', 'promotion_lists', 'partitions', 'partition')
  if layout[3] and layout[3] ~= '1' and not layout[4] then return false end
  return layout[1] == '1' and layout[2] == '1'
end
-- The check of the functions that keep what belongs to the deployment as a whole (under its
-- root marker): the marker is there and its layout is this library's.
local function root_deployed()
  local layout = redis.call('HMGET', K.deployment, 'ticket_records', 'promotion_lists')
  return layout[1] == '1' and layout[2] == '1'
end
local function no_deployment()
  local partitions = redis.call('HMGET', K.deployment, 'partitions', 'partition')
  if partitions[1] and partitions[1] ~= '1' and not partitions[2] then
    return redis.error_reply('TQPARTITIONS the deployment has ' .. partitions[1] ..
      ' partitions and this process addressed it as one: restart it so that it reads the partition count')
  end
  if redis.call('EXISTS', K.deployment) == 1 then
    return redis.error_reply('TQMIGRATE the deployment keeps its tickets in the layout of an earlier release: run `ticketq migrate`')
  end
  return redis.error_reply('TQNODEPLOYMENT the deployment marker is missing: Redis lost its data or the deployment was never initialised')
end
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local function lane_key(code)
  if code == 's' then return K.sameBusinessDay elseif code == 'e' then return K.extended else return K.standard end
end
-- The lane state in a ticket record's header (see the top of this file), or nil.
local function parse_header(record)
  if not record then return nil end
  local c, i, p, d, q = string.match(record, '^r1|(%a)|(%a)|(%d)|(-?%d+)|(-?%d+)\n')
  if not c then return nil end
  return { code = c, intake = i, promoted = p, due = d, enqueued = q }
end
local function format_header(m)
  return 'r1|' .. m.code .. '|' .. m.intake .. '|' .. m.promoted .. '|' .. m.due .. '|' .. m.enqueued .. '\n'
end
-- The lane state of a live ticket, or nil when Redis holds no record of it.
local function lane_state(id)
  return parse_header(redis.call('HGET', K.ticket, id))
end
local function worker_of(lease)
  return string.match(lease, '^%d+|(.*)$')
end
-- Wakes idle claimers: `n` of the general ones and, while the same-business-day lane holds
-- tickets, the urgent claimers (a list of its own, so that an urgent ticket never waits for a
-- general claimer busy with a batch).
local function wake(n)
  local waiting = redis.call('LLEN', K.wake)
  local pushes = math.min(n, 64 - waiting)
  for _ = 1, pushes do redis.call('LPUSH', K.wake, '1') end
  if redis.call('ZCARD', K.sameBusinessDay) > 0 and redis.call('LLEN', K.urgentWake) < 16 then
    redis.call('LPUSH', K.urgentWake, '1')
  end
end
-- Runs COMMAND KEY item… in chunks (Lua's unpack has a stack limit); `stride` keeps pairs together.
local function bulk(command, key, items, stride)
  local size = 2000 - (2000 % stride)
  for i = 1, #items, size do
    redis.call(command, key, unpack(items, i, math.min(i + size - 1, #items)))
  end
end
-- Promotion lists (see the top of this file): the list of an instant, an entry and its parts,
-- and listing entries under an instant.
local function promotion_list(instant)
  return K.promotions .. ':' .. instant
end
local function promotion_entry(due, id)
  return due .. ':' .. id
end
local function parse_promotion_entry(entry)
  return string.match(entry, '^(-?%d+):(.*)$')
end
local function list_promotions(instant, entries)
  bulk('RPUSH', promotion_list(instant), entries, 1)
  redis.call('ZADD', K.promotions, instant, instant)
end
local function has_work()
  return redis.call('ZCARD', K.sameBusinessDay) + redis.call('ZCARD', K.extended) + redis.call('ZCARD', K.standard) > 0
end
-- The worker's ack journal (K.journal, when given) holds one entry per accepted settlement, ticket
-- id -> accepted fencing token, so that a worker that dies between an accepted ack and confirming
-- it in its store can tell afterwards, however long it stays down. Entries leave the journal only
-- when the worker says its store has them confirmed: ARGV[at] is how many ids it forgets, the ids
-- follow. Called after the settlement's deletes: under `maxmemory` they make the room this needs.
-- The `#schema` field (no ticket id has a `#`) keeps the hash from emptying between settlements:
-- a hash created anew starts in Redis's compact encoding, where each of a big batch's first
-- hundred-odd inserts scans the whole hash (about 10 µs a ticket for a batch of 512 here).
local function journal(ARGV, at, fields)
  if not K.journal then return end
  if fields.first or #fields > 0 then redis.call('HSETNX', K.journal, '#schema', '1') end
  local forget = tonumber(ARGV[at] or '0')
  for i = at + 1, at + forget, 1000 do
    redis.call('HDEL', K.journal, unpack(ARGV, i, math.min(i + 999, at + forget)))
  end
  if fields.first then
    -- Every pair was accepted: the id, token pairs are ARGV's own, no copy needed.
    for i = fields.first, fields.last, 2000 do
      redis.call('HSET', K.journal, unpack(ARGV, i, math.min(i + 1999, fields.last)))
    end
  elseif #fields > 0 then
    bulk('HSET', K.journal, fields, 2)
  end
end
-- After a recovery, a lease issued before it (a token below the marker's fence base) names a
-- ticket of the lost data. When Redis knows nothing of that ticket now, the outcome its worker
-- committed is the only one there can be, so the settlement stands.
local function lost_with_data(id, token)
  local base = tonumber(redis.call('HGET', K.deployment, 'fence_base') or '0')
  return tonumber(token) < base and redis.call('HEXISTS', K.ticket, id) == 0
    and redis.call('HEXISTS', K.lease, id) == 0
end
-- Whether a lease (`token|worker`) carries `token` (a string of digits).
local function holds(lease, token)
  local length = #token
  return lease ~= false and string.byte(lease, length + 1) == 124 and string.sub(lease, 1, length) == token
end
-- Accepts ids whose lease still carries the caller's token: ARGV from `first` holds `count`
-- id, token pairs. Returns the accepted ids, one flag per pair (1 or 0), and the accepted
-- pairs as journal fields: when all were accepted (the common case), `{first = i, last = j}`,
-- the range of ARGV that holds them; else a list id, token, ….
local function fenced(ARGV, first, count)
  local ids = {}
  for i = 1, count do ids[i] = ARGV[first + 2 * i - 2] end
  local flags = {}
  if count == 0 then return ids, flags, {} end
  local leases = redis.call('HMGET', K.lease, unpack(ids))
  local refused = 0
  for i = 1, count do
    if holds(leases[i], ARGV[first + 2 * i - 1]) then flags[i] = 1 else flags[i] = 0; refused = refused + 1 end
  end
  if refused == 0 then return ids, flags, { first = first, last = first + 2 * count - 1 } end
  local accepted, entries = {}, {}
  for i = 1, count do
    if flags[i] == 1 then
      accepted[#accepted + 1] = ids[i]
      entries[#entries + 1] = ids[i]
      entries[#entries + 1] = ARGV[first + 2 * i - 1]
    end
  end
  return accepted, flags, entries
end
-- Puts a ticket back to be claimed: into its lane, or among the suspects when a delivery of it
-- ended with its worker's death.
local function enqueue_again(id, m)
  if redis.call('HEXISTS', K.crashes, id) == 1 then
    redis.call('ZADD', K.suspect, m.due, id)
  else
    redis.call('ZADD', lane_key(m.code), m.due, id)
  end
end
-- Takes a ticket from a lease back to be claimed again; `crashed`: its worker died holding it.
-- The delivery that ended counts (see `claim` on attempts).
local function requeue(id, crashed)
  redis.call('ZREM', K.inflight, id)
  redis.call('HDEL', K.lease, id)
  local m = lane_state(id)
  if m then
    redis.call('HINCRBY', K.attempts, id, 1)
    if crashed then redis.call('HINCRBY', K.crashes, id, 1) end
    enqueue_again(id, m)
  end
end

-- Retention of dead letters and quarantined messages: each kind is kept at most so long and so
-- many bytes (K.retention holds the limits `ticketq deployment init|retention` write; these
-- defaults apply to a deployment without them). Byte counts are kept as entries come and go.
-- Evictions are counted in K.evictions and returned to the caller, which logs them by id.
local RETENTION_DEFAULTS = {
  dead_letter_max_age_ms = 2592000000, dead_letter_max_bytes = 1073741824,
  quarantine_max_age_ms = 2592000000, quarantine_max_bytes = 536870912,
}
local function limit(name)
  return tonumber(redis.call('HGET', K.retention, name) or RETENTION_DEFAULTS[name])
end
-- Dead letters are kept per partition, so each partition holds its share of the byte limit.
local function partition_share(bytes)
  local partitions = tonumber(redis.call('HGET', K.deployment, 'partitions') or '1')
  return math.floor(bytes / math.max(1, partitions))
end
local function dead_letter_size(id)
  return redis.call('HSTRLEN', K.ticket, id) + redis.call('HSTRLEN', K.deadInfo, id)
end
local function quarantined_size(id)
  return redis.call('HSTRLEN', K.quarantineRaw, id) + redis.call('HSTRLEN', K.quarantine, id)
end
-- Evicts the entries of one kind older than its age limit, then the oldest while it holds more
-- bytes than its byte limit (never `keep`). Appends `{kind, id, reason, bytes}` to `evicted`.
local function evict(kind, order, bytes_key, size_of, remove, now, evicted, keep)
  local function drop(id, reason)
    local size = size_of(id)
    remove(id)
    redis.call('ZREM', order, id)
    redis.call('DECRBY', bytes_key, size)
    redis.call('HINCRBY', K.evictions, kind .. ':' .. reason, 1)
    evicted[#evicted + 1] = { kind, id, reason, size }
  end
  local expired = redis.call('ZRANGEBYSCORE', order, '-inf', '(' .. (now - limit(kind .. '_max_age_ms')), 'LIMIT', 0, 1000)
  for _, id in ipairs(expired) do
    if id ~= keep then drop(id, 'age') end
  end
  local cap = limit(kind .. '_max_bytes')
  if kind == 'dead_letter' then cap = partition_share(cap) end
  while tonumber(redis.call('GET', bytes_key) or '0') > cap do
    local oldest = redis.call('ZRANGE', order, 0, 1)
    local victim = oldest[1] ~= keep and oldest[1] or oldest[2]
    if not victim then break end
    drop(victim, 'bytes')
  end
end
local function evict_dead_letters(now, evicted)
  evict('dead_letter', K.dead, K.deadBytes, dead_letter_size, function(id)
    redis.call('HDEL', K.ticket, id)
    redis.call('HDEL', K.attempts, id)
    redis.call('HDEL', K.deadInfo, id)
    redis.call('HDEL', K.crashes, id)
  end, now, evicted)
end
local function evict_quarantined(now, evicted, keep)
  evict('quarantine', K.quarantineAt, K.quarantineBytes, quarantined_size, function(id)
    redis.call('HDEL', K.quarantine, id)
    redis.call('HDEL', K.quarantineRaw, id)
  end, now, evicted, keep)
end

-- The dedupe window: `seen` maps each id accepted within the window to its content digest (''
-- when unknown). `seenOrder` lists those ids in the order they were written, each at most once,
-- and `seenPushed` counts every id ever written there, so the head of the list is id number
-- `seenPushed - LLEN`. `seenMarks` holds checkpoints: member N (a count of ids written), score the
-- time by which the first N had been written; at most one per 1/256 of the window, so an entry
-- lives at most that much longer than the window. Entries leave from the head of the list once a
-- checkpoint past them is older than the window, a bounded number per call; the id of a ticket
-- still live goes back to the tail instead, so a live ticket is always known.
local MARKS_PER_WINDOW = 256

-- Appends `count` ids to the order, with a checkpoint when one is due (`stamp`: its time).
local function push_seen(ids, count, stamp, window)
  if count == 0 then return end
  for i = 1, count, 1000 do redis.call('RPUSH', K.seenOrder, unpack(ids, i, math.min(i + 999, count))) end
  local pushed = redis.call('INCRBY', K.seenPushed, count)
  local last = redis.call('ZRANGE', K.seenMarks, -1, -1, 'WITHSCORES')
  if #last == 0 or tonumber(last[2]) <= stamp - window / MARKS_PER_WINDOW then
    redis.call('ZADD', K.seenMarks, tostring(stamp), string.format('%d', pushed))
  end
end

-- Removes the entries written before a checkpoint older than the window, at most `bound` of
-- them. Returns the ids among them whose tickets are still live, to be written again.
local function trim_seen(now, window, bound)
  local cutoff = '(' .. tostring(now - window)
  local old = redis.call('ZRANGEBYSCORE', K.seenMarks, '-inf', cutoff)
  if #old == 0 then return {} end
  local through = 0
  for _, member in ipairs(old) do through = math.max(through, tonumber(member)) end
  local head = tonumber(redis.call('GET', K.seenPushed) or '0') - redis.call('LLEN', K.seenOrder)
  local due = math.min(through - head, bound)
  local live = {}
  if due > 0 then
    local gone = {}
    for _, id in ipairs(redis.call('LPOP', K.seenOrder, due) or {}) do
      if redis.call('HEXISTS', K.ticket, id) == 1 then live[#live + 1] = id else gone[#gone + 1] = id end
    end
    for i = 1, #gone, 1000 do redis.call('HDEL', K.seen, unpack(gone, i, math.min(i + 999, #gone))) end
  end
  if head + math.max(due, 0) >= through then redis.call('ZREMRANGEBYSCORE', K.seenMarks, '-inf', cutoff) end
  return live
end

redis.register_function {
  function_name = 'ticketq_version',
  flags = READ_ONLY,
  callback = function() return VERSION end,
}

-- Enqueues a batch: ARGV = windowMs, n, then per ticket id, laneCode, dueMs, promoteAtMs
-- (empty: none; else the ticket is listed under it), contentDigest, record (the header and
-- payload; see the top of this file for both). A ticket id in the dedupe window (see `push_seen`; a live ticket's id always is) is not enqueued
-- again: it is a duplicate when its content digest matches the one kept for the id (or none is
-- kept: entries restored after a recovery carry none), a conflict when it differs. Returns one
-- flag per ticket: 1 accepted, 0 duplicate, 2 conflict.
register('submit', { 'deployment', 'seen', 'seenOrder', 'seenMarks', 'seenPushed', 'ticket', 'sameBusinessDay', 'extended',
  'standard', 'promotions', 'wake', 'urgentWake' }, FILLING, function(ARGV)
  if not deployed() then return no_deployment() end
  local now = now_ms()
  local window = tonumber(ARGV[1])
  local n = tonumber(ARGV[2])
  local ids = {}
  for i = 0, n - 1 do ids[i + 1] = ARGV[3 + i * 6] end
  -- Entries past the window leave first, so that an id past it is new again. At least as many
  -- leave per call as a call adds, so the window never falls behind.
  local live = trim_seen(now, window, 1000 + 2 * n)
  local known = {}
  for i = 1, n, 1000 do
    local last = math.min(i + 999, n)
    local digests = redis.call('HMGET', K.seen, unpack(ids, i, last))
    for j = i, last do known[j] = digests[j - i + 1] end
  end
  -- The hot loop keeps its own counts (Lua's `#` searches the table each time) and hands Redis
  -- strings (a number is formatted anew for every element it is passed as).
  local out, accepted, in_batch = {}, 0, {}
  local seen, order, records = {}, {}, {}
  local nd = 0
  local promotions, promotion_counts = {}, {}
  local lanes = { s = {}, e = {}, n = {} }
  local lane_counts = { s = 0, e = 0, n = 0 }
  for i = 1, n do
    local b = 3 + (i - 1) * 6
    local id, digest = ids[i], ARGV[b + 4]
    local kept = in_batch[id] or known[i]
    if kept then
      if kept ~= '' and digest ~= '' and kept ~= digest then out[i] = 2 else out[i] = 0 end
    else
      in_batch[id] = digest
      local code, due, promote_at = ARGV[b + 1], ARGV[b + 2], ARGV[b + 3]
      seen[nd + 1] = id; seen[nd + 2] = digest
      records[nd + 1] = id; records[nd + 2] = ARGV[b + 5]
      nd = nd + 2
      accepted = accepted + 1
      order[accepted] = id
      if not lanes[code] then code = 'n' end
      local lane, count = lanes[code], lane_counts[code]
      lane[count + 1] = due; lane[count + 2] = id
      lane_counts[code] = count + 2
      if promote_at ~= '' and code ~= 's' then
        local listed = promotions[promote_at]
        if not listed then listed = {}; promotions[promote_at] = listed; promotion_counts[promote_at] = 0 end
        local count = promotion_counts[promote_at] + 1
        listed[count] = promotion_entry(due, id)
        promotion_counts[promote_at] = count
      end
      out[i] = 1
    end
  end
  for i = 1, #live do order[accepted + i] = live[i] end
  if accepted > 0 then
    bulk('HSET', K.seen, seen, 2)
    bulk('HSET', K.ticket, records, 2)
    for code, items in pairs(lanes) do
      if lane_counts[code] > 0 then bulk('ZADD', lane_key(code), items, 2) end
    end
    for instant, listed in pairs(promotions) do list_promotions(instant, listed) end
    wake(accepted)
  end
  push_seen(order, accepted + #live, now, window)
  return out
end)

-- Claims up to a batch: ARGV = workerId, batch, leaseMs, lowerStep, scope, reserve, fetch.
--
-- Scope `urgent` claims from the same-business-day lane only and leaves the lower tier's credit
-- alone (an urgent claimer's few reserved slots). Scope `all` takes urgent tickets only beyond the
-- first `reserve` of them, which are left to the urgent claimers. Scope `suspect` takes suspects
-- (see the top of this file): up to a batch of those whose worker died once, else one alone; the
-- other scopes never take suspects.
--
-- Retries whose backoff is over go back to their lanes first. The same-business-day lane wins,
-- except that while the lower tier (extended and standard, merged earliest deadline first) is not
-- empty it earns `lowerStep` credit per urgent claim and takes the next claim whenever a whole
-- credit is available — a guaranteed minimum share. Each claimed ticket gets a fencing token and
-- a lease in the in-flight set. Its delivery count is the deliveries that ended before
-- (K.attempts, written only when one ends without settling: a retry, an expired lease, a dead
-- worker; absent for the many tickets delivered once) plus this one, so a first delivery writes
-- no count. Returns `{nowMs, suspectsWaiting, firstToken, {id…}, {{position, attempts, crashes}…},
-- {record…}}`: the claimed ids, whose tokens run from `firstToken` in that order; the delivery and
-- crash counts only of the tickets delivered before (most are on their first delivery: attempts 1,
-- crashes 0), by position in the ids; and, with fetch `inline` only (the urgent claimer's few
-- tickets, where a round trip costs more than the copy), their records. Otherwise the caller
-- fetches the records (lane, due time and payload) with a plain HMGET, far cheaper than passing
-- them through Lua.
register('claim', { 'deployment', 'retry', 'ticket', 'sameBusinessDay', 'extended', 'standard', 'credit',
  'fence', 'inflight', 'lease', 'attempts', 'wake', 'urgentWake', 'suspect', 'crashes' }, DRAINING, function(ARGV)
  if not deployed() then return no_deployment() end
  local worker, batch, lease, step = ARGV[1], tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4])
  local urgent_only, suspect_only = ARGV[5] == 'urgent', ARGV[5] == 'suspect'
  local reserve, inline = tonumber(ARGV[6] or '0'), ARGV[7] == 'inline'
  local now = now_ms()
  local due_retries = redis.call('ZRANGEBYSCORE', K.retry, '-inf', now, 'LIMIT', 0, 1000)
  for _, id in ipairs(due_retries) do
    redis.call('ZREM', K.retry, id)
    local m = lane_state(id)
    if m then enqueue_again(id, m) end
  end
  local picked, crashes = {}, {}
  if suspect_only then
    -- Suspects of one crash go in small groups (up to `batch`); a group that crashes again makes
    -- each of its members a suspect of two, and those go alone.
    local head = redis.call('ZRANGE', K.suspect, 0, batch - 1, 'WITHSCORES')
    if #head > 0 then
      local ids = {}
      for i = 1, #head, 2 do ids[#ids + 1] = head[i] end
      local counts = redis.call('HMGET', K.crashes, unpack(ids))
      for i, id in ipairs(ids) do
        local count = tonumber(counts[i] or '0')
        if i > 1 and (count > 1 or crashes[1] > 1) then break end
        picked[i], crashes[i] = id, count
      end
      redis.call('ZREM', K.suspect, unpack(picked))
    end
  else
    local nu, ne, ns = redis.call('ZCARD', K.sameBusinessDay), redis.call('ZCARD', K.extended), redis.call('ZCARD', K.standard)
    if urgent_only then
      ne, ns = 0, 0
    else
      nu = math.max(0, nu - reserve)
    end
    local credit = tonumber(redis.call('GET', K.credit) or '0')
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
    if not urgent_only then redis.call('SET', K.credit, tostring(credit)) end
    -- The head of a lane without its scores (ZPOPMIN would format each as a double, for nothing).
    local np = 0
    local function pop(key, count)
      if count <= 0 then return end
      local ids = redis.call('ZRANGE', key, 0, count - 1)
      redis.call('ZREMRANGEBYRANK', key, 0, count - 1)
      for i = 1, #ids do picked[np + i] = ids[i] end
      np = np + #ids
    end
    pop(K.sameBusinessDay, take_u)
    if take_l > 0 then
      if ne == 0 then
        pop(K.standard, take_l)
      elseif ns == 0 then
        pop(K.extended, take_l)
      else
        local e = redis.call('ZRANGE', K.extended, 0, take_l - 1, 'WITHSCORES')
        local s = redis.call('ZRANGE', K.standard, 0, take_l - 1, 'WITHSCORES')
        local ei, si, from_e, from_s = 1, 1, 0, 0
        for _ = 1, take_l do
          if ei <= #e and (si > #s or tonumber(e[ei + 1]) <= tonumber(s[si + 1])) then
            from_e = from_e + 1; ei = ei + 2
          else
            from_s = from_s + 1; si = si + 2
          end
        end
        pop(K.extended, from_e)
        pop(K.standard, from_s)
      end
    end
  end
  local count = #picked
  if count == 0 then return { now, redis.call('ZCARD', K.suspect), 0, {}, {}, {} } end
  local last = redis.call('INCRBY', K.fence, count)
  local first = last - count + 1
  local inflight, leases, redelivered, records = {}, {}, {}, {}
  local prior = redis.call('HMGET', K.attempts, unpack(picked))
  local deadline = tostring(now + lease)
  for i = 1, count do
    local id = picked[i]
    inflight[2 * i - 1] = deadline
    inflight[2 * i] = id
    leases[2 * i - 1] = id
    -- Formatted as an integer: Lua would write a token of 15 digits or more (as a recovery
    -- issues) in exponent notation, and the lease would match nothing.
    leases[2 * i] = string.format('%d|%s', first + i - 1, worker)
    if prior[i] or crashes[i] then
      redelivered[#redelivered + 1] = { i, tonumber(prior[i] or '0') + 1, crashes[i] or 0 }
    end
    if inline then records[i] = redis.call('HGET', K.ticket, id) end
  end
  bulk('ZADD', K.inflight, inflight, 2)
  bulk('HSET', K.lease, leases, 2)
  if count == batch and has_work() then wake(1) end
  return { now, redis.call('ZCARD', K.suspect), first, picked, redelivered, records }
end)

-- Acknowledges completed tickets: ARGV = n, then id, token pairs, then the journal ids to forget
-- (a count, then the ids; see `journal`). A ticket whose lease no longer carries the token (it was
-- reaped and redelivered) is refused. Accepted tickets leave Redis entirely. Returns one flag per
-- ticket: 1 accepted, 0 refused, 2 accepted because the ticket was lost with Redis's data before a
-- recovery (see `lost_with_data`).
register('acknowledge', { 'deployment', 'lease', 'inflight', 'ticket', 'attempts', 'crashes', 'journal' },
  DRAINING, function(ARGV)
  if not deployed() then return no_deployment() end
  local accepted, flags, entries = fenced(ARGV, 2, tonumber(ARGV[1]))
  for i, flag in ipairs(flags) do
    if flag == 0 and lost_with_data(ARGV[2 * i], ARGV[2 * i + 1]) then flags[i] = 2 end
  end
  if #accepted > 0 then
    redis.call('ZREM', K.inflight, unpack(accepted))
    redis.call('HDEL', K.lease, unpack(accepted))
    redis.call('HDEL', K.ticket, unpack(accepted))
    -- Delivery counts and crash counts exist for few tickets, often none: an empty structure is
    -- not handed every id. (A promotion entry stays; see the top of this file.)
    if redis.call('HLEN', K.attempts) > 0 then redis.call('HDEL', K.attempts, unpack(accepted)) end
    if redis.call('HLEN', K.crashes) > 0 then redis.call('HDEL', K.crashes, unpack(accepted)) end
  end
  journal(ARGV, 2 + 2 * tonumber(ARGV[1]), entries)
  return flags
end)

-- Moves tickets to the dead-letter set: ARGV = n, then per ticket id, token, info (JSON with
-- reason, attempts and last error), then the journal ids to forget as `acknowledge` takes them.
-- The record stays, so a dead letter can be requeued.
-- Returns one flag per ticket, as `acknowledge` does.
register('dead_letter', { 'deployment', 'lease', 'inflight', 'dead', 'deadInfo', 'ticket', 'crashes',
  'deadBytes', 'journal' },
  DRAINING, function(ARGV)
  if not deployed() then return no_deployment() end
  local n = tonumber(ARGV[1])
  local ids, tokens, infos = {}, {}, {}
  for i = 0, n - 1 do
    ids[#ids + 1] = ARGV[2 + 3 * i]; tokens[#tokens + 1] = ARGV[3 + 3 * i]; infos[#infos + 1] = ARGV[4 + 3 * i]
  end
  local now = now_ms()
  local flags, entries = {}, {}
  local leases = n > 0 and redis.call('HMGET', K.lease, unpack(ids)) or {}
  for i, id in ipairs(ids) do
    if holds(leases[i], tokens[i]) then
      redis.call('ZREM', K.inflight, id)
      redis.call('HDEL', K.lease, id)
      redis.call('HDEL', K.crashes, id)
      redis.call('ZADD', K.dead, now, id)
      redis.call('HSET', K.deadInfo, id, infos[i])
      redis.call('INCRBY', K.deadBytes, dead_letter_size(id))
      flags[i] = 1
      entries[#entries + 1] = id
      entries[#entries + 1] = tokens[i]
    elseif lost_with_data(id, tokens[i]) then
      flags[i] = 2
    else
      flags[i] = 0
    end
  end
  journal(ARGV, 2 + 3 * n, entries)
  return flags
end)

-- Schedules a retry: ARGV = id, token, delayMs. Returns 1 when the lease was still held.
register('retry', { 'deployment', 'lease', 'inflight', 'retry', 'attempts' }, DRAINING, function(ARGV)
  if not deployed() then return no_deployment() end
  local id, token, delay = ARGV[1], ARGV[2], tonumber(ARGV[3])
  local lease = redis.call('HGET', K.lease, id)
  if not holds(lease, token) then return 0 end
  redis.call('ZREM', K.inflight, id)
  redis.call('HDEL', K.lease, id)
  redis.call('HINCRBY', K.attempts, id, 1)
  redis.call('ZADD', K.retry, now_ms() + delay, id)
  return 1
end)

-- Hands tickets back to their lanes without counting the attempt (graceful shutdown, a store
-- that cannot commit): ARGV = n, then id, token pairs. Returns one flag per ticket.
register('release', { 'deployment', 'lease', 'inflight', 'ticket', 'sameBusinessDay', 'extended', 'standard',
  'wake', 'urgentWake', 'suspect', 'crashes' }, DRAINING, function(ARGV)
  if not deployed() then return no_deployment() end
  local accepted, flags = fenced(ARGV, 2, tonumber(ARGV[1]))
  for _, id in ipairs(accepted) do
    redis.call('ZREM', K.inflight, id)
    redis.call('HDEL', K.lease, id)
    local m = lane_state(id)
    if m then enqueue_again(id, m) end
  end
  if #accepted > 0 then wake(#accepted) end
  return flags
end)

-- Extends leases: ARGV = leaseMs, n, then id, token pairs. Returns one flag per ticket (0: the
-- lease was lost and the ticket may already be with another worker).
register('renew', { 'deployment', 'lease', 'inflight' }, DRAINING, function(ARGV)
  if not deployed() then return no_deployment() end
  local lease = tonumber(ARGV[1])
  local accepted, flags = fenced(ARGV, 3, tonumber(ARGV[2]))
  local now = now_ms()
  local args = {}
  for _, id in ipairs(accepted) do
    args[#args + 1] = now + lease
    args[#args + 1] = id
  end
  if #args > 0 then redis.call('ZADD', K.inflight, 'XX', unpack(args)) end
  return flags
end)

-- Returns tickets whose lease expired, and every ticket of a worker whose liveness key is gone,
-- to be claimed again at once (a dead worker's tickets as suspects). The keys past the declared
-- ones are the liveness keys of the registered workers, with the matching worker ids in ARGV.
-- Dead workers leave the registry.
-- Returns `{expiredCount, orphanedCount, {deadWorkerId…}}`.
register('reap', { 'deployment', 'inflight', 'lease', 'ticket', 'workers', 'sameBusinessDay', 'extended', 'standard',
  'wake', 'urgentWake', 'suspect', 'crashes', 'attempts' }, DRAINING, function(ARGV)
  if not deployed() then return no_deployment() end
  local now = now_ms()
  local dead, dead_list = {}, {}
  for i, alive_key in ipairs(K.rest) do
    if redis.call('EXISTS', alive_key) == 0 then
      dead[ARGV[i]] = true
      dead_list[#dead_list + 1] = ARGV[i]
    end
  end
  local reasons, order = {}, {}
  for _, id in ipairs(redis.call('ZRANGEBYSCORE', K.inflight, '-inf', now)) do
    reasons[id] = 'expired'; order[#order + 1] = id
  end
  local orphaned = 0
  if #dead_list > 0 then
    local all = redis.call('HGETALL', K.lease)
    for i = 1, #all, 2 do
      if dead[worker_of(all[i + 1])] and not reasons[all[i]] then
        reasons[all[i]] = 'orphan'; order[#order + 1] = all[i]; orphaned = orphaned + 1
      end
    end
    redis.call('HDEL', K.workers, unpack(dead_list))
  end
  for _, id in ipairs(order) do requeue(id, reasons[id] == 'orphan') end
  if #order > 0 then wake(#order) end
  return { #order - orphaned, orphaned, dead_list }
end)

-- Returns the in-flight tickets of one worker id to be claimed again, as suspects (a worker
-- restarted under the same id requeues its previous life's tickets): ARGV = workerId. Returns the count.
register('requeue_worker', { 'deployment', 'inflight', 'lease', 'ticket', 'sameBusinessDay', 'extended', 'standard',
  'wake', 'urgentWake', 'suspect', 'crashes', 'attempts' }, DRAINING, function(ARGV)
  if not deployed() then return no_deployment() end
  local worker = ARGV[1]
  local all = redis.call('HGETALL', K.lease)
  local n = 0
  for i = 1, #all, 2 do
    if worker_of(all[i + 1]) == worker then
      requeue(all[i], true)
      n = n + 1
    end
  end
  if n > 0 then wake(n) end
  return n
end)

-- Promotes lower-tier tickets whose promotion instant has come into the same-business-day lane:
-- ARGV = limit, the most promotion entries to look at (see the top of this file). A ticket in
-- flight, retrying or dead-lettered is re-labelled so that it comes back (or is requeued) into the
-- urgent lane. Atomic, so concurrent promoters never move a ticket twice. Returns `{promoted,
-- more}`: the tickets promoted, and 1 when entries whose instant has come are left, else 0.
register('promote', { 'deployment', 'promotions', 'ticket', 'sameBusinessDay', 'extended', 'standard', 'wake', 'urgentWake' },
  DRAINING, function(ARGV)
  if not deployed() then return no_deployment() end
  local now = now_ms()
  local budget = tonumber(ARGV[1])
  local moved = 0
  local instants = redis.call('ZRANGEBYSCORE', K.promotions, '-inf', now, 'LIMIT', 0, 64)
  local more = 0
  for _, instant in ipairs(instants) do
    if budget <= 0 then more = 1; break end
    local listed = promotion_list(instant)
    local entries = redis.call('LPOP', listed, budget) or {}
    budget = budget - #entries
    for _, entry in ipairs(entries) do
      local due, id = parse_promotion_entry(entry)
      local record = id and redis.call('HGET', K.ticket, id)
      local m = parse_header(record)
      if m and m.code ~= 's' and m.due == due then
        local from = lane_key(m.code)
        if redis.call('ZREM', from, id) == 1 then redis.call('ZADD', K.sameBusinessDay, m.due, id) end
        m.code = 's'
        m.promoted = '1'
        redis.call('HSET', K.ticket, id, format_header(m) .. string.sub(record, string.find(record, '\n', 1, true) + 1))
        moved = moved + 1
      end
    end
    if redis.call('LLEN', listed) == 0 then redis.call('ZREM', K.promotions, instant) else more = 1 end
  end
  if #instants == 64 then more = 1 end
  if moved > 0 then wake(1) end
  return { moved, more }
end)

-- Requeues dead letters: ARGV = n, then ids (n = 0: all). Attempts start again from zero.
-- Returns the number requeued.
register('requeue_dead', { 'deployment', 'dead', 'deadInfo', 'ticket', 'attempts', 'sameBusinessDay',
  'extended', 'standard', 'wake', 'urgentWake', 'crashes', 'deadBytes' }, DRAINING, function(ARGV)
  if not deployed() then return no_deployment() end
  local n = tonumber(ARGV[1])
  local ids = {}
  if n == 0 then ids = redis.call('ZRANGE', K.dead, 0, -1) else for i = 2, n + 1 do ids[#ids + 1] = ARGV[i] end end
  local moved = 0
  for _, id in ipairs(ids) do
    if redis.call('ZREM', K.dead, id) == 1 then
      redis.call('DECRBY', K.deadBytes, dead_letter_size(id))
      redis.call('HDEL', K.deadInfo, id)
      local m = lane_state(id)
      if m then
        redis.call('HDEL', K.attempts, id)
        redis.call('HDEL', K.crashes, id)
        redis.call('ZADD', lane_key(m.code), m.due, id)
        moved = moved + 1
      else
        redis.call('HDEL', K.ticket, id)
      end
    end
  end
  if moved > 0 then wake(moved) end
  return moved
end)

-- Deletes every dead letter with its record. Returns the number deleted.
register('purge_dead', { 'deployment', 'dead', 'deadInfo', 'ticket', 'attempts', 'crashes', 'deadBytes' },
  DRAINING, function()
  if not deployed() then return no_deployment() end
  local ids = redis.call('ZRANGE', K.dead, 0, -1)
  for i = 1, #ids, 500 do
    local chunk = { unpack(ids, i, math.min(i + 499, #ids)) }
    redis.call('HDEL', K.ticket, unpack(chunk))
    redis.call('HDEL', K.attempts, unpack(chunk))
    redis.call('HDEL', K.deadInfo, unpack(chunk))
    redis.call('HDEL', K.crashes, unpack(chunk))
  end
  redis.call('DEL', K.dead, K.deadBytes)
  return #ids
end)

-- Library version 2 counts a delivery when it ends without settling (see `claim`); earlier
-- versions counted it when it began. The tickets in flight when a deployment moves to version 2
-- were counted at their claim, so their counts go back by one — once: the marker's
-- `deliveries_counted` field says it was done. Returns how many tickets were adjusted (0 when
-- done before).
local function count_deliveries_on_end()
  if redis.call('HGET', K.deployment, 'deliveries_counted') == 'on_end' then return 0 end
  local ids = redis.call('ZRANGE', K.inflight, 0, -1)
  for _, id in ipairs(ids) do
    if tonumber(redis.call('HINCRBY', K.attempts, id, -1)) <= 0 then redis.call('HDEL', K.attempts, id) end
  end
  redis.call('HSET', K.deployment, 'deliveries_counted', 'on_end')
  return #ids
end

register('count_deliveries_on_end', { 'deployment', 'inflight', 'attempts' }, DRAINING, function()
  if redis.call('EXISTS', K.deployment) == 0 then return no_deployment() end
  return count_deliveries_on_end()
end)

-- Writes the deployment marker: ARGV = mode (`initialized`, `adopted` or `recovered`), id,
-- release, partitions (the deployment's count), partition (this key space's number, or '' for
-- the root marker of a deployment of several partitions). Writes nothing when a marker exists
-- (`{'present'}`), when a new deployment would start on this namespace's existing data
-- (`{'holds-data'}`), or when there is no data to adopt (`{'empty'}`). A recovery moves the fencing counter past every token the lost data could have
-- issued, so no stale lease ever matches a new one. Returns `{'created'}` on success.
register('create_deployment', { 'deployment', 'sameBusinessDay', 'extended', 'standard', 'ticket', 'payload', 'meta',
  'inflight', 'lease', 'retry', 'dead', 'dedupe', 'fence', 'workers', 'attempts', 'promote', 'promotions', 'suspect', 'digest',
  'seen' }, FILLING, function(ARGV)
  local origin, id, release, partitions, partition = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
  if redis.call('EXISTS', K.deployment) == 1 then return { 'present' } end
  local held = redis.call('EXISTS', K.sameBusinessDay, K.extended, K.standard, K.ticket, K.payload, K.meta, K.inflight,
    K.lease, K.retry, K.dead, K.dedupe, K.fence, K.workers, K.attempts, K.promote, K.promotions, K.suspect, K.digest, K.seen)
  if origin == 'initialized' and held > 0 then return { 'holds-data' } end
  if origin == 'adopted' and held == 0 then return { 'empty' } end
  local now = now_ms()
  local base = 0
  if origin == 'recovered' then
    base = math.max(now * 1000, tonumber(redis.call('GET', K.fence) or '0') + 1)
    redis.call('SET', K.fence, string.format('%d', base))
  end
  -- Two writes, so that Redis logs the marker as a transaction as it logs every lane write: an
  -- append-only file whose transactions cannot be replayed then loses the marker together with
  -- the lanes, and the loss is seen.
  redis.call('HSET', K.deployment, 'schema', '1')
  redis.call('HSET', K.deployment, 'id', id, 'created_at', string.format('%d', now),
    'origin', origin, 'fence_base', string.format('%d', base), 'written_by', release, 'partitions', partitions)
  if partition ~= '' then redis.call('HSET', K.deployment, 'partition', partition) end
  -- Adopted data was written by a release that counted deliveries at the claim, and may keep
  -- its tickets and promotions in the earlier layouts (then `move_to_ticket_records` and
  -- `move_to_promotion_lists` mark the moves when done).
  count_deliveries_on_end()
  if redis.call('EXISTS', K.payload, K.meta, K.dedupe, K.digest) == 0 then redis.call('HSET', K.deployment, 'ticket_records', '1') end
  if redis.call('EXISTS', K.promote) == 0 then redis.call('HSET', K.deployment, 'promotion_lists', '1') end
  return { 'created' }
end)

-- Moves a deployment kept in the layout of library version 2 and earlier into this one: ARGV =
-- limit, window (ms). Tickets kept in a `payload` hash and a `meta` hash of
-- `attempts|promoted|laneCode|dueMs|intakeLaneCode|enqueuedMs` become records; the dedupe
-- window, a `dedupe` sorted set by time with a `digest` hash beside it, becomes `seen` (see
-- `push_seen`), its entries keeping their age. Moves up to about `limit` of each per call, each
-- whole in the call that moves it, so a crash between calls leaves every ticket and entry in one
-- layout or the other and a rerun carries on. A live ticket without an entry gets one (live
-- tickets keep theirs now). When nothing is left to move, marks the deployment
-- (`ticket_records`). Returns `{moved, left}`: tickets moved, and tickets and entries left.
register('move_to_ticket_records', { 'deployment', 'ticket', 'payload', 'meta', 'dedupe', 'digest', 'seen', 'seenOrder',
  'seenMarks', 'seenPushed' }, DRAINING, function(ARGV)
  if redis.call('EXISTS', K.deployment) == 0 then return no_deployment() end
  local limit, window = tonumber(ARGV[1]), tonumber(ARGV[2])
  local now = now_ms()
  local now_text = tostring(now)
  -- Entries of the window, oldest first, with a checkpoint at the newest one's time.
  local entries = redis.call('ZRANGE', K.dedupe, 0, limit - 1, 'WITHSCORES')
  if #entries > 0 then
    local ids = {}
    for i = 1, #entries, 2 do ids[#ids + 1] = entries[i] end
    local digests = redis.call('HMGET', K.digest, unpack(ids))
    local fresh = {}
    for i, id in ipairs(ids) do
      if redis.call('HSETNX', K.seen, id, digests[i] or '') == 1 then fresh[#fresh + 1] = id end
    end
    if #fresh > 0 then
      redis.call('RPUSH', K.seenOrder, unpack(fresh))
      local pushed = redis.call('INCRBY', K.seenPushed, #fresh)
      redis.call('ZADD', K.seenMarks, entries[#entries], string.format('%d', pushed))
    end
    redis.call('ZREM', K.dedupe, unpack(ids))
    redis.call('HDEL', K.digest, unpack(ids))
  end
  local moved = 0
  local unknown = {}
  local function move(ids, metas)
    local payloads = redis.call('HMGET', K.payload, unpack(ids))
    for i, id in ipairs(ids) do
      local m = metas and metas[i]
      local a, p, c, d, q, e
      if m then a, p, c, d, q, e = string.match(m, '^(%d+)|(%d)|(%a)|(-?%d+)|(%a)|(-?%d+)$') end
      local header
      if a then
        header = { code = c, intake = q, promoted = p, due = d, enqueued = e }
      else
        -- A payload without readable lane state (no release writes one) still moves, with the
        -- standard lane's state, so that nothing is dropped.
        header = { code = 'n', intake = 'n', promoted = '0', due = '0', enqueued = now_text }
      end
      if payloads[i] then
        redis.call('HSET', K.ticket, id, format_header(header) .. payloads[i])
        moved = moved + 1
        if redis.call('HSETNX', K.seen, id, redis.call('HGET', K.digest, id) or '') == 1 then unknown[#unknown + 1] = id end
      end
      redis.call('HDEL', K.payload, id)
      redis.call('HDEL', K.meta, id)
    end
  end
  local picked = redis.call('HRANDFIELD', K.meta, limit, 'WITHVALUES')
  if #picked > 0 then
    local ids, metas = {}, {}
    for i = 1, #picked, 2 do ids[#ids + 1] = picked[i]; metas[#metas + 1] = picked[i + 1] end
    move(ids, metas)
  else
    local orphans = redis.call('HRANDFIELD', K.payload, limit)
    if #orphans > 0 then move(orphans, nil) end
  end
  push_seen(unknown, #unknown, now, window)
  local left = redis.call('HLEN', K.meta) + redis.call('HLEN', K.payload) + redis.call('ZCARD', K.dedupe)
  if left == 0 then
    -- Digests left without an entry belonged to nothing.
    redis.call('DEL', K.digest)
    redis.call('HSET', K.deployment, 'ticket_records', '1')
  end
  return { moved, left }
end)

-- Moves the promotions of library version 3 (a `promote` sorted set, id -> instant) into this
-- library's lists (see the top of this file): ARGV = limit. Moves up to `limit` entries per call,
-- each in the call that removes it, so a crash between calls leaves each entry in one layout or
-- the other and a rerun carries on; an entry whose ticket is no longer a live lower-tier one is
-- dropped. Call after `move_to_ticket_records` (the lists name tickets by their records' due
-- times). When nothing is left to move and the tickets are records, marks the deployment
-- (`promotion_lists`). Returns `{moved, left}`.
register('move_to_promotion_lists', { 'deployment', 'promote', 'promotions', 'ticket' }, DRAINING, function(ARGV)
  if redis.call('EXISTS', K.deployment) == 0 then return no_deployment() end
  local limit = tonumber(ARGV[1])
  local entries = redis.call('ZRANGE', K.promote, 0, limit - 1, 'WITHSCORES')
  local moved, by_instant = 0, {}
  for i = 1, #entries, 2 do
    local id, instant = entries[i], string.format('%d', tonumber(entries[i + 1]))
    local m = lane_state(id)
    if m and m.code ~= 's' then
      by_instant[instant] = by_instant[instant] or {}
      table.insert(by_instant[instant], promotion_entry(m.due, id))
      moved = moved + 1
    end
    redis.call('ZREM', K.promote, id)
  end
  for instant, listed in pairs(by_instant) do list_promotions(instant, listed) end
  local left = redis.call('ZCARD', K.promote)
  if left == 0 and redis.call('HGET', K.deployment, 'ticket_records') == '1' then
    redis.call('HSET', K.deployment, 'promotion_lists', '1')
  end
  return { moved, left }
end)

-- Re-creates dedupe entries after a recovery (ids whose outcomes the stores hold), so that a
-- resubmitted ticket that was already handled is a duplicate: ARGV = windowMs, n, then instantMs,
-- id pairs. Entries whose instant is past the window are left out; the others carry no digest and
-- count their age from now (the window's order is the order entries are written). Returns the
-- number of entries added.
register('restore_dedupe', { 'deployment', 'seen', 'seenOrder', 'seenMarks', 'seenPushed' }, FILLING, function(ARGV)
  if not deployed() then return no_deployment() end
  local window, n = tonumber(ARGV[1]), tonumber(ARGV[2])
  local now = now_ms()
  local fresh = {}
  for i = 1, n do
    local at, id = tonumber(ARGV[1 + 2 * i]), ARGV[2 + 2 * i]
    if at and at >= now - window and redis.call('HSETNX', K.seen, id, '') == 1 then fresh[#fresh + 1] = id end
  end
  push_seen(fresh, #fresh, now, window)
  return #fresh
end)

-- A consistent snapshot for `status`: ARGV = sample (how many heads per lane to inspect for the
-- oldest enqueue time). Returns `{nowMs, inflight, dead, dedupe, {lane}, {lane}, {lane}}` for the
-- lanes s, e, n, each `{queued, retrying, headDueMs|'', oldestEnqueuedMs|''}`; suspects count as
-- queued in their lane. Refused while the deployment awaits its move to records (its counts
-- would leave out the tickets not moved yet).
register('status', { 'deployment', 'retry', 'ticket', 'inflight', 'dead', 'seen', 'sameBusinessDay', 'extended', 'standard',
  'suspect' }, READ_ONLY, function(ARGV)
  if redis.call('EXISTS', K.deployment) == 1 and not deployed() then return no_deployment() end
  local now = now_ms()
  local sample = tonumber(ARGV[1])
  local retrying = { s = 0, e = 0, n = 0 }
  local suspects = { s = 0, e = 0, n = 0 }
  local oldest = { s = nil, e = nil, n = nil }
  local suspect_ids = redis.call('ZRANGE', K.suspect, 0, -1)
  for i = 1, #suspect_ids, 500 do
    local chunk = { unpack(suspect_ids, i, math.min(i + 499, #suspect_ids)) }
    for _, raw in ipairs(redis.call('HMGET', K.ticket, unpack(chunk))) do
      local m = parse_header(raw)
      if m then
        suspects[m.code] = suspects[m.code] + 1
        local q = tonumber(m.enqueued)
        if not oldest[m.code] or q < oldest[m.code] then oldest[m.code] = q end
      end
    end
  end
  local retry_ids = redis.call('ZRANGE', K.retry, 0, -1)
  for i = 1, #retry_ids, 500 do
    local chunk = { unpack(retry_ids, i, math.min(i + 499, #retry_ids)) }
    for _, raw in ipairs(redis.call('HMGET', K.ticket, unpack(chunk))) do
      local m = parse_header(raw)
      if m then
        retrying[m.code] = retrying[m.code] + 1
        local q = tonumber(m.enqueued)
        if not oldest[m.code] or q < oldest[m.code] then oldest[m.code] = q end
      end
    end
  end
  local out = { now, redis.call('ZCARD', K.inflight), redis.call('ZCARD', K.dead), redis.call('HLEN', K.seen) }
  for _, code in ipairs({ 's', 'e', 'n' }) do
    local key = lane_key(code)
    local head = redis.call('ZRANGE', key, 0, sample - 1, 'WITHSCORES')
    local ids = {}
    for i = 1, #head, 2 do ids[#ids + 1] = head[i] end
    if #ids > 0 then
      for _, raw in ipairs(redis.call('HMGET', K.ticket, unpack(ids))) do
        local m = parse_header(raw)
        if m then
          local q = tonumber(m.enqueued)
          if not oldest[code] or q < oldest[code] then oldest[code] = q end
        end
      end
    end
    out[#out + 1] = {
      redis.call('ZCARD', key) + suspects[code], retrying[code], #head > 0 and head[2] or '',
      oldest[code] and tostring(oldest[code]) or '',
    }
  end
  return out
end)

-- A brand's high-volume history as a list of {instant, flag} (numbers), or nil when `raw` is
-- neither the current form nor the bare array of earlier releases, or is of a newer version.
local function parse_history(raw)
  local ok, doc = pcall(cjson.decode, raw)
  if not ok or type(doc) ~= 'table' then return nil end
  local list = doc
  if doc.v ~= nil then
    if doc.v ~= 1 or type(doc.changes) ~= 'table' then return nil end
    list = doc.changes
  end
  local changes = {}
  for i, pair in ipairs(list) do
    if type(pair) ~= 'table' or type(pair[1]) ~= 'number' or (pair[2] ~= 0 and pair[2] ~= 1) then return nil end
    changes[i] = { pair[1], pair[2] }
  end
  return changes
end
-- The stored form of changes[first…]: instants written as integers (Lua would write a large
-- one in exponent notation).
local function format_history(changes, first)
  local parts = {}
  for i = first, #changes do parts[#parts + 1] = string.format('[%d,%d]', changes[i][1], changes[i][2]) end
  return '{"v":1,"changes":[' .. table.concat(parts, ',') .. ']}'
end

-- Records a change of one brand's high-volume switch: ARGV = brand, flag (`1` on, `0` off),
-- instant in epoch milliseconds (empty: the server's clock now), history limit.
--
-- The brand's field in the high-volume hash holds its history (`HighVolumeHistory` in Swift):
-- `{"v":1,"changes":[[instantMs,flag],…]}`, oldest first; the bare array of earlier releases is
-- read too and rewritten in this form. The new change goes after every change at or before its
-- instant (so of two changes at one instant the later recorded wins), and the oldest changes are
-- dropped beyond the limit. Returns the recorded instant.
register('record_high_volume', { 'deployment', 'highVolume' }, FILLING, function(ARGV)
  if not root_deployed() then return no_deployment() end
  local brand, flag, at, limit = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
  if at == '' then at = string.format('%d', now_ms()) end
  local at_number = tonumber(at)
  local raw = redis.call('HGET', K.highVolume, brand)
  local changes = {}
  if raw then
    changes = parse_history(raw)
    if not changes then
      return redis.error_reply('ERR the high-volume history of brand ' .. brand .. ' is not a history this release reads: ' .. raw:sub(1, 80))
    end
  end
  local position = #changes + 1
  while position > 1 and changes[position - 1][1] > at_number do position = position - 1 end
  table.insert(changes, position, { at_number, tonumber(flag) })
  local first = math.max(1, #changes - limit + 1)
  redis.call('HSET', K.highVolume, brand, format_history(changes, first))
  return at
end)

-- Keeps a message intake could not use: ARGV = id, info, raw. The same message quarantined twice
-- is kept once. Older messages are evicted to keep the quarantine within its retention limits.
-- Returns `{stored, {evicted}…}`: stored is 1, or 0 for a message larger than the byte limit on
-- its own (nothing is written then); each evicted entry is `{kind, id, reason, bytes}`.
register('quarantine', { 'deployment', 'quarantine', 'quarantineRaw', 'quarantineAt', 'quarantineBytes', 'retention',
  'evictions' }, FILLING, function(ARGV)
  if not root_deployed() then return no_deployment() end
  local id, info, raw = ARGV[1], ARGV[2], ARGV[3]
  if redis.call('HEXISTS', K.quarantine, id) == 1 then return { 1 } end
  if #raw + #info > limit('quarantine_max_bytes') then return { 0 } end
  local now = now_ms()
  redis.call('HSET', K.quarantineRaw, id, raw)
  redis.call('HSET', K.quarantine, id, info)
  redis.call('ZADD', K.quarantineAt, now, id)
  redis.call('INCRBY', K.quarantineBytes, #raw + #info)
  local out = { 1 }
  evict_quarantined(now, out, id)
  return out
end)

-- Removes a message from the quarantine (after a successful retry): ARGV = id.
register('release_quarantined', { 'quarantine', 'quarantineRaw', 'quarantineAt', 'quarantineBytes' }, DRAINING,
  function(ARGV)
  local id = ARGV[1]
  if redis.call('HEXISTS', K.quarantine, id) == 0 then return 0 end
  redis.call('DECRBY', K.quarantineBytes, quarantined_size(id))
  redis.call('HDEL', K.quarantine, id)
  redis.call('HDEL', K.quarantineRaw, id)
  redis.call('ZREM', K.quarantineAt, id)
  return 1
end)

-- Evicts dead letters and quarantined messages past their retention limits (a worker's
-- maintenance runs it on each partition; the quarantine is the deployment's own, so the first
-- call of a round evicts from it and the others find nothing to do). Returns `{{kind, id, reason, bytes}…}`.
register('enforce_retention', { 'deployment', 'dead', 'deadInfo', 'deadBytes', 'ticket', 'attempts', 'crashes', 'quarantine',
  'quarantineRaw', 'quarantineAt', 'quarantineBytes', 'retention', 'evictions' }, DRAINING, function()
  local now, evicted = now_ms(), {}
  evict_dead_letters(now, evicted)
  evict_quarantined(now, evicted)
  return evicted
end)

-- Recounts what retention keeps track of from the entries themselves (`ticketq migrate`): the
-- byte counts, and a time for every quarantined message (the message's own `quarantined_at` is
-- not parsed here; messages from a release before retention count from their migration).
-- Returns `{deadLetterBytes, quarantineBytes, quarantinedWithoutTime}`.
register('recount_retention', { 'dead', 'deadInfo', 'deadBytes', 'ticket', 'quarantine', 'quarantineRaw',
  'quarantineAt', 'quarantineBytes' }, DRAINING, function()
  local now = now_ms()
  local dead_bytes = 0
  for _, id in ipairs(redis.call('ZRANGE', K.dead, 0, -1)) do dead_bytes = dead_bytes + dead_letter_size(id) end
  local quarantine_bytes, untimed = 0, 0
  for _, id in ipairs(redis.call('HKEYS', K.quarantine)) do
    quarantine_bytes = quarantine_bytes + quarantined_size(id)
    if not redis.call('ZSCORE', K.quarantineAt, id) then
      redis.call('ZADD', K.quarantineAt, now, id)
      untimed = untimed + 1
    end
  end
  redis.call('SET', K.deadBytes, dead_bytes)
  redis.call('SET', K.quarantineBytes, quarantine_bytes)
  return { dead_bytes, quarantine_bytes, untimed }
end)

-- Sets a worker's liveness key and registry entry: ARGV = workerId, instance, record, ttlMs.
-- Refuses (0), writing nothing, when another live instance holds the id.
local function keep_alive(ARGV)
  local worker, instance, record, ttl = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
  local holder = redis.call('GET', K.alive)
  if holder and holder ~= instance then return 0 end
  redis.call('SET', K.alive, instance, 'PX', ttl)
  redis.call('HSET', K.workers, worker, record)
  return 1
end

-- Records a worker in the registry (see `keep_alive`).
register('register_worker', { 'alive', 'workers' }, DRAINING, keep_alive)

-- Refreshes a worker's liveness key and registry entry (see `keep_alive`): 0 when the key now
-- belongs to another instance (this process was presumed dead and replaced; it must stop claiming).
register('heartbeat', { 'alive', 'workers' }, DRAINING, keep_alive)

-- Removes a worker from the registry and deletes its liveness key when this instance holds it
-- (clean shutdown): ARGV = workerId, instance.
register('deregister_worker', { 'alive', 'workers' }, DRAINING, function(ARGV)
  if redis.call('GET', K.alive) == ARGV[2] then redis.call('DEL', K.alive) end
  redis.call('HDEL', K.workers, ARGV[1])
  return 1
end)

-- Takes or keeps the collector role for an instance: ARGV = instance, ttlMs. Returns 1 when the
-- instance is the collector now.
register('lead_collector', { 'collector' }, DRAINING, function(ARGV)
  local holder = redis.call('GET', K.collector)
  if not holder then
    redis.call('SET', K.collector, ARGV[1], 'PX', ARGV[2])
    return 1
  end
  if holder == ARGV[1] then
    redis.call('PEXPIRE', K.collector, ARGV[2])
    return 1
  end
  return 0
end)

-- Gives up the collector role if the instance holds it: ARGV = instance.
register('resign_collector', { 'collector' }, DRAINING, function(ARGV)
  if redis.call('GET', K.collector) == ARGV[1] then redis.call('DEL', K.collector) end
  return 0
end)
