import Synchronization
import TicketQTriage

/// Feature extractors kept for reuse across requests: an extractor's buffers grow to fit the
/// texts it has seen, so a fresh one per request would allocate them again every time. At most
/// one extractor per thread that triages at the same time is ever made.
final class ExtractorPool: Sendable {
    private let triager: TicketTriager
    private let idle = Mutex<[FeatureExtractor]>([])

    init(triager: TicketTriager) {
        self.triager = triager
    }

    /// Runs `body` with an extractor of its own, then keeps the extractor for the next caller.
    func withExtractor<Result>(_ body: (inout FeatureExtractor) -> Result) -> Result {
        var extractor = idle.withLock { $0.popLast() } ?? triager.makeExtractor()
        defer { idle.withLock { $0.append(extractor) } }
        return body(&extractor)
    }
}
