import TicketQRedis

extension RedisDoctorReader {
    /// The dry runs that tell what a user may do: the function library first, then `EVALSHA`,
    /// then each command no runtime user needs.
    private static func dryRuns(_ user: String) -> [[String]] {
        let probes = [["FCALL", "ticketq_version", "0"], ["EVALSHA", "e0e1f9fabfc9d4800c877a703b823ac0578ff8db", "0"]]
            + RedisDoctor.runtimeForbidden.map(\.command)
        return probes.map { ["ACL", "DRYRUN", user] + $0 }
    }

    /// Asks `ACL DRYRUN` what each of `users` may run (one round trip) and records it in `facts`,
    /// or the refusal when Redis will not say (before 7.0 there is no `ACL DRYRUN`).
    func probe(_ users: [String], into facts: inout RedisDoctorFacts) throws(RedisError) {
        let commands = users.flatMap(Self.dryRuns)
        let replies = commands.isEmpty ? [] : try connection.pipeline(commands.map { $0.map { Array($0.utf8) } })
        let perUser = commands.count / max(1, users.count)
        var probes: [ACLUserProbe] = []
        for (index, user) in users.enumerated() {
            let answers = Array(replies[(index * perUser)..<((index + 1) * perUser)])
            if let error = answers.lazy.compactMap(\.serverError).first {
                facts.refusals[.aclDryRun] = error.message
                return
            }
            // `OK` when the user may run the command; otherwise a text saying why not.
            let allowed = answers.map { $0.string == "OK" }
            probes.append(ACLUserProbe(
                name: user, callsFunctions: allowed[0], runsScripts: allowed[1],
                forbiddenAllowed: zip(RedisDoctor.runtimeForbidden, allowed.dropFirst(2)).filter(\.1).map(\.0.name)
            ))
        }
        facts.aclUsers = probes
    }
}
