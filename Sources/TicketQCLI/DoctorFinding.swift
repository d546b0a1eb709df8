/// One result of `ticketq doctor`: a check, how it came out, and what to change.
struct DoctorFinding: Sendable, Hashable {
    /// How serious the finding is.
    let severity: DoctorSeverity
    /// The short name of the check (`persistence`, `appendfsync`, `eviction`, `acl-aof`, …).
    let check: String
    /// What was found, for an operator.
    let message: String
    /// The exact setting or line to change, or what to do; `nil` when nothing needs doing.
    let fix: String?

    init(_ severity: DoctorSeverity, _ check: String, _ message: String, fix: String? = nil) {
        self.severity = severity
        self.check = check
        self.message = message
        self.fix = fix
    }
}
