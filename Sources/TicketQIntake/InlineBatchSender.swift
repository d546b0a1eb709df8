import TicketQLanes

/// Sends each batch at once on the calling thread, over lanes the caller already holds (for
/// example a pooled connection of a Redis executor): no thread and no connection of its own.
final class InlineBatchSender: BatchSending {
    private let lanes: LaneStore
    private var accepted = 0
    private var duplicates = 0
    private var notAccepted = 0
    private var refusal: String?

    init(lanes: LaneStore) {
        self.lanes = lanes
    }

    func send(_ batch: [LaneEntry]) {
        do {
            let flags = try lanes.submit(batch)
            let fresh = flags.filter { $0 }.count
            accepted += fresh
            duplicates += flags.count - fresh
        } catch {
            notAccepted += batch.count
            if refusal == nil { refusal = String(describing: error) }
        }
    }

    func finish() -> (accepted: Int, duplicates: Int, notAccepted: Int, refusal: String?) {
        (accepted, duplicates, notAccepted, refusal)
    }
}
