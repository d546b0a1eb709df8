/// What `ACL DRYRUN` says one Redis user may run, for the role checks of `ticketq doctor`.
struct ACLUserProbe: Sendable, Hashable {
    /// The user name.
    let name: String
    /// Whether the user may call the function library (`FCALL ticketq_version 0`).
    let callsFunctions: Bool
    /// Whether the user may run `EVALSHA`, the way releases before the function library ran lanes.
    let runsScripts: Bool
    /// The commands of ``RedisDoctor/runtimeForbidden`` the user may run, by name (`EVAL`, `FLUSHALL`, …).
    let forbiddenAllowed: [String]

    init(name: String, callsFunctions: Bool, runsScripts: Bool, forbiddenAllowed: [String]) {
        self.name = name
        self.callsFunctions = callsFunctions
        self.runsScripts = runsScripts
        self.forbiddenAllowed = forbiddenAllowed
    }
}
