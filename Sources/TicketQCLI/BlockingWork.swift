import Foundation

/// Runs blocking work (Redis round trips, SQLite) on a thread of its own, so that an async
/// handler never blocks a thread of Swift's cooperative pool.
enum BlockingWork {
    static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: body()) }
        }
    }
}
