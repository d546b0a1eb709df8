import TicketQCore

/// How a deployment's tickets are spread over its partitions.
///
/// A ticket belongs to partition `fnv1a64(id) mod N`, where `fnv1a64` is the 64-bit FNV-1a hash
/// of the id's UTF-8 bytes (``FNV1a64``); every client routes the same way, so one id is always
/// in one partition and the dedupe window stays exact. `N` is fixed when the deployment is created.
public enum LanePartitioning {
    /// The partition counts a deployment may have.
    public static let allowedCounts = 1...256

    /// The partition a ticket id belongs to, among `count`.
    public static func partition(of id: some StringProtocol, count: Int) -> Int {
        guard count > 1 else { return 0 }
        return Int(FNV1a64.hash(id.utf8) % UInt64(count))
    }
}
