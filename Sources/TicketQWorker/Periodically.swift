/// Runs `body` every `interval` (after each wait) until the calling task is cancelled.
func periodically(every interval: Duration, _ body: () async -> Void) async {
    while !Task.isCancelled {
        try? await Task.sleep(for: interval)
        if Task.isCancelled { break }
        await body()
    }
}
