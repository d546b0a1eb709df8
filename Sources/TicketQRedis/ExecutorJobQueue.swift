import Foundation

/// The job queue shared by a ``RedisExecutor`` and its threads.
///
/// `@unchecked Sendable`: every stored variable is read and written only while `condition` is locked, and
/// the condition is what idle threads wait on.
final class ExecutorJobQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [ExecutorJob] = []
    private var head = 0
    private var nextID: UInt64 = 0
    private var isShutDown = false
    private var runningThreads = 0
    private var exitWaiters: [CheckedContinuation<Void, Never>] = []

    /// Queues work; returns its id, or `nil` when the queue is shut down.
    func enqueue(run: @escaping @Sendable (RedisClient) -> Void, fail: @escaping @Sendable (any Error) -> Void) -> UInt64? {
        condition.lock()
        defer { condition.unlock() }
        guard !isShutDown else { return nil }
        nextID += 1
        jobs.append(ExecutorJob(id: nextID, run: run, fail: fail))
        condition.signal()
        return nextID
    }

    /// Removes a job that no thread has taken yet (used on task cancellation).
    func removeQueued(id: UInt64) -> ExecutorJob? {
        condition.lock()
        defer { condition.unlock() }
        guard let index = jobs[head...].firstIndex(where: { $0.id == id }) else { return nil }
        return jobs.remove(at: index)
    }

    /// Blocks the calling executor thread until a job is available; `nil` once the queue is shut down.
    func next() -> ExecutorJob? {
        condition.lock()
        defer { condition.unlock() }
        while head == jobs.count {
            if isShutDown { return nil }
            condition.wait()
        }
        let job = jobs[head]
        head += 1
        if head == jobs.count {
            jobs.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1024 && head * 2 >= jobs.count {
            jobs.removeFirst(head)
            head = 0
        }
        return job
    }

    /// Records that a thread started serving the queue.
    func threadDidStart() {
        condition.lock()
        runningThreads += 1
        condition.unlock()
    }

    /// Records that a thread ended; the last one wakes every ``waitForThreads(_:)`` caller.
    func threadDidExit() {
        condition.lock()
        runningThreads -= 1
        let waiters = runningThreads == 0 ? exitWaiters : []
        if runningThreads == 0 { exitWaiters.removeAll() }
        condition.unlock()
        for waiter in waiters { waiter.resume() }
    }

    /// Refuses new jobs, wakes idle threads so they end, and returns the jobs that never started.
    func shutDown() -> [ExecutorJob] {
        condition.lock()
        defer { condition.unlock() }
        isShutDown = true
        let abandoned = Array(jobs[head...])
        jobs.removeAll()
        head = 0
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
}
