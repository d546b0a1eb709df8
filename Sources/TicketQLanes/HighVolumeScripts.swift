import TicketQRedis

extension LaneScripts {
    /// Records a change of one brand's high-volume switch: ARGV = brand, flag (`1` on, `0` off),
    /// instant in epoch milliseconds (empty: the server's clock now), history limit.
    ///
    /// The brand's field in the high-volume hash holds its changes as a compact JSON array of
    /// `[instantMs,flag]` pairs, oldest first. The new change goes after every change at or
    /// before its instant (so of two changes at one instant the later recorded wins), and the
    /// oldest changes are dropped beyond the limit. Read, insert and write happen in one script,
    /// so concurrent operators never lose each other's changes. Returns the recorded instant.
    static let recordHighVolume = script("""
        if not deployed() then return no_deployment() end
        local brand, flag, at, limit = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4])
        if at == '' then at = string.format('%d', now_ms()) end
        local at_number = tonumber(at)
        local changes = {}
        local raw = redis.call('HGET', K_HIGHVOLUME, brand)
        if raw then
          for instant, state in string.gmatch(raw, '%[(-?%d+),([01])%]') do
            changes[#changes + 1] = { instant, state }
          end
        end
        local position = #changes + 1
        while position > 1 and tonumber(changes[position - 1][1]) > at_number do position = position - 1 end
        table.insert(changes, position, { at, flag })
        local first = math.max(1, #changes - limit + 1)
        local parts = {}
        for i = first, #changes do parts[#parts + 1] = '[' .. changes[i][1] .. ',' .. changes[i][2] .. ']' end
        redis.call('HSET', K_HIGHVOLUME, brand, '[' .. table.concat(parts, ',') .. ']')
        return at
        """)
}
