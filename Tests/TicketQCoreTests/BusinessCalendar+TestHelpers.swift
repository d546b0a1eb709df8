@testable import TicketQCore

extension BusinessCalendar {
    /// The due instant of `target` for a receipt written in RFC 3339, in the calendar's local form.
    func dueLocal(_ target: SLATarget, receivedAt received: String) throws -> String {
        formatLocal(try due(for: target, receivedAt: TestTime.instant(received)).due)
    }

    /// The effective receipt of a receipt written in RFC 3339, in the calendar's local form.
    func effectiveLocal(_ received: String) throws -> String {
        formatLocal(try effectiveReceipt(of: TestTime.instant(received)))
    }
}
