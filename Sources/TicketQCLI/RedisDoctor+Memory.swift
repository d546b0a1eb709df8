extension RedisDoctor {
    /// `maxmemory-policy noeviction`: any other policy deletes keys under memory pressure, and
    /// queued tickets are keys.
    static func eviction(_ facts: RedisDoctorFacts) -> [DoctorFinding] {
        guard let policy = facts.maxMemoryPolicy else {
            return [unchecked("eviction", setting: "maxmemory-policy", source: .info, facts)]
        }
        if policy == "noeviction" {
            return [DoctorFinding(.ok, "eviction", "maxmemory-policy noeviction: a full Redis refuses writes instead of dropping tickets")]
        }
        let fix = "set `maxmemory-policy noeviction` in redis.conf, or now: CONFIG SET maxmemory-policy noeviction"
        if facts.maxMemory == 0 {
            return [DoctorFinding(.warning, "eviction", "maxmemory-policy \(policy): harmless only while maxmemory is 0; with a limit it evicts queued tickets", fix: fix)]
        }
        return [DoctorFinding(.error, "eviction", "maxmemory-policy \(policy): when memory is full Redis evicts keys, silently dropping queued tickets", fix: fix)]
    }

    /// A `maxmemory` limit with `noeviction`: without one, a growing backlog takes all of the
    /// host's memory until the kernel kills Redis, instead of Redis refusing writes.
    static func memoryLimit(_ facts: RedisDoctorFacts) -> [DoctorFinding] {
        guard let limit = facts.maxMemory else {
            return [unchecked("maxmemory", setting: "maxmemory", source: .info, facts)]
        }
        guard limit == 0 else {
            return [DoctorFinding(.ok, "maxmemory", "maxmemory \(limit) bytes: Redis stops at its limit")]
        }
        guard facts.maxMemoryPolicy == "noeviction" else { return [] }
        return [DoctorFinding(
            .warning, "maxmemory", "maxmemory is 0 (no limit) with noeviction: a growing backlog can use all memory until the kernel kills Redis",
            fix: "set `maxmemory` to about 75% of the host's memory in redis.conf, e.g. `maxmemory 6gb` on an 8 GB host")]
    }
}
