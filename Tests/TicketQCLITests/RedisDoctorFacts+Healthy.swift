@testable import TicketQCLI

extension RedisDoctorFacts {
    /// Facts of a Redis that passes every check: the shipped settings, a memory limit and the
    /// safe default user line, on Redis 7.0.15.
    static var healthy: RedisDoctorFacts {
        var facts = RedisDoctorFacts()
        facts.version = RedisVersion(7, 0, 15)
        facts.appendOnly = true
        facts.appendFsync = "everysec"
        facts.save = ""
        facts.maxMemory = 1 << 30
        facts.maxMemoryPolicy = "noeviction"
        facts.minReplicasToWrite = 0
        facts.role = "master"
        facts.connectedReplicas = 0
        facts.defaultUser = DefaultUserACL(flags: ["off"], commands: "+@all", keys: "~*")
        facts.aofLastWriteOK = true
        facts.aofLastRewriteOK = true
        facts.rdbLastSaveOK = true
        facts.loading = false
        facts.aclUsers = ["admin", "intake", "worker", "operator"].map {
            ACLUserProbe(name: $0, callsFunctions: true, runsScripts: $0 == "admin",
                         forbiddenAllowed: $0 == "admin" ? RedisDoctor.runtimeForbidden.map(\.name) : [])
        }
        return facts
    }

    /// The findings of `check` for these facts.
    func findings(_ check: String) -> [DoctorFinding] {
        RedisDoctor.examine(self).filter { $0.check == check }
    }

    /// The single severity of `check` (or `nil` when it reports nothing or several findings).
    func severity(_ check: String) -> DoctorSeverity? {
        let found = findings(check)
        return found.count == 1 ? found[0].severity : nil
    }
}
