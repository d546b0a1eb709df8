import NIOCore

/// One direction of a proxied connection (client to Redis, or Redis to client): the bytes on
/// their way and, once the sending side has closed, the end of the stream.
///
/// Items leave in order, each when it is due: at once in ``FaultProxy/Mode/pass``, after the
/// delay in ``FaultProxy/Mode/delay(_:)``, and never while held by
/// ``FaultProxy/Mode/blackhole``, until ``heal()`` makes them due. Confined to the proxy's event
/// loop.
final class FaultProxyStream {
    /// What travels: bytes, or the end of the stream (the receiving side is then closed).
    enum Item {
        case bytes(ByteBuffer)
        case end
    }

    private let eventLoop: any EventLoop
    private var items: CircularBuffer<(item: Item, due: NIODeadline)> = []
    private var scheduledFlush: NIODeadline?
    /// Where the items go; `nil` until the upstream connection is established.
    var target: (any Channel)?

    init(eventLoop: any EventLoop) {
        self.eventLoop = eventLoop
    }

    /// Queues an item under `mode` and sends what is due.
    func push(_ item: Item, mode: FaultProxy.Mode) {
        let now = NIODeadline.now()
        switch mode {
        case .pass: items.append((item, now))
        case .delay(let delay): items.append((item, now + TimeAmount(delay)))
        case .blackhole: items.append((item, .distantFuture))
        }
        flush()
    }

    /// Makes held items due now (the partition is over) and sends them.
    func heal() {
        let now = NIODeadline.now()
        for index in items.indices where items[index].due == .distantFuture { items[index].due = now }
        flush()
    }

    /// Forgets every queued item (the connection was cut).
    func discard() {
        items.removeAll()
    }

    /// Sends the items that are due, in order, and schedules the next flush.
    func flush() {
        guard let target else { return }
        let now = NIODeadline.now()
        while let first = items.first, first.due <= now {
            items.removeFirst()
            switch first.item {
            case .bytes(let buffer):
                target.writeAndFlush(buffer, promise: nil)
            case .end:
                items.removeAll()
                target.close(promise: nil)
                return
            }
        }
        guard let next = items.first?.due, next != .distantFuture else { return }
        if let scheduledFlush, scheduledFlush <= next { return }
        scheduledFlush = next
        eventLoop.assumeIsolated().scheduleTask(deadline: next) {
            self.scheduledFlush = nil
            self.flush()
        }
    }
}

extension TimeAmount {
    /// The same span as a `Duration`, to the nanosecond.
    init(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self = .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }
}
