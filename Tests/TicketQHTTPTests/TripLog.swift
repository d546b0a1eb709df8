import Synchronization
import TicketQHTTP

/// The limits a server reported, in order.
final class TripLog: Sendable {
    private let recorded = Mutex<[HTTPLimit]>([])

    func record(_ limit: HTTPLimit) { recorded.withLock { $0.append(limit) } }

    var trips: [HTTPLimit] { recorded.withLock { $0 } }
}
