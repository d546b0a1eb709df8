extension SLAResolution {
    /// The spec §6 output record as one JSON object, fields in the documented order.
    ///
    /// - Parameters:
    ///   - idJSON: the request's `id`, already JSON (echoed as given; `null` when absent).
    ///   - calendar: the calendar used, for the `*_local` timestamps.
    public func jsonRecord(idJSON: String, calendar: BusinessCalendar) -> String {
        var object = JSONObjectWriter()
        object.addRaw("id", idJSON)
        object.add("category_resolved", categoryResolved)
        object.add("urgent", urgent)
        object.add("lane", laneName)
        object.addRaw("response_target", responseTarget.json)
        object.add("effective_receipt_utc", RFC3339.formatUTC(effectiveReceipt))
        object.add("due_utc", RFC3339.formatUTC(due))
        object.add("due_local", calendar.formatLocal(due))
        object.addRaw("resolution_target", resolutionTarget?.json ?? "null")
        object.add("resolution_due_utc", resolutionDue.map(RFC3339.formatUTC))
        object.add("resolution_due_local", resolutionDue.map(calendar.formatLocal))
        return object.json
    }
}
