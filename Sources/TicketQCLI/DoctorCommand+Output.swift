import TicketQCore
import TicketQRedis

extension DoctorCommand {
    /// One line per finding, then a summary line.
    static func text(_ findings: [DoctorFinding], facts: RedisDoctorFacts, url: RedisURL) -> String {
        var lines = ["Redis \(url.redacted), version \(facts.version?.description ?? "unknown")"]
        for finding in findings {
            let name = finding.severity.rawValue
            let label = name + String(repeating: " ", count: max(1, 8 - name.count))
            var line = "\(label)\(finding.check): \(finding.message)"
            if let fix = finding.fix { line += ". Change: \(fix)" }
            lines.append(line)
        }
        lines.append(summary(findings))
        return lines.joined(separator: "\n")
    }

    /// `2 errors, 1 warning, 7 ok: …`, with what the result means.
    static func summary(_ findings: [DoctorFinding]) -> String {
        let counts = DoctorSeverity.allCases.reversed().map { severity in
            let count = findings.filter { $0.severity == severity }.count
            return severity == .ok || count == 1 ? "\(count) \(severity.rawValue)" : "\(count) \(severity.rawValue)s"
        }
        let verdict: String
        switch RedisDoctor.worst(findings) {
        case .error: verdict = "this Redis can lose tickets or stop draining; fix the errors before running workers"
        case .warning: verdict = "no setting found that loses tickets, but check the warnings"
        case .ok: verdict = "every check passed"
        }
        return "summary: " + counts.joined(separator: ", ") + ": " + verdict
    }

    /// The `doctor --json` object.
    static func json(_ findings: [DoctorFinding], facts: RedisDoctorFacts, url: RedisURL) -> String {
        let items = findings.map { finding in
            var object = JSONObjectWriter()
            object.add("severity", finding.severity.rawValue)
            object.add("check", finding.check)
            object.add("message", finding.message)
            object.add("fix", finding.fix)
            return object.json
        }
        var counts = JSONObjectWriter()
        for severity in DoctorSeverity.allCases.reversed() {
            counts.add(severity.rawValue, Int64(findings.filter { $0.severity == severity }.count))
        }
        var object = JSONObjectWriter()
        object.add("redis", url.redacted)
        object.add("version", facts.version?.description)
        object.addRaw("findings", "[" + items.joined(separator: ",") + "]")
        object.addRaw("summary", counts.json)
        return object.json
    }
}
