#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A process frozen with SIGSTOP and thawed with SIGCONT, named by its process id: a long
/// pause (a suspended VM, a debugger, a stop-the-world collection) while its sockets stay open.
///
/// ```swift
/// let pause = ProcessSignalPause(pid: worker.processIdentifier)
/// pause.start()   // frozen
/// pause.heal()    // running again
/// ```
public struct ProcessSignalPause: Fault {
    /// The process id.
    public let pid: Int32

    /// Wraps the process `pid`; nothing happens until ``start()``.
    public init(pid: Int32) {
        self.pid = pid
    }

    /// Freezes the process (SIGSTOP).
    public func start() {
        if pid > 0 { _ = kill(pid, SIGSTOP) }
    }

    /// Lets it run again (SIGCONT).
    public func heal() {
        if pid > 0 { _ = kill(pid, SIGCONT) }
    }
}
