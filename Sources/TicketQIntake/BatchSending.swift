import TicketQLanes

/// Where a ``TicketSubmitter`` sends its batches: from a thread of its own (``BatchSender``) or
/// on the submitting thread (``InlineBatchSender``).
protocol BatchSending {
    /// Sends (or queues) one batch, whose tickets came from input `lines`.
    func send(_ batch: [LaneEntry], lines: [Int?])
    /// Waits until every batch was sent and returns what Redis made of them.
    func finish() -> SubmitReport
}

extension BatchSender: BatchSending {}
