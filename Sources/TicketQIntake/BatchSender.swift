import Foundation
import Synchronization
import TicketQLanes

/// Sends batches of lane entries to Redis from a thread of its own, so that decoding the next
/// batch overlaps with Redis running the last one. At most two batches wait at a time.
final class BatchSender: Sendable {
    private struct State {
        var queue: [(batch: [LaneEntry], lines: [Int?])] = []
        var totals = SubmitReport()
    }

    private let state = Mutex(State())
    private let available = DispatchSemaphore(value: 2)
    private let ready = DispatchSemaphore(value: 0)
    private let done = DispatchSemaphore(value: 0)

    /// Starts the sending thread; `makeLanes` opens its connection there.
    init(makeLanes: @escaping @Sendable () throws -> LaneStore) {
        let thread = Thread { [self] in
            var lanes: LaneStore?
            var openError: String?
            do { lanes = try makeLanes() } catch { openError = String(describing: error) }
            while true {
                ready.wait()
                let next = state.withLock { state -> (batch: [LaneEntry], lines: [Int?])? in
                    state.queue.isEmpty ? nil : state.queue.removeFirst()
                }
                guard let (batch, lines) = next else { break }  // finished and drained
                let outcome: Result<[SubmitVerdict], any Error>
                if let lanes {
                    outcome = Result { try lanes.submit(batch) }
                } else {
                    outcome = .failure(LanesError.unexpectedReply(operation: "connect", reply: openError ?? "no connection"))
                }
                state.withLock { state in
                    switch outcome {
                    case let .success(verdicts): state.totals.count(verdicts, of: batch, lines: lines)
                    case let .failure(error): state.totals.refuse(batch.count, because: error)
                    }
                }
                available.signal()
            }
            done.signal()
        }
        thread.name = "ticketq-submit"
        thread.start()
    }

    /// Queues a batch; waits while two are already waiting.
    func send(_ batch: [LaneEntry], lines: [Int?]) {
        available.wait()
        state.withLock { $0.queue.append((batch, lines)) }
        ready.signal()
    }

    /// Waits until every queued batch was sent, stops the thread and returns the totals.
    func finish() -> SubmitReport {
        // One signal more than batches sent: the thread finds the queue empty and ends.
        ready.signal()
        done.wait()
        return state.withLock { $0.totals }
    }
}
