import TicketQRedis

extension LaneStore {
    /// The most messages the quarantine holds; beyond it intake reports the message as not
    /// accepted instead of growing Redis without bound.
    public static let quarantineLimit = 10_000

    /// Keeps a message intake could not use, with what is known of it.
    ///
    /// - Parameters:
    ///   - id: a stable id (the same message quarantined twice is kept once).
    ///   - infoJSON: reason, source and time, as a JSON object.
    ///   - raw: the message as received.
    /// - Returns: false when the quarantine is full.
    public func quarantine(id: String, infoJSON: String, raw: [UInt8]) throws(LanesError) -> Bool {
        let reply = try run(
            Self.quarantineScript, [Array(id.utf8), Array(infoJSON.utf8), raw, bytes(Self.quarantineLimit)], "quarantine",
            extraKeys: [keys.quarantine, keys.quarantineRaw]
        )
        return reply.int == 1
    }

    /// ARGV = id, info, raw, limit; the quarantine's keys follow the lane keys. Returns 0 when full.
    private static let quarantineScript = LaneScripts.script("""
        if not deployed() then return no_deployment() end
        local K_INDEX, K_RAW = KEYS[FIRST_EXTRA], KEYS[FIRST_EXTRA + 1]
        local id = ARGV[1]
        if redis.call('HEXISTS', K_INDEX, id) == 0 and redis.call('HLEN', K_INDEX) >= tonumber(ARGV[4]) then return 0 end
        redis.call('HSET', K_RAW, id, ARGV[3])
        redis.call('HSET', K_INDEX, id, ARGV[2])
        return 1
        """)

    /// Every quarantined message: id → its information (JSON).
    public func quarantined() throws(LanesError) -> [String: String] {
        let items = try command(["HGETALL", keys.quarantine], "quarantine list").array ?? []
        var result: [String: String] = [:]
        var index = 0
        while index + 1 < items.count {
            if let id = items[index].string, let info = items[index + 1].string { result[id] = info }
            index += 2
        }
        return result
    }

    /// The raw bytes of a quarantined message, or nil when there is none with `id`.
    public func quarantinedMessage(id: String) throws(LanesError) -> [UInt8]? {
        try command(["HGET", keys.quarantineRaw, id], "quarantine show").bytes
    }

    /// Removes a message from the quarantine (after a successful retry).
    public func releaseFromQuarantine(id: String) throws(LanesError) {
        _ = try command(["HDEL", keys.quarantine, id], "quarantine release")
        _ = try command(["HDEL", keys.quarantineRaw, id], "quarantine release")
    }
}
