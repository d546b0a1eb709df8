import Testing
@testable import TicketQCore

/// One calendar checked against the naive oracle or by the property tests, with its receipts
/// and targets.
struct OracleCase: Sendable, CustomTestStringConvertible {
    let spec: CalendarSpec
    let seed: UInt64
    /// Receipts drawn uniformly over the coverage.
    let uniformReceipts: Int
    /// Receipts drawn close to a DST transition (within four days or within twelve hours).
    let transitionReceipts: Int
    let targets: [SLATarget]

    var testDescription: String { "\(spec.id) (\(spec.zone))" }

    /// UTC seconds from the coverage start (plus a day) to its end.
    var receiptRange: ClosedRange<Int64> {
        let start = (LocalDate(iso: spec.coverageFrom)?.dayNumber ?? 0) * 86_400 + 86_400
        let end = (LocalDate(iso: spec.coverageThrough)?.dayNumber ?? 0) * 86_400
        return start...end
    }

    /// Receipts for this case, deterministic for its seed.
    func receipts() -> [Int64] {
        var sampler = ReceiptSampler(seed: seed)
        let range = receiptRange
        let transitions = ReceiptSampler.transitions(of: spec.zone, from: range.lowerBound, through: range.upperBound)
        var result: [Int64] = []
        for _ in 0..<uniformReceipts { result.append(sampler.receipt(in: range)) }
        for index in 0..<transitionReceipts {
            // Half within four days of a transition, half within the twelve hours around it.
            let window: Int64 = index.isMultiple(of: 2) ? 4 * 86_400 : 12 * 3600
            result.append(sampler.receipt(near: transitions, window: window))
        }
        return result
    }

    static let brandTargets: [SLATarget] = [
        .calendarHours(minutes: 60), .calendarHours(minutes: 1470),
        .businessHours(minutes: 15), .businessHours(minutes: 60), .businessHours(minutes: 150),
        .businessHours(minutes: 480), .businessHours(minutes: 1440), .businessHours(minutes: 2880),
        .businessDays(0), .businessDays(1), .businessDays(2), .businessDays(5),
        .sameBusinessDay(cutoff: WallTime(minutes: 540)!), .sameBusinessDay(cutoff: WallTime(minutes: 720)!),
        .sameBusinessDay(cutoff: WallTime(minutes: 840)!), .sameBusinessDay(cutoff: WallTime(minutes: 1020)!),
    ]

    static let nightTargets: [SLATarget] = [
        .calendarHours(minutes: 30), .calendarHours(minutes: 1440),
        .businessHours(minutes: 15), .businessHours(minutes: 30), .businessHours(minutes: 60),
        .businessHours(minutes: 180), .businessHours(minutes: 450), .businessHours(minutes: 1560),
        .businessDays(0), .businessDays(1), .businessDays(3),
        .sameBusinessDay(cutoff: WallTime(minutes: 0)!), .sameBusinessDay(cutoff: WallTime(minutes: 105)!),
        .sameBusinessDay(cutoff: WallTime(minutes: 150)!), .sameBusinessDay(cutoff: WallTime(minutes: 720)!),
        .sameBusinessDay(cutoff: WallTime(minutes: 1380)!),
    ]

    static let all: [OracleCase] = [
        OracleCase(spec: .pandorana, seed: 0x5EED_0001, uniformReceipts: 1_200, transitionReceipts: 400, targets: brandTargets),
        OracleCase(spec: .pandoranaRetail, seed: 0x5EED_0002, uniformReceipts: 500, transitionReceipts: 100, targets: brandTargets),
        OracleCase(spec: .mejurn, seed: 0x5EED_0003, uniformReceipts: 1_200, transitionReceipts: 400, targets: brandTargets),
        OracleCase(spec: .twentyFourSeven(zone: "Europe/London"), seed: 0x5EED_0004, uniformReceipts: 200, transitionReceipts: 500, targets: nightTargets),
        OracleCase(spec: .twentyFourSeven(zone: "America/New_York"), seed: 0x5EED_0005, uniformReceipts: 200, transitionReceipts: 500, targets: nightTargets),
        OracleCase(spec: .nightShift(zone: "America/New_York"), seed: 0x5EED_0006, uniformReceipts: 300, transitionReceipts: 700, targets: nightTargets),
        OracleCase(spec: .nightShift(zone: "Europe/London"), seed: 0x5EED_0007, uniformReceipts: 300, transitionReceipts: 700, targets: nightTargets),
        OracleCase(spec: .sundayHours(zone: "America/New_York"), seed: 0x5EED_0008, uniformReceipts: 300, transitionReceipts: 700, targets: nightTargets),
        OracleCase(spec: .sundayHours(zone: "Europe/London"), seed: 0x5EED_0009, uniformReceipts: 300, transitionReceipts: 700, targets: nightTargets),
        // Zones whose transitions fall at midnight (Beirut, Santiago) or shift by 30 minutes (Lord Howe).
        OracleCase(spec: .nightShift(zone: "Asia/Beirut"), seed: 0x5EED_000A, uniformReceipts: 100, transitionReceipts: 500, targets: nightTargets),
        OracleCase(spec: .nightShift(zone: "America/Santiago"), seed: 0x5EED_000B, uniformReceipts: 100, transitionReceipts: 500, targets: nightTargets),
        OracleCase(spec: .sundayHours(zone: "Australia/Lord_Howe"), seed: 0x5EED_000C, uniformReceipts: 100, transitionReceipts: 500, targets: nightTargets),
    ]
}
