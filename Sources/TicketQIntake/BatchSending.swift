import TicketQLanes

/// Where a ``TicketSubmitter`` sends its batches: from a thread of its own (``BatchSender``) or
/// on the submitting thread (``InlineBatchSender``).
protocol BatchSending {
    /// Sends (or queues) one batch.
    func send(_ batch: [LaneEntry])
    /// Waits until every batch was sent and returns the totals.
    func finish() -> (accepted: Int, duplicates: Int, notAccepted: Int, refusal: String?)
}

extension BatchSender: BatchSending {}
