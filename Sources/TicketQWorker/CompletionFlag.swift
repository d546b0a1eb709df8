import Synchronization

/// A value set once by a task that may never finish (an outcome-store call stuck in the kernel),
/// read by a waiter that must not wait for it forever.
final class CompletionFlag<Value: Sendable>: Sendable {
    private let value = Mutex<Value?>(nil)

    /// Stores the result (the first one wins).
    func set(_ result: Value) {
        value.withLock { if $0 == nil { $0 = result } }
    }

    /// The result, or `nil` while the task runs.
    var result: Value? { value.withLock { $0 } }
}
