import Testing
@testable import TicketQCore

/// The engine against the naive oracle for thousands of seeded random receipts per calendar,
/// for all four units: same effective receipt, same due, and the same coverage failures.
struct EngineOracleComparisonTests {
    /// One side's answer: (E, due) in UTC seconds, or nil for `calendarCoverageExceeded`.
    typealias Answer = (effective: Int64, due: Int64)?

    @Test("engine and naive oracle agree", arguments: OracleCase.all)
    func engineMatchesOracle(_ oracleCase: OracleCase) throws {
        let calendar = try oracleCase.spec.build()
        let oracle = try NaiveSLAOracle(oracleCase.spec)
        var mismatches: [String] = []
        var computed = 0
        for receipt in oracleCase.receipts() {
            let instant = Instant(secondsSinceEpoch: receipt)
            for target in oracleCase.targets {
                let engine: Answer = (try? calendar.due(for: target, receivedAt: instant))
                    .map { ($0.effectiveReceipt.secondsSinceEpoch, $0.due.secondsSinceEpoch) }
                let naive: Answer = try? oracle.due(for: target, receivedAt: receipt)
                if engine?.effective == naive?.effective, engine?.due == naive?.due {
                    if engine != nil { computed += 1 }
                } else if mismatches.count < 10 {
                    mismatches.append("\(target) from \(instant) (\(calendar.formatLocal(instant))): engine \(Self.describe(engine)), oracle \(Self.describe(naive))")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.joined(separator: "\n"))")
        // Nearly all receipts are far enough from the coverage end to be computed at all.
        #expect(computed >= (oracleCase.uniformReceipts + oracleCase.transitionReceipts) * oracleCase.targets.count * 9 / 10)
    }

    static func describe(_ answer: Answer) -> String {
        guard let answer else { return "calendarCoverageExceeded" }
        return "E=\(Instant(secondsSinceEpoch: answer.effective)) due=\(Instant(secondsSinceEpoch: answer.due))"
    }

    @Test("the oracle itself reproduces §3.2 on a DST interval and worked example #1")
    func oracleSelfCheck() throws {
        let spec = CalendarSpec(
            id: "self-check", zone: "America/New_York",
            hours: CalendarSpec.weekdays([("09:00", "17:00")], sun: [("01:30", "03:00")]),
            holidays: [], coverageFrom: "2024-01-01", coverageThrough: "2024-12-31"
        )
        let oracle = try NaiveSLAOracle(spec)
        // Fall back: 01:30–03:00 on 2024-11-03 opens at the first 01:30 (05:30Z) and closes at 08:00Z.
        let fall = try oracle.due(for: .businessDays(0), receivedAt: TestTime.instant("2024-11-02T12:00:00Z").secondsSinceEpoch)
        #expect(fall.effective == (try TestTime.instant("2024-11-03T05:30:00Z")).secondsSinceEpoch)
        #expect(fall.due == (try TestTime.instant("2024-11-03T08:00:00Z")).secondsSinceEpoch)
        // Spring forward: 01:30–03:00 on 2024-03-10 is 06:30Z–07:00Z.
        let spring = try oracle.due(for: .businessDays(0), receivedAt: TestTime.instant("2024-03-09T12:00:00Z").secondsSinceEpoch)
        #expect(spring.effective == (try TestTime.instant("2024-03-10T06:30:00Z")).secondsSinceEpoch)
        #expect(spring.due == (try TestTime.instant("2024-03-10T07:00:00Z")).secondsSinceEpoch)
        let brandOracle = try NaiveSLAOracle(.pandorana)
        let example1 = try brandOracle.due(for: .businessHours(minutes: 1440), receivedAt: TestTime.instant("2024-03-08T20:00:00Z").secondsSinceEpoch)
        #expect(example1.due == (try TestTime.instant("2024-03-13T19:00:00Z")).secondsSinceEpoch)
    }
}
