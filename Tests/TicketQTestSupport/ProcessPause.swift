#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A process frozen with SIGSTOP and thawed with SIGCONT: a worker that stops running (a long
/// garbage-collection-like pause, a suspended VM, a debugger) while its sockets stay open and
/// the rest of the cluster carries on.
///
/// A stopped process does not act on SIGTERM until it is continued; ``heal()`` before asking it
/// to drain. SIGKILL (and so the cleanup of ``ManagedProcess``) works either way.
///
/// ```swift
/// let pause = ProcessPause(worker)
/// pause.start()                 // frozen
/// try await Task.sleep(for: .seconds(6))
/// pause.heal()                  // running again
/// ```
public struct ProcessPause: Sendable {
    /// The paused process.
    public let process: ManagedProcess

    /// Wraps `process`; nothing happens until ``start()``.
    public init(_ process: ManagedProcess) {
        self.process = process
    }

    /// Freezes the process (SIGSTOP).
    public func start() {
        process.signal(SIGSTOP)
    }

    /// Lets it run again (SIGCONT).
    public func heal() {
        process.signal(SIGCONT)
    }
}
