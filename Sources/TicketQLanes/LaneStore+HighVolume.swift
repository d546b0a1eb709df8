import TicketQRedis

extension LaneStore {
    /// How many changes of one brand's high-volume switch are kept; older ones are dropped first,
    /// so the history stays bounded (a few tens of kilobytes per brand at most).
    public static let highVolumeHistoryLimit = 1000

    /// Records that a brand's high-volume switch turned on or off at an instant.
    ///
    /// The change is inserted in instant order, so a change recorded late (`atMillis` in the
    /// past) still applies from its instant on; of two changes at the same instant, the one
    /// recorded later wins.
    ///
    /// - Parameters:
    ///   - brand: the brand name.
    ///   - on: the switch's state from `atMillis` on.
    ///   - atMillis: when the change takes effect, milliseconds since the epoch; nil: the Redis
    ///     server's clock now (the clock every script uses).
    /// - Returns: the instant recorded.
    @discardableResult
    public func setHighVolume(brand: String, on: Bool, atMillis: Int64? = nil) throws(LanesError) -> Int64 {
        let reply = try call(.recordHighVolume, [
            Array(brand.utf8), Array((on ? "1" : "0").utf8), atMillis.map(bytes) ?? [], bytes(Self.highVolumeHistoryLimit),
        ])
        guard let recorded = reply.int else { throw .unexpectedReply(operation: "high-volume", reply: "\(reply)") }
        return recorded
    }

    /// Every brand's recorded switch changes, each list oldest first. Brands never switched are absent.
    ///
    /// - Throws: ``LanesError/recordUnreadable(_:)`` naming the brand whose history is malformed.
    public func highVolumeChanges() throws(LanesError) -> [String: [(atMillis: Int64, on: Bool)]] {
        var changes: [String: [(atMillis: Int64, on: Bool)]] = [:]
        for (brand, json) in try hashFields(keys.key(.highVolume), "high-volume") {
            changes[brand] = try Self.changes(of: brand, json)
        }
        return changes
    }

    /// One brand's recorded switch changes, oldest first (empty when never switched).
    ///
    /// - Throws: ``LanesError/recordUnreadable(_:)`` when its history is malformed.
    public func highVolumeChanges(brand: String) throws(LanesError) -> [(atMillis: Int64, on: Bool)] {
        let reply = try command(["HGET", keys.key(.highVolume), brand], "high-volume")
        guard let json = reply.string else { return [] }
        return try Self.changes(of: brand, json)
    }

    private static func changes(of brand: String, _ json: String) throws(LanesError) -> [(atMillis: Int64, on: Bool)] {
        do {
            return try HighVolumeHistory(json: json).changes.map { ($0.atMillis, $0.on) }
        } catch {
            // Nothing overwrites it (`record_high_volume` refuses too): an operator decides.
            throw .recordUnreadable(StoredRecordError(
                record: "\(error.record) of brand \"\(brand)\"",
                problem: "\(error.problem); check it, then remove it (HDEL of the field \"\(brand)\" in the highvolume hash) and set the switch again"
            ))
        }
    }
}
