import TicketQRedis

extension LaneStore {
    /// Keeps a message intake could not use, with what is known of it, and evicts older
    /// messages beyond the retention limits (``RetentionPolicy``) in the same atomic step.
    ///
    /// - Parameters:
    ///   - id: a stable id (the same message quarantined twice is kept once).
    ///   - infoJSON: reason, source and time, as a JSON object.
    ///   - raw: the message as received.
    public func quarantine(id: String, infoJSON: String, raw: [UInt8]) throws(LanesError) -> QuarantineAdmission {
        let reply = try call(.quarantine, [Array(id.utf8), Array(infoJSON.utf8), raw])
        guard let items = reply.array, let stored = items.first?.int else {
            throw .unexpectedReply(operation: "quarantine", reply: "\(reply)")
        }
        return QuarantineAdmission(stored: stored == 1, evicted: try Self.evictions(Array(items.dropFirst())))
    }

    /// Every quarantined message: id → its information (JSON).
    public func quarantined() throws(LanesError) -> [String: String] {
        try hashFields(keys.quarantine, "quarantine list")
    }

    /// The raw bytes of a quarantined message, or nil when there is none with `id`.
    public func quarantinedMessage(id: String) throws(LanesError) -> [UInt8]? {
        try command(["HGET", keys.quarantineRaw, id], "quarantine show").bytes
    }

    /// Removes a message from the quarantine (after a successful retry).
    public func releaseFromQuarantine(id: String) throws(LanesError) {
        _ = try call(.releaseQuarantined, [Array(id.utf8)])
    }
}
