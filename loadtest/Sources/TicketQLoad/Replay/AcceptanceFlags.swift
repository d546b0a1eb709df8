/// One flag per ticket of a run: whether Redis accepted it. Send threads write disjoint
/// ranges, and the flags are read once they have finished.
public final class AcceptanceFlags: @unchecked Sendable {
    private let storage: UnsafeMutableBufferPointer<UInt8>

    /// Flags for `count` tickets, all unset.
    public init(count: Int) {
        storage = .allocate(capacity: max(1, count))
        storage.initialize(repeating: 0)
    }

    deinit { storage.deallocate() }

    func set(_ index: Int, accepted: Bool) { storage[index] = accepted ? 1 : 0 }

    /// Whether Redis accepted ticket `index`.
    public func isAccepted(_ index: Int) -> Bool { storage[index] == 1 }
}
