import Testing
@testable import TicketQCLI

/// The rules of `ticketq doctor` for persistence and memory, each seen failing and passing.
struct RedisDoctorTests {
    @Test func healthyFactsPassEveryCheck() {
        let findings = RedisDoctor.examine(.healthy)
        #expect(findings.allSatisfy { $0.severity == .ok }, "\(findings.filter { $0.severity != .ok })")
        #expect(RedisDoctor.worst(findings) == .ok)
        #expect(Set(findings.map(\.check)) == ["persistence", "appendfsync", "persistence-status", "eviction", "maxmemory", "acl-aof", "acl-roles", "role", "min-replicas"])
    }

    @Test func persistenceOffIsAnError() throws {
        var facts = RedisDoctorFacts.healthy
        facts.appendOnly = false
        let finding = try #require(facts.findings("persistence").first)
        #expect(finding.severity == .error)
        #expect(finding.message.contains("persistence is off"))
        #expect(finding.fix?.contains("appendonly yes") == true)
        // No append-only file: appendfsync is not judged.
        #expect(facts.findings("appendfsync").isEmpty)
    }

    @Test func snapshotsOnlyIsAnErrorNamingTheSavePoints() throws {
        var facts = RedisDoctorFacts.healthy
        facts.appendOnly = false
        facts.save = "3600 1 300 100"
        let finding = try #require(facts.findings("persistence").first)
        #expect(finding.severity == .error)
        #expect(finding.message.contains("3600 1 300 100"))
        facts.save = nil
        #expect(facts.severity("persistence") == .error)
    }

    @Test func unknownAppendOnlyIsAWarningNotAPass() throws {
        var facts = RedisDoctorFacts.healthy
        facts.appendOnly = nil
        facts.refusals[.info] = "NOPERM this user has no permissions to run the 'info' command"
        let finding = try #require(facts.findings("persistence").first)
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("not checked"))
        #expect(finding.message.contains("INFO"))
        #expect(finding.fix == RedisDoctor.adminHint)
    }

    @Test(arguments: [("always", DoctorSeverity.ok), ("everysec", .ok), ("no", .error)])
    func appendFsync(value: String, expected: DoctorSeverity) throws {
        var facts = RedisDoctorFacts.healthy
        facts.appendFsync = value
        #expect(facts.severity("appendfsync") == expected)
        if expected == .error {
            #expect(facts.findings("appendfsync").first?.fix?.contains("appendfsync everysec") == true)
        }
    }

    @Test func appendFsyncWithoutConfigGetIsNamedAsUnchecked() throws {
        var facts = RedisDoctorFacts.healthy
        facts.appendFsync = nil
        facts.refusals[.configGet] = "NOPERM this user has no permissions to run the 'config|get' command"
        let finding = try #require(facts.findings("appendfsync").first)
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("CONFIG GET was refused"))
        #expect(finding.fix?.contains("admin") == true)

        facts.refusals[.configGet] = "ERR unknown command 'CONFIG'"
        #expect(facts.findings("appendfsync").first?.fix?.contains("by hand") == true)
    }

    @Test func failedAppendOnlyWriteIsAnError() {
        var facts = RedisDoctorFacts.healthy
        facts.aofLastWriteOK = false
        #expect(facts.severity("persistence-status") == .error)
    }

    @Test func failedRewriteIsAWarning() {
        var facts = RedisDoctorFacts.healthy
        facts.aofLastRewriteOK = false
        #expect(facts.severity("persistence-status") == .warning)
    }

    @Test func failedSnapshotIsAnErrorOnlyWithSavePoints() {
        var facts = RedisDoctorFacts.healthy
        facts.rdbLastSaveOK = false
        #expect(facts.severity("persistence-status") == .warning)
        facts.save = "3600 1"
        #expect(facts.severity("persistence-status") == .error)
    }

    @Test(arguments: ["allkeys-lru", "volatile-lru", "allkeys-random", "volatile-ttl", "allkeys-lfu"])
    func evictionPolicyWithALimitIsAnError(policy: String) throws {
        var facts = RedisDoctorFacts.healthy
        facts.maxMemoryPolicy = policy
        let finding = try #require(facts.findings("eviction").first)
        #expect(finding.severity == .error)
        #expect(finding.message.contains(policy))
        #expect(finding.fix?.contains("maxmemory-policy noeviction") == true)
    }

    @Test func evictionPolicyWithoutALimitIsAWarning() {
        var facts = RedisDoctorFacts.healthy
        facts.maxMemoryPolicy = "allkeys-lru"
        facts.maxMemory = 0
        #expect(facts.severity("eviction") == .warning)
        // The missing limit is only worth a word with noeviction.
        #expect(facts.findings("maxmemory").isEmpty)
    }

    @Test func noLimitWithNoEvictionIsAWarning() throws {
        var facts = RedisDoctorFacts.healthy
        facts.maxMemory = 0
        let finding = try #require(facts.findings("maxmemory").first)
        #expect(finding.severity == .warning)
        #expect(finding.fix?.contains("maxmemory") == true)
        #expect(RedisDoctor.worst(RedisDoctor.examine(facts)) == .warning)
    }
}
