/// The rules of `ticketq doctor`: from the facts read from a Redis server, the settings that lose
/// accepted tickets or block draining, and what to change. Pure: no I/O.
///
/// Every rule reports a finding, `ok` included, so the output shows what was checked. A fact that
/// could not be read gives a `warning` naming the check and why it was not made: an unchecked
/// setting is never a pass.
enum RedisDoctor {
    /// The hint given when a check needs a command the user may not run.
    static let adminHint = "run with an admin user, e.g. redis://admin@host:6379/0, for the full check"

    /// The findings for `facts`, in the order of the checks.
    static func examine(_ facts: RedisDoctorFacts) -> [DoctorFinding] {
        var findings: [DoctorFinding] = []
        findings += persistence(facts)
        findings += appendFsync(facts)
        findings += persistenceStatus(facts)
        findings += eviction(facts)
        findings += memoryLimit(facts)
        findings += aclReplay(facts)
        findings += aclRoles(facts)
        findings += writability(facts)
        return findings
    }

    /// The most serious severity among `findings` (`ok` for none).
    static func worst(_ findings: [DoctorFinding]) -> DoctorSeverity {
        findings.map(\.severity).max() ?? .ok
    }

    /// A warning that `check` was not made because `source` could not be read.
    static func unchecked(_ check: String, setting: String, source: RedisDoctorFacts.Source, _ facts: RedisDoctorFacts) -> DoctorFinding {
        guard let reason = facts.refusals[source] else {
            return DoctorFinding(.warning, check, "not checked: the server did not report \(setting)", fix: "check \(setting) by hand")
        }
        let fix = reason.hasPrefix("NOPERM") ? adminHint : "check \(setting) by hand (\(source.rawValue) is not available on this server)"
        return DoctorFinding(.warning, check, "not checked: \(source.rawValue) was refused (\(reason)); \(setting) unknown", fix: fix)
    }
}
