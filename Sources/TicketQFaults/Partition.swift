/// A network partition between the clients of a ``FaultProxy`` and Redis: ``start()`` puts the
/// proxy in ``FaultProxy/Mode/blackhole`` (bytes neither forwarded nor answered, connections kept
/// open), ``heal()`` back in ``FaultProxy/Mode/pass``.
public struct Partition: Fault {
    /// The proxy the cut-off clients connect through.
    public let proxy: FaultProxy

    /// A partition of `proxy`'s clients; nothing happens until ``start()``.
    public init(_ proxy: FaultProxy) {
        self.proxy = proxy
    }

    public func start() {
        proxy.mode = .blackhole
    }

    public func heal() {
        proxy.mode = .pass
    }
}
