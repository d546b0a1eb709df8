import Dispatch
import Synchronization

/// The queue between async callers and the writer thread: jobs under a mutex, and a semaphore
/// the thread sleeps on while there is nothing to do.
final class OutcomeWriterMailbox: Sendable {
    private struct State {
        var jobs: [OutcomeWriterJob] = []
        var closed = false
    }

    private let state = Mutex(State())
    private let wakeUp = DispatchSemaphore(value: 0)

    /// Queues `job`; returns `false` (and queues nothing) once the mailbox is closed.
    func post(_ job: OutcomeWriterJob) -> Bool {
        let accepted = state.withLock { state in
            guard !state.closed else { return false }
            state.jobs.append(job)
            return true
        }
        if accepted { wakeUp.signal() }
        return accepted
    }

    /// Closes the mailbox: queues a final stop job, after which nothing else is accepted.
    /// Returns `false` when it was already closed.
    @discardableResult
    func close(_ continuation: CheckedContinuation<Void, Never>?) -> Bool {
        let first = state.withLock { state in
            guard !state.closed else { return false }
            state.closed = true
            state.jobs.append(.stop(continuation))
            return true
        }
        if first { wakeUp.signal() }
        return first
    }

    /// Blocks the calling thread until jobs are queued, then takes all of them.
    func waitForJobs() -> [OutcomeWriterJob] {
        while true {
            wakeUp.wait()
            let jobs = state.withLock { state in
                let jobs = state.jobs
                state.jobs.removeAll(keepingCapacity: true)
                return jobs
            }
            if !jobs.isEmpty { return jobs }
        }
    }
}
