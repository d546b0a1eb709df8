import ServiceLifecycle
import Synchronization

/// Stage two of the backlog's durability order: acknowledges committed outcomes in Redis, fenced
/// by their leases, then confirms (or supersedes) them in the store. Ends when the commit stage
/// has closed its queue and every confirmation was written.
struct AcknowledgementStage: Service {
    let context: WorkerContext

    func run() async {
        await runPipelineStage(context) { [context] in
            let (committed, limit) = (context.committed, context.configuration.groupCommitLimit)
            while await committed.waitForItems() {
                let batch = committed.take(limit)
                guard !batch.isEmpty else { continue }
                await context.acknowledge(batch)
                if context.confirmations.withLock({ $0.count }) > 64 { await context.awaitConfirmations() }
            }
            // The urgent stage, shut down before this one, has queued its confirmations too.
            await context.awaitConfirmations()
        }
    }
}
