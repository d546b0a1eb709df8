import TicketQRedis

extension LaneScripts {
    /// Writes the deployment marker: ARGV = mode (`initialized`, `adopted` or `recovered`),
    /// id, release. Writes nothing when a marker exists (`{'present'}`), when a new deployment
    /// would start on this namespace's existing data (`{'holds-data'}`), or when there is no data
    /// to adopt (`{'empty'}`). A recovery moves the fencing counter past every token the lost
    /// data could have issued, so no stale lease ever matches a new one.
    /// Returns `{'created'}` on success.
    static let createDeployment = script("""
        local origin, id, release = ARGV[1], ARGV[2], ARGV[3]
        if deployed() then return { 'present' } end
        local held = redis.call('EXISTS', K_SBD, K_EXT, K_STD, K_PAYLOAD, K_META, K_INFLIGHT, K_LEASE, K_RETRY,
          K_DEAD, K_DEDUPE, K_FENCE, K_WORKERS, K_ATTEMPTS, K_PROMOTE)
        if origin == 'initialized' and held > 0 then return { 'holds-data' } end
        if origin == 'adopted' and held == 0 then return { 'empty' } end
        local now = now_ms()
        local base = 0
        if origin == 'recovered' then
          base = math.max(now * 1000, tonumber(redis.call('GET', K_FENCE) or '0') + 1)
          redis.call('SET', K_FENCE, string.format('%d', base))
        end
        -- Two writes, so that Redis logs the marker as a transaction as it logs every lane
        -- write: an append-only file whose transactions cannot be replayed then loses the marker
        -- together with the lanes, and the loss is seen.
        redis.call('HSET', K_DEPLOYMENT, 'schema', '1')
        redis.call('HSET', K_DEPLOYMENT, 'id', id, 'created_at', string.format('%d', now),
          'origin', origin, 'fence_base', string.format('%d', base), 'written_by', release)
        return { 'created' }
        """)

    /// Re-creates dedupe entries after a recovery (ids whose outcomes the stores hold), so that a
    /// resubmitted ticket that was already handled is a duplicate: ARGV = n, then instantMs, id
    /// pairs. Returns the number of entries added.
    static let restoreDedupe = script("""
        if not deployed() then return no_deployment() end
        local n = tonumber(ARGV[1])
        local items = {}
        for i = 2, 2 * n + 1 do items[#items + 1] = ARGV[i] end
        local before = redis.call('ZCARD', K_DEDUPE)
        if #items > 0 then bulk('ZADD', K_DEDUPE, items, 2) end
        return redis.call('ZCARD', K_DEDUPE) - before
        """)
}
