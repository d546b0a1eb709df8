import Synchronization
import TicketQExecution
import TicketQLanes

/// Sends batches of lane entries to Redis from a thread of its own, so that decoding the next
/// batch overlaps with Redis running the last one. At most one batch waits while one is sent.
final class BatchSender: Sendable {
    private let executor: ConfinedExecutor<Result<LaneStore, any Error>>
    private let totals = Mutex(SubmitReport())

    /// Starts the sending thread; `makeLanes` opens its connection there.
    init(makeLanes: @escaping @Sendable () throws -> LaneStore) {
        executor = ConfinedExecutor(name: "ticketq-submit") { _ in
            // A connection that could not be opened refuses every batch with the reason it failed.
            Result { try makeLanes() }.mapError { error in
                LanesError.unexpectedReply(operation: "connect", reply: String(describing: error)) as any Error
            }
        }
    }

    /// Queues a batch; waits while one is already waiting.
    func send(_ batch: [LaneEntry], lines: [Int?]) {
        executor.post(room: 1) { [self] lanes in
            let outcome = Result { try lanes.get().submit(batch) }
            self.totals.withLock { totals in
                switch outcome {
                case let .success(verdicts): totals.count(verdicts, of: batch, lines: lines)
                case let .failure(error): totals.refuse(batch.count, because: error)
                }
            }
        }
    }

    /// Waits until every queued batch was sent, stops the thread and returns the totals.
    func finish() -> SubmitReport {
        executor.shutdownAndWait(queued: .finish)
        return totals.withLock { $0 }
    }
}
