import TicketQCore

/// The history of every brand's high-volume switch, so that intake can evaluate the switch at a
/// ticket's receipt time rather than at the time the ticket happens to be submitted.
///
/// A change at instant T applies to tickets received at T or later. Before a brand's first
/// change, and for brands with no changes, the switch is off.
public struct HighVolumeSchedule: Sendable, Hashable {
    private var changesByBrand: [String: [HighVolumeChange]]
    /// Brands whose stored history could not be read, with the reason: their switch is unknown.
    private var unreadableByBrand: [String: String] = [:]

    /// An empty schedule: every switch off at all times.
    public init() {
        changesByBrand = [:]
    }

    /// A schedule from each brand's changes in any order; of changes at the same instant, the
    /// later one in the list wins. `unreadable` names the brands whose switch is unknown (their
    /// stored history could not be read), with the reason.
    public init(changes: [String: [HighVolumeChange]], unreadable: [String: String] = [:]) {
        unreadableByBrand = unreadable
        changesByBrand = changes.mapValues { changes in
            // Sorting the offsets along keeps equal instants in list order (a stable sort).
            changes.enumerated()
                .sorted { ($0.element.instant, $0.offset) < ($1.element.instant, $1.offset) }
                .map(\.element)
        }
    }

    /// Records a change; it wins over earlier-recorded changes at the same instant.
    public mutating func record(brand: String, isOn: Bool, at instant: Instant) {
        var changes = changesByBrand[brand, default: []]
        changes.insert(HighVolumeChange(instant: instant, isOn: isOn), at: Self.countOfChanges(in: changes, atOrBefore: instant))
        changesByBrand[brand] = changes
    }

    /// Why the brand's switch is unknown (its stored history could not be read), or nil.
    public func unreadableReason(brand: String) -> String? {
        unreadableByBrand[brand]
    }

    /// Whether the brand's switch is on at `instant`.
    public func isOn(brand: String, at instant: Instant) -> Bool {
        guard let changes = changesByBrand[brand] else { return false }
        let count = Self.countOfChanges(in: changes, atOrBefore: instant)
        return count > 0 && changes[count - 1].isOn
    }

    /// The brand's changes, oldest first.
    public func changes(for brand: String) -> [HighVolumeChange] {
        changesByBrand[brand] ?? []
    }

    /// The brands with at least one recorded change, sorted.
    public var brands: [String] {
        changesByBrand.filter { !$0.value.isEmpty }.keys.sorted()
    }

    /// The number of leading changes whose instant is at or before `instant` (binary search).
    private static func countOfChanges(in changes: [HighVolumeChange], atOrBefore instant: Instant) -> Int {
        var low = 0
        var high = changes.count
        while low < high {
            let middle = (low + high) / 2
            if changes[middle].instant <= instant { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
