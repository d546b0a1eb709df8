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
    /// - Throws: ``LanesError/recordUnreadable(_:)`` naming a brand whose history is malformed
    ///   (``highVolumeHistories()`` reads the others anyway).
    public func highVolumeChanges() throws(LanesError) -> [String: [(atMillis: Int64, on: Bool)]] {
        var changes: [String: [(atMillis: Int64, on: Bool)]] = [:]
        for (brand, history) in try highVolumeHistories() {
            switch history {
            case let .success(history): changes[brand] = history.changes.map { ($0.atMillis, $0.on) }
            case let .failure(error): throw .recordUnreadable(error)
            }
        }
        return changes
    }

    /// Every brand's history, each decoded on its own: a brand whose history cannot be read has
    /// the error (naming the brand and how to repair it), the others their history. Brands never
    /// switched are absent.
    public func highVolumeHistories() throws(LanesError) -> [String: Result<HighVolumeHistory, StoredRecordError>] {
        try hashFields(keys.key(.highVolume), "high-volume").reduce(into: [:]) { histories, field in
            histories[field.key] = Result { () throws(StoredRecordError) in try Self.history(of: field.key, field.value) }
        }
    }

    /// One brand's recorded switch changes, oldest first (empty when never switched).
    ///
    /// - Throws: ``LanesError/recordUnreadable(_:)`` when its history is malformed.
    public func highVolumeChanges(brand: String) throws(LanesError) -> [(atMillis: Int64, on: Bool)] {
        let reply = try command(["HGET", keys.key(.highVolume), brand], "high-volume")
        guard let json = reply.string else { return [] }
        do {
            return try Self.history(of: brand, json).changes.map { ($0.atMillis, $0.on) }
        } catch {
            throw .recordUnreadable(error)
        }
    }

    /// Decodes one brand's history; the error names the brand and says how to repair it.
    private static func history(of brand: String, _ json: String) throws(StoredRecordError) -> HighVolumeHistory {
        do {
            return try HighVolumeHistory(json: json)
        } catch {
            // Nothing overwrites it (`record_high_volume` refuses too): an operator decides.
            throw StoredRecordError(
                record: "\(error.record) of brand \"\(brand)\"",
                problem: "\(error.problem); check it, then remove it (HDEL of the field \"\(brand)\" in the highvolume hash) and set the switch again"
            )
        }
    }
}
