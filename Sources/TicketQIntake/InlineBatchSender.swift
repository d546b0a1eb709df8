import TicketQLanes

/// Sends each batch at once on the calling thread, over lanes the caller already holds (for
/// example a pooled connection of a Redis executor): no thread and no connection of its own.
final class InlineBatchSender: BatchSending {
    private let lanes: LaneStore
    private var totals = SubmitReport()

    init(lanes: LaneStore) {
        self.lanes = lanes
    }

    func send(_ batch: [LaneEntry], lines: [Int?]) {
        do {
            totals.count(try lanes.submit(batch), of: batch, lines: lines)
        } catch {
            totals.refuse(batch.count, because: error)
        }
    }

    func finish() -> SubmitReport {
        totals
    }
}
