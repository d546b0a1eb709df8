/// A fault that can be started and healed: a partition, a frozen process, a killed server, …
///
/// ```swift
/// let fault: any Fault = Partition(proxy)
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
