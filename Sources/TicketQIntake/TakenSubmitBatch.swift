import Synchronization

/// The requests one ``SubmitCoalescer`` batch took, kept across a retried attempt so that a
/// retry sends the same requests, and their reports.
final class TakenSubmitBatch: Sendable {
    private let state = Mutex<(waiters: [SubmitWaiter]?, reports: [SubmitReport])>((nil, []))

    /// The requests taken (none before ``take(_:)``).
    var waiters: [SubmitWaiter] { state.withLock { $0.waiters ?? [] } }

    /// Takes requests with `taking` on the first call; later calls return the same ones.
    func take(_ taking: () -> [SubmitWaiter]) -> [SubmitWaiter] {
        state.withLock { state in
            if let waiters = state.waiters { return waiters }
            let waiters = taking()
            state.waiters = waiters
            return waiters
        }
    }

    /// Keeps the reports, one per request taken, in order.
    func answer(_ reports: [SubmitReport]) {
        state.withLock { $0.reports = reports }
    }

    /// Answers every request taken with its report.
    func resume() {
        let (waiters, reports) = state.withLock { ($0.waiters ?? [], $0.reports) }
        for (waiter, report) in zip(waiters, reports) { waiter.continuation.resume(returning: report) }
    }
}
