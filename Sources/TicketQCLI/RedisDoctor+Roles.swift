extension RedisDoctor {
    /// The runtime users of `ops/redis/users.acl`: each calls the function library and nothing
    /// that changes the server.
    static let runtimeRoles = ["intake", "worker", "operator"]

    /// Commands no runtime user needs, each with the arguments `ACL DRYRUN` checks it with.
    static let runtimeForbidden: [(name: String, command: [String])] = [
        ("EVAL", ["EVAL", "return 1", "0"]), ("SCRIPT LOAD", ["SCRIPT", "LOAD", "return 1"]),
        ("FUNCTION LOAD", ["FUNCTION", "LOAD", "#!lua name=probe\n"]), ("FLUSHALL", ["FLUSHALL"]),
        ("CONFIG SET", ["CONFIG", "SET", "appendonly", "no"]), ("SELECT", ["SELECT", "1"]),
    ]

    /// The runtime users (`intake`, `worker`, `operator`) must call the function library (lanes
    /// run as Redis functions) and be refused what only `admin` needs; a user that still runs
    /// `EVALSHA` without `FCALL` is the runtime user of a release before the library.
    static func aclRoles(_ facts: RedisDoctorFacts) -> [DoctorFinding] {
        let check = "acl-roles"
        guard let users = facts.aclUsers else {
            let source: RedisDoctorFacts.Source = facts.refusals[.aclDryRun] != nil ? .aclDryRun : .aclUsers
            return [unchecked(check, setting: "the runtime users' permissions", source: source, facts)]
        }
        let roles = users.filter { runtimeRoles.contains($0.name) }
        let fix = "load ops/redis/users.acl of this release (aclfile, then ACL LOAD) with your passwords"
        var findings: [DoctorFinding] = []
        for user in roles where !user.callsFunctions {
            findings.append(DoctorFinding(
                .error, check, "user '\(user.name)' may not call the function library (FCALL): every lane operation of a process connecting as it fails with NOPERM",
                fix: fix))
        }
        for user in roles where !user.forbiddenAllowed.isEmpty {
            findings.append(DoctorFinding(
                .warning, check, "user '\(user.name)' may run \(user.forbiddenAllowed.joined(separator: ", ")): a runtime user needs only FCALL and a few reads",
                fix: fix))
        }
        for user in users where !runtimeRoles.contains(user.name) && user.runsScripts && !user.callsFunctions {
            findings.append(DoctorFinding(
                .warning, check, "user '\(user.name)' may run EVALSHA but not FCALL, as the runtime user of releases before the function library: ticketq connecting as it fails with NOPERM",
                fix: "connect as intake, worker or operator of ops/redis/users.acl and remove user '\(user.name)'"))
        }
        guard findings.isEmpty else { return findings }
        if roles.isEmpty {
            return [DoctorFinding(
                .warning, check, "no user \(runtimeRoles.joined(separator: ", ")): the runtime users' permissions were not checked",
                fix: "\(fix), or check your users by hand against it")]
        }
        let names = roles.map { "'\($0.name)'" }.joined(separator: ", ")
        let forbidden = runtimeForbidden.map(\.name).joined(separator: ", ")
        return [DoctorFinding(.ok, check, "users \(names) call the function library and may not run \(forbidden)")]
    }
}
