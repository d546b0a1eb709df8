import ServiceLifecycle
import TicketQLanes

/// The urgent fast path's settlement: same-business-day tickets in slots of their own.
///
/// The general claimer takes the backlog in batches of up to ``WorkerConfiguration/claimBatch``
/// and commits in groups of up to ``WorkerConfiguration/groupCommitLimit``, so a ticket it takes
/// waits for its whole batch and group. The urgent claimer instead blocks on the urgent wake-up
/// list, claims from the same-business-day lane as soon as a ticket is queued (up to its free
/// slots), and its outcomes are committed at once (the writer folds them into its next
/// transaction, never behind more than the one in progress) and acknowledged on connections of
/// their own. The general claimer leaves the first ``WorkerConfiguration/urgentSlots`` urgent
/// tickets to the urgent claimers and takes the rest, so a burst beyond the reserved slots is
/// still served by the lane rules.
struct UrgentSettlementStage: Service {
    let context: WorkerContext

    /// Commits and acknowledges urgent outcomes as they come, without a group-commit delay.
    func run() async {
        // Higher priority: its continuations run before the backlog's waiting on the same threads.
        await runPipelineStage(context, priority: .high) { [context] in
            let (queue, limit) = (context.urgentCompletions, context.configuration.groupCommitLimit)
            while await queue.waitForItems() {
                let batch = queue.take(limit)
                guard !batch.isEmpty else { continue }
                if await context.commit(batch) { await context.acknowledge(batch, via: context.urgentRedis, journal: .urgent) }
            }
        }
    }
}
