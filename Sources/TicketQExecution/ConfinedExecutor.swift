import Foundation
import Synchronization

/// Runs blocking work on dedicated threads, each owning one resource for its whole life (a Redis
/// connection, the outcome store's write connection), so async code never blocks Swift's
/// cooperative thread pool and a resource is never touched by two threads.
///
/// This is the project's one executor for blocking work; see this module's README for why it is
/// not NIO's `NIOThreadPool`. Work is taken by whichever thread is free. A blocking wait (`BLPOP`)
/// occupies its thread for the whole wait: give such waits an executor of their own.
///
/// ```swift
/// let executor = ConfinedExecutor(threadCount: 2, name: "redis") { _ in RedisClient(url: url) } close: { $0.close() }
/// let depth = try await executor.run { client in try client.depth() }
/// await executor.shutdown()
/// ```
public final class ConfinedExecutor<Resource>: Sendable {
    /// The number of threads, and so of resources and of jobs that can run at the same time.
    public let threadCount: Int

    private let queue = ConfinedJobQueue<Resource>()

    /// Where a ``run(_:)`` call stands when its task is cancelled.
    private enum CancellationState {
        case notQueued
        case queued(UInt64)
        case cancelled
    }

    /// Starts `threadCount` threads; each opens its resource first thing.
    ///
    /// - Parameters:
    ///   - threadCount: the number of threads (at least 1).
    ///   - name: a prefix for the thread names, shown by debuggers and `top -H`.
    ///   - open: makes a thread's resource, on that thread (`index` counts from 0).
    ///   - close: releases the resource when its thread ends.
    ///   - afterRound: when given, a thread takes everything queued at once, runs it, then calls
    ///     this with its resource; work that arrives meanwhile goes into the next round (how the
    ///     outcome writer merges callers' inserts into one transaction).
    public init(
        threadCount: Int = 1,
        name: String,
        open: @escaping @Sendable (_ index: Int) -> Resource,
        close: @escaping @Sendable (Resource) -> Void = { _ in },
        afterRound: (@Sendable (Resource) -> Void)? = nil
    ) {
        self.threadCount = max(threadCount, 1)
        for index in 0..<self.threadCount {
            let queue = self.queue
            queue.threadDidStart()
            let thread = Thread {
                let resource = open(index)
                while let jobs = queue.next(all: afterRound != nil) {
                    for job in jobs { job.run(resource) }
                    afterRound?(resource)
                }
                close(resource)
                queue.threadDidExit()
            }
            thread.name = self.threadCount == 1 ? name : "\(name)-\(index)"
            thread.start()
        }
    }

    deinit {
        // No `run` is waiting (each holds the executor); posted work still runs.
        _ = queue.shutDown(abandon: false)
    }

    /// Runs `body` on one of the threads with its resource and returns the result.
    ///
    /// If the task is cancelled before a thread has taken the work, the work is dropped and
    /// `CancellationError` is thrown; work already running is not interrupted.
    /// - Throws: what `body` throws, ``ConfinedExecutorError/shutDown`` after ``shutdown(queued:)``.
    @discardableResult
    public func run<T: Sendable>(_ body: @escaping @Sendable (Resource) throws -> T) async throws -> T {
        try Task.checkCancellation()
        let cancellation = Mutex(CancellationState.notQueued)
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
                let id = queue.enqueue(
                    run: { resource in continuation.resume(with: Result { try body(resource) }) },
                    fail: { error in continuation.resume(throwing: error) }
                )
                guard let id else {
                    continuation.resume(throwing: ConfinedExecutorError.shutDown)
                    return
                }
                let cancelledWhileQueueing = cancellation.withLock { state in
                    if case .cancelled = state { return true }
                    state = .queued(id)
                    return false
                }
                if cancelledWhileQueueing, let job = queue.removeQueued(id: id) {
                    job.fail(CancellationError())
                }
            }
        } onCancel: {
            let queuedID = cancellation.withLock { state -> UInt64? in
                if case .queued(let id) = state { return id }
                state = .cancelled
                return nil
            }
            if let queuedID, let job = queue.removeQueued(id: queuedID) {
                job.fail(CancellationError())
            }
        }
    }

    /// Queues `job` without waiting for it; it runs even when the caller's task is cancelled.
    ///
    /// - Parameters:
    ///   - room: when given, first blocks the calling thread while that many jobs or more are
    ///     queued and not yet taken (back-pressure for a synchronous producer).
    ///   - abandoned: called instead of `job` when the executor shuts down with ``QueuedWork/fail``
    ///     before a thread took it.
    /// - Returns: `false` (and queues nothing) once the executor is shut down.
    @discardableResult
    public func post(
        room: Int? = nil, _ job: @escaping @Sendable (Resource) -> Void,
        abandoned: @escaping @Sendable (any Error) -> Void = { _ in }
    ) -> Bool {
        queue.enqueue(room: room, run: job, fail: abandoned) != nil
    }

    /// Stops the executor: new work is refused, queued work fails or runs (`queued`), work already
    /// running finishes, then every thread closes its resource and ends. Returns when all have ended.
    public func shutdown(queued: QueuedWork = .fail) async {
        for job in queue.shutDown(abandon: queued == .fail) {
            job.fail(ConfinedExecutorError.shutDown)
        }
        await withCheckedContinuation { continuation in
            queue.waitForThreads(continuation)
        }
    }

    /// ``shutdown(queued:)`` for synchronous callers: blocks the calling thread until every thread ended.
    public func shutdownAndWait(queued: QueuedWork = .fail) {
        for job in queue.shutDown(abandon: queued == .fail) {
            job.fail(ConfinedExecutorError.shutDown)
        }
        queue.waitForThreadsBlocking()
    }
}
