import Synchronization

/// How the commit and acknowledgement stages run their loop: in a task of its own, because an
/// outcome-store call stuck in the kernel cannot be cancelled and must not hold the shutdown.
/// When the worker's group gives up waiting (its graceful shutdown ran out of time and it
/// cancelled the stages), the stage returns, marks the worker unsettled and leaves the loop.
func runPipelineStage(_ context: WorkerContext, priority: TaskPriority? = nil, _ loop: @escaping @Sendable () async -> Void) async {
    if await boundedByCancellation(priority: priority, { await loop(); return true }) == nil {
        context.unsettled.store(true, ordering: .releasing)
    }
    await untilGracefulShutdown()
}
