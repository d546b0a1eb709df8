import Testing
import TicketQRedis
@testable import TicketQCLI

/// The ACL/append-only-file rule, the writability rules, and how GETUSER and INFO replies are read.
struct RedisDoctorACLTests {
    static let restricted = DefaultUserACL(flags: ["off"], commands: "-@all", keys: "")

    @Test func restrictedDefaultUserWithAppendOnlyBefore72IsAnError() throws {
        var facts = RedisDoctorFacts.healthy
        facts.defaultUser = Self.restricted
        let finding = try #require(facts.findings("acl-aof").first)
        #expect(finding.severity == .error)
        #expect(finding.message.contains("7.0.15"))
        #expect(finding.message.contains("NOPERM"))
        #expect(finding.fix?.contains("user default off resetpass ~* &* +@all") == true)
        facts.version = RedisVersion(6, 2, 14)
        #expect(facts.severity("acl-aof") == .error)
    }

    @Test func safeDefaultUserLinePasses() {
        var facts = RedisDoctorFacts.healthy
        facts.defaultUser = DefaultUserACL(flags: ["off"], commands: "+@all", keys: "~*")
        #expect(facts.severity("acl-aof") == .ok)
        // Redis 6 reports the same as flags.
        facts.defaultUser = DefaultUserACL(flags: ["off", "allkeys", "allcommands"], commands: "", keys: "")
        #expect(facts.severity("acl-aof") == .ok)
    }

    @Test(arguments: [("+@all -debug", "~*"), ("+@all", "~{ticketq}:*"), ("-@all +get +set", "~*"), ("+@all", "%R~*")])
    func partlyRestrictedDefaultUserIsAnError(commands: String, keys: String) {
        var facts = RedisDoctorFacts.healthy
        facts.defaultUser = DefaultUserACL(flags: ["off"], commands: commands, keys: keys)
        #expect(facts.severity("acl-aof") == .error)
    }

    @Test func withoutAppendOnlyThereIsNoReplayProblem() {
        var facts = RedisDoctorFacts.healthy
        facts.appendOnly = false
        facts.defaultUser = Self.restricted
        #expect(facts.severity("acl-aof") == .ok)
    }

    @Test func from72TheReplayIsAssumedFixedAndSaysSo() throws {
        var facts = RedisDoctorFacts.healthy
        facts.defaultUser = Self.restricted
        facts.version = RedisVersion(7, 2, 0)
        let finding = try #require(facts.findings("acl-aof").first)
        #expect(finding.severity == .ok)
        #expect(finding.message.contains("assumed"))
    }

    @Test func before6ThereAreNoACLsToCheck() {
        var facts = RedisDoctorFacts.healthy
        facts.version = RedisVersion(5, 0, 14)
        facts.defaultUser = nil
        facts.refusals[.aclGetUser] = "ERR unknown command 'ACL'"
        #expect(facts.severity("acl-aof") == .ok)
    }

    @Test func unknownVersionWithARestrictedDefaultUserIsAWarning() {
        var facts = RedisDoctorFacts.healthy
        facts.defaultUser = Self.restricted
        facts.version = nil
        #expect(facts.severity("acl-aof") == .warning)
    }

    @Test func refusedACLGetUserIsNamedAsUnchecked() throws {
        var facts = RedisDoctorFacts.healthy
        facts.defaultUser = nil
        facts.refusals[.aclGetUser] = "NOPERM this user has no permissions to run the 'acl|getuser' command"
        let finding = try #require(facts.findings("acl-aof").first)
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("ACL GETUSER default was refused"))
        #expect(finding.fix == RedisDoctor.adminHint)
    }

    @Test func replicaIsAnError() {
        var facts = RedisDoctorFacts.healthy
        facts.role = "slave"
        #expect(facts.severity("role") == .error)
    }

    @Test(arguments: [(2, 1, DoctorSeverity.error), (1, 1, .warning), (1, 2, .ok), (0, 0, .ok)])
    func minReplicas(wanted: Int, connected: Int, expected: DoctorSeverity) {
        var facts = RedisDoctorFacts.healthy
        facts.minReplicasToWrite = wanted
        facts.connectedReplicas = connected
        #expect(facts.severity("min-replicas") == expected)
    }

    @Test func loadingIsAWarning() {
        var facts = RedisDoctorFacts.healthy
        facts.loading = true
        #expect(facts.severity("loading") == .warning)
        facts.loading = false
        #expect(facts.findings("loading").isEmpty)
    }

    @Test func versions() {
        #expect(RedisVersion("7.0.15") == RedisVersion(7, 0, 15))
        #expect(RedisVersion("7.2") == RedisVersion(7, 2, 0))
        #expect(RedisVersion("7.0.15")! < RedisDoctor.fixedReplayVersion)
        #expect(!(RedisVersion("7.2.4")! < RedisDoctor.fixedReplayVersion))
        #expect(RedisVersion("255.255.255") != nil)
        #expect(RedisVersion("7") == nil)
        #expect(RedisVersion("7.x.1") == nil)
    }

    @Test func getUserRepliesOfRedis7And6() {
        func bulk(_ text: String) -> RedisReply { .bulkString(Array(text.utf8)) }
        let redis7 = RedisReply.array([
            bulk("flags"), .array([bulk("off")]), bulk("passwords"), .array([]),
            bulk("commands"), bulk("-@all"), bulk("keys"), bulk(""), bulk("channels"), bulk(""), bulk("selectors"), .array([]),
        ])
        #expect(RedisDoctorReader.defaultUser(redis7) == Self.restricted)
        let redis6 = RedisReply.array([
            bulk("flags"), .array([bulk("off"), bulk("allkeys"), bulk("allcommands")]), bulk("passwords"), .array([]),
            bulk("commands"), bulk("+@all"), bulk("keys"), .array([bulk("*")]),
        ])
        let user = RedisDoctorReader.defaultUser(redis6)
        #expect(user?.keys == "~*")
        #expect(user?.hasFullPermissions == true)
    }

    @Test func infoFields() {
        let fields = RedisDoctorReader.infoFields("# Persistence\r\nloading:0\r\naof_enabled:1\r\n\r\n# Memory\r\nmaxmemory_policy:noeviction\r\n")
        #expect(fields == ["loading": "0", "aof_enabled": "1", "maxmemory_policy": "noeviction"])
    }
}
