/// A unit of work queued on a ``RedisExecutor``: exactly one of `run` or `fail` is called.
struct ExecutorJob: Sendable {
    let id: UInt64
    /// Runs the work on an executor thread with that thread's client, and resumes the waiting task.
    let run: @Sendable (RedisClient) -> Void
    /// Resumes the waiting task with `error` without running the work.
    let fail: @Sendable (any Error) -> Void
}
