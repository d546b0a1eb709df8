import Foundation

/// The queue a ``ConfinedExecutor`` shares with its threads.
///
/// `@unchecked Sendable`: every stored variable is read and written only while `condition` is
/// locked; idle threads, producers waiting for room and synchronous shutdowns all wait on it.
final class ConfinedJobQueue<Resource>: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [ConfinedJob<Resource>] = []
    private var head = 0
    private var nextID: UInt64 = 0
    private var isShutDown = false
    private var runningThreads = 0
    private var waitingProducers = 0
    private var exitWaiters: [CheckedContinuation<Void, Never>] = []

    private var queuedCount: Int { jobs.count - head }

    /// Queues work; returns its id, or `nil` when the queue is shut down. With `room`, first
    /// waits while that many jobs or more are queued and not yet taken.
    func enqueue(
        room: Int? = nil, run: @escaping @Sendable (Resource) -> Void, fail: @escaping @Sendable (any Error) -> Void
    ) -> UInt64? {
        condition.lock()
        defer { condition.unlock() }
        if let room {
            waitingProducers += 1
            while !isShutDown && queuedCount >= max(room, 1) { condition.wait() }
            waitingProducers -= 1
        }
        guard !isShutDown else { return nil }
        nextID += 1
        jobs.append(ConfinedJob(id: nextID, run: run, fail: fail))
        // Producers may be waiting on the same condition: wake everyone rather than one thread
        // that might be a producer.
        if waitingProducers > 0 { condition.broadcast() } else { condition.signal() }
        return nextID
    }

    /// Removes a job that no thread has taken yet (used on task cancellation).
    func removeQueued(id: UInt64) -> ConfinedJob<Resource>? {
        condition.lock()
        defer { condition.unlock() }
        guard let index = jobs[head...].firstIndex(where: { $0.id == id }) else { return nil }
        let job = jobs.remove(at: index)
        if waitingProducers > 0 { condition.broadcast() }
        return job
    }

    /// Blocks the calling thread until work is queued, then takes one job (or, with `all`, every
    /// queued job); `nil` once the queue is shut down and empty.
    func next(all: Bool) -> ArraySlice<ConfinedJob<Resource>>? {
        condition.lock()
        defer { condition.unlock() }
        while queuedCount == 0 {
            if isShutDown { return nil }
            condition.wait()
        }
        let end = all ? jobs.count : head + 1
        let taken = jobs[head..<end]
        head = end
        if head == jobs.count {
            jobs.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1024 && head * 2 >= jobs.count {
            jobs.removeFirst(head)
            head = 0
        }
        if waitingProducers > 0 { condition.broadcast() }
        return taken
    }

    /// Records that a thread started serving the queue.
    func threadDidStart() {
        condition.lock()
        runningThreads += 1
        condition.unlock()
    }

    /// Records that a thread ended; the last one wakes every waiter for the threads' end.
    func threadDidExit() {
        condition.lock()
        runningThreads -= 1
        let waiters = runningThreads == 0 ? exitWaiters : []
        if runningThreads == 0 {
            exitWaiters.removeAll()
            condition.broadcast()
        }
        condition.unlock()
        for waiter in waiters { waiter.resume() }
    }

    /// Refuses new jobs and wakes every thread. Returns the queued jobs when `abandon` is true
    /// (the caller fails them); otherwise they stay queued and the threads run them before ending.
    func shutDown(abandon: Bool) -> [ConfinedJob<Resource>] {
        condition.lock()
        defer { condition.unlock() }
        isShutDown = true
        var abandoned: [ConfinedJob<Resource>] = []
        if abandon {
            abandoned = Array(jobs[head...])
            jobs.removeAll()
            head = 0
        }
        condition.broadcast()
        return abandoned
    }

    /// Resumes `waiter` once no thread is running (at once if none is).
    func waitForThreads(_ waiter: CheckedContinuation<Void, Never>) {
        condition.lock()
        if runningThreads > 0 {
            exitWaiters.append(waiter)
            condition.unlock()
        } else {
            condition.unlock()
            waiter.resume()
        }
    }

    /// Blocks the calling thread until no thread is running.
    func waitForThreadsBlocking() {
        condition.lock()
        while runningThreads > 0 { condition.wait() }
        condition.unlock()
    }
}
