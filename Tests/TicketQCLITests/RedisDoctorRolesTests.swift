import Testing
@testable import TicketQCLI

/// The role rule of `ticketq doctor`: the runtime users of `ops/redis/users.acl` call the function
/// library and nothing that changes the server; the pre-library runtime user is named.
struct RedisDoctorRolesTests {
    @Test func theShippedRolesPass() throws {
        let finding = try #require(RedisDoctorFacts.healthy.findings("acl-roles").first)
        #expect(finding.severity == .ok)
        #expect(finding.message.contains("'intake', 'worker', 'operator'"), "\(finding.message)")
        #expect(finding.message.contains("EVAL"))
    }

    @Test func aRoleThatCannotCallFunctionsIsAnError() throws {
        var facts = RedisDoctorFacts.healthy
        facts.aclUsers = [
            ACLUserProbe(name: "worker", callsFunctions: false, runsScripts: true, forbiddenAllowed: []),
            ACLUserProbe(name: "intake", callsFunctions: true, runsScripts: false, forbiddenAllowed: []),
        ]
        let findings = facts.findings("acl-roles")
        #expect(findings.map(\.severity) == [.error], "\(findings)")
        #expect(findings.first?.message.contains("user 'worker' may not call the function library (FCALL)") == true)
        #expect(findings.first?.fix?.contains("ops/redis/users.acl") == true)
    }

    @Test func aRoleWithAdministrationIsAWarningNamingTheCommands() throws {
        var facts = RedisDoctorFacts.healthy
        facts.aclUsers = [ACLUserProbe(name: "operator", callsFunctions: true, runsScripts: true, forbiddenAllowed: ["EVAL", "FLUSHALL"])]
        let finding = try #require(facts.findings("acl-roles").first)
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("user 'operator' may run EVAL, FLUSHALL"), "\(finding.message)")
    }

    @Test func theRuntimeUserOfReleasesBeforeTheLibraryIsNamed() throws {
        var facts = RedisDoctorFacts.healthy
        facts.aclUsers = (facts.aclUsers ?? []) + [ACLUserProbe(name: "ticketq", callsFunctions: false, runsScripts: true, forbiddenAllowed: [])]
        let finding = try #require(facts.findings("acl-roles").first)
        #expect(finding.severity == .warning)
        #expect(finding.message.contains("user 'ticketq' may run EVALSHA but not FCALL"), "\(finding.message)")
        #expect(finding.fix?.contains("remove user 'ticketq'") == true)
    }

    @Test func withoutRoleUsersNothingIsAPass() {
        var facts = RedisDoctorFacts.healthy
        facts.aclUsers = [ACLUserProbe(name: "admin", callsFunctions: true, runsScripts: true, forbiddenAllowed: ["EVAL"])]
        #expect(facts.severity("acl-roles") == .warning)
    }

    @Test func refusedOrMissingDryRunsAreNamedAsUnchecked() throws {
        var facts = RedisDoctorFacts.healthy
        facts.aclUsers = nil
        facts.refusals[.aclUsers] = "NOPERM this user has no permissions to run the 'acl|users' command"
        let refused = try #require(facts.findings("acl-roles").first)
        #expect(refused.severity == .warning && refused.message.contains("ACL USERS was refused"), "\(refused.message)")
        #expect(refused.fix == RedisDoctor.adminHint)
        facts.refusals[.aclDryRun] = "ERR unknown subcommand 'DRYRUN'"
        let old = try #require(facts.findings("acl-roles").first)
        #expect(old.severity == .warning && old.message.contains("ACL DRYRUN was refused"), "\(old.message)")
    }
}
