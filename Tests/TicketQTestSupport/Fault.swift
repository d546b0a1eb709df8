/// A fault a test can start and heal: a partition, a frozen process, …
///
/// ```swift
/// let fault: any Fault = ProcessPause(worker)
/// fault.start()
/// // … the rest of the cluster carries on …
/// fault.heal()
/// ```
public protocol Fault: Sendable {
    /// Injects the fault.
    func start()
    /// Ends it; the system is expected to recover on its own.
    func heal()
}

extension ProcessPause: Fault {}
