extension TicketRejection {
    /// The reason a conflicting resubmit gets: its id was taken by a ticket with other content.
    public static func conflict(id: String, line: Int?) -> TicketRejection {
        TicketRejection(
            line: line, field: "id",
            reason: "conflict: ticket \"\(id)\" was already submitted with different content; the first ticket stands "
                + "(a retry must send the same content, a new message needs a new id)"
        )
    }
}
