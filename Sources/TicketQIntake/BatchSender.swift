import Foundation
import Synchronization
import TicketQLanes

/// Sends batches of lane entries to Redis from a thread of its own, so that decoding the next
/// batch overlaps with Redis running the last one. At most two batches wait at a time.
final class BatchSender: Sendable {
    private struct State {
        var queue: [[LaneEntry]] = []
        var accepted = 0
        var duplicates = 0
        var notAccepted = 0
        var refusal: String?
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
                let next = state.withLock { state -> [LaneEntry]? in
                    state.queue.isEmpty ? nil : state.queue.removeFirst()
                }
                guard let batch = next else { break }  // finished and drained
                let outcome: Result<[Bool], any Error>
                if let lanes {
                    outcome = Result { try lanes.submit(batch) }
                } else {
                    outcome = .failure(LanesError.unexpectedReply(operation: "connect", reply: openError ?? "no connection"))
                }
                state.withLock { state in
                    switch outcome {
                    case let .success(flags):
                        let accepted = flags.filter { $0 }.count
                        state.accepted += accepted
                        state.duplicates += flags.count - accepted
                    case let .failure(error):
                        state.notAccepted += batch.count
                        if state.refusal == nil { state.refusal = String(describing: error) }
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
    func send(_ batch: [LaneEntry]) {
        available.wait()
        state.withLock { $0.queue.append(batch) }
        ready.signal()
    }

    /// Waits until every queued batch was sent, stops the thread and returns the totals.
    func finish() -> (accepted: Int, duplicates: Int, notAccepted: Int, refusal: String?) {
        // One signal more than batches sent: the thread finds the queue empty and ends.
        ready.signal()
        done.wait()
        return state.withLock { ($0.accepted, $0.duplicates, $0.notAccepted, $0.refusal) }
    }
}
