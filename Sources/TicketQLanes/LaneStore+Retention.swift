import TicketQRedis

extension LaneStore {
    /// The deployment's retention policy, or ``RetentionPolicy/defaults`` when it set none.
    ///
    /// - Throws: ``LanesError/retentionUnreadable(_:)`` when a policy exists but cannot be read.
    public func retentionPolicy() throws(LanesError) -> RetentionPolicy {
        let fields = try hashFields(keys.key(.retention), "retention")
        guard !fields.isEmpty else { return .defaults }
        do {
            return try RetentionPolicy(fields: fields)
        } catch {
            throw .retentionUnreadable(error)
        }
    }

    /// Whether the deployment wrote a retention policy (releases before retention did not).
    public func hasRetentionPolicy() throws(LanesError) -> Bool {
        try command(["EXISTS", keys.key(.retention)], "retention").int == 1
    }

    /// Writes the deployment's retention policy (in effect at once for every process).
    public func setRetentionPolicy(_ policy: RetentionPolicy) throws(LanesError) {
        _ = try command(["HSET", keys.key(.retention)] + policy.fields.flatMap { [$0.name, $0.value] }, "retention")
    }

    /// Evicts dead letters and quarantined messages past the retention limits, atomically in
    /// each partition (each holds its share of the dead letters' byte limit).
    public func enforceRetention() throws(LanesError) -> [Eviction] {
        var evictions: [Eviction] = []
        for reply in try callEach(.enforceRetention, keys.allPartitions.map { ($0, []) }) {
            evictions += try Self.evictions(reply.array ?? [])
        }
        return evictions
    }

    /// Recounts the retained bytes from the entries themselves (after an upgrade).
    public func recountRetention() throws(LanesError) -> RetentionCounts {
        var dead: Int64 = 0, quarantine: Int64 = 0, untimed = 0
        for reply in try callEach(.recountRetention, keys.allPartitions.map { ($0, []) }) {
            guard let items = reply.array, items.count == 3, let deadHere = items[0].int, let quarantineHere = items[1].int,
                  let untimedHere = items[2].int
            else { throw .unexpectedReply(operation: "recount retention", reply: "\(reply)") }
            dead += deadHere
            // The quarantine is the deployment's own: every partition's call counts all of it.
            quarantine = quarantineHere
            untimed += Int(untimedHere)
        }
        return RetentionCounts(deadLetterBytes: dead, quarantineBytes: quarantine, quarantinedWithoutTime: untimed)
    }

    /// Evictions so far, by kind and reason.
    public func evictionCounts() throws(LanesError) -> [Eviction.Kind: [Eviction.Reason: Int]] {
        var result: [Eviction.Kind: [Eviction.Reason: Int]] = [:]
        for (name, value) in try hashFields(keys.key(.evictions), "evictions") {
            let parts = name.split(separator: ":")
            guard parts.count == 2, let kind = Eviction.Kind(rawValue: String(parts[0])),
                  let reason = Eviction.Reason(rawValue: String(parts[1])), let count = Int(value)
            else { continue }
            result[kind, default: [:]][reason] = count
        }
        return result
    }

    /// Reads `{kind, id, reason, bytes}` entries of a function's reply.
    static func evictions(_ items: [RedisReply]) throws(LanesError) -> [Eviction] {
        var result: [Eviction] = []
        for item in items {
            guard let fields = item.array, fields.count == 4, let kind = fields[0].string.flatMap(Eviction.Kind.init),
                  let id = fields[1].string, let reason = fields[2].string.flatMap(Eviction.Reason.init), let bytes = fields[3].int
            else { throw .unexpectedReply(operation: "retention", reply: "\(item)") }
            result.append(Eviction(kind: kind, id: id, reason: reason, bytes: bytes))
        }
        return result
    }
}
