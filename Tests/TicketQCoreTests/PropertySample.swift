import Synchronization
@testable import TicketQCore

/// The engine's answers for every receipt and target of one property case, computed once and
/// shared by the property tests so that the suite stays fast in debug builds.
struct PropertySample: Sendable {
    /// The receipts, ascending, all far enough from the coverage end for every target.
    let receipts: [Instant]
    /// The case's targets followed by `business_days` 0…4.
    let targets: [SLATarget]
    /// `dues[t][r]` is the answer for `targets[t]` and `receipts[r]`.
    let dues: [[DueDate]]

    /// Index of `business_days(count)` in ``targets``.
    func businessDaysIndex(_ count: Int) -> Int {
        targets.count - 5 + count
    }

    private static let cache = Mutex<[String: PropertySample]>([:])

    /// The sample of a case (computed on first use).
    static func of(_ propertyCase: OracleCase) throws -> PropertySample {
        let key = propertyCase.testDescription
        if let cached = cache.withLock({ $0[key] }) { return cached }
        let calendar = try propertyCase.spec.build()
        let limit = propertyCase.receiptRange.upperBound - 30 * 86_400
        let receipts = propertyCase.receipts().filter { $0 < limit }.sorted().map { Instant(secondsSinceEpoch: $0) }
        let targets = propertyCase.targets + (0...4).map { SLATarget.businessDays($0) }
        var dues: [[DueDate]] = []
        for target in targets {
            var column: [DueDate] = []
            column.reserveCapacity(receipts.count)
            for receipt in receipts { column.append(try calendar.due(for: target, receivedAt: receipt)) }
            dues.append(column)
        }
        let sample = PropertySample(receipts: receipts, targets: targets, dues: dues)
        cache.withLock { $0[key] = sample }
        return sample
    }
}
