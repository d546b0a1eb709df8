import ServiceLifecycle

/// Stage one of the backlog's durability order: takes handled outcomes from the completion queue
/// and commits them in groups (up to ``WorkerConfiguration/groupCommitLimit``, waiting up to
/// ``WorkerConfiguration/groupCommitDelay`` for a group to fill), then queues them for their
/// acknowledgement. Committing the next group overlaps with acknowledging the last. Ends when the
/// claim stage has closed the completion queue and every outcome in it was committed or handed back.
struct CommitStage: Service {
    let context: WorkerContext

    func run() async {
        await runPipelineStage(context) { [context] in
            let (completions, configuration) = (context.completions, context.configuration)
            while await completions.waitForItems() {
                if completions.count < configuration.groupCommitLimit {
                    try? await Task.sleep(for: configuration.groupCommitDelay)
                }
                let batch = completions.take(configuration.groupCommitLimit)
                guard !batch.isEmpty else { continue }
                if await context.commit(batch) { context.committed.push(batch) }
            }
            context.committed.close()
        }
    }
}
