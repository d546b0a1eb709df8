import TicketQCore

extension SLAResolution {
    /// The response due in the given calendar's local form.
    func dueLocal(_ calendar: BusinessCalendar) -> String {
        calendar.formatLocal(due)
    }

    /// The resolution due in the given calendar's local form, if any.
    func resolutionDueLocal(_ calendar: BusinessCalendar) -> String? {
        resolutionDue.map(calendar.formatLocal)
    }
}
