import TicketQCore

/// One request waiting in a ``SubmitCoalescer`` for its batch: its tickets, its receipt time and
/// where its report goes.
struct SubmitWaiter: Sendable {
    var tickets: [PreparedTicket]
    var now: Instant
    var continuation: CheckedContinuation<SubmitReport, any Error>
}
