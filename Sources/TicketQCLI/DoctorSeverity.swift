/// How serious a ``DoctorFinding`` is.
enum DoctorSeverity: String, Sendable, Hashable, Comparable, CaseIterable {
    /// The setting is as ticketq needs it.
    case ok
    /// Worth changing, or a check that could not be made; no data is lost by it alone.
    case warning
    /// The setting loses accepted tickets or blocks draining: fix it before running workers.
    case error

    static func < (lhs: Self, rhs: Self) -> Bool {
        lhs.rank < rhs.rank
    }

    private var rank: Int {
        switch self {
        case .ok: return 0
        case .warning: return 1
        case .error: return 2
        }
    }
}
