import Testing
@testable import TicketQCore

/// The properties of spec §9 over thousands of seeded random receipts per calendar (both brand
/// calendars, 24×7, night shift and Sunday hours in both zones, half of the receipts within four
/// days of a DST transition, half of those within twelve hours).
struct SLAPropertyTests {
    /// The property cases: the oracle's calendars and targets with other seeds and more receipts.
    static let cases: [OracleCase] = OracleCase.all.map { oracleCase in
        OracleCase(
            spec: oracleCase.spec, seed: oracleCase.seed ^ 0xA5A5_0000,
            uniformReceipts: 1_500, transitionReceipts: 1_500, targets: oracleCase.targets
        )
    }

    @Test("R ≤ E ≤ due for the business units, E in business time; calendar_hours due = R + value", arguments: cases)
    func receiptEffectiveDueOrder(_ propertyCase: OracleCase) throws {
        let sample = try PropertySample.of(propertyCase)
        let calendar = try propertyCase.spec.build()
        #expect(sample.receipts.count > 2_500)
        var violations: [String] = []
        for (targetIndex, target) in sample.targets.enumerated() {
            for (receiptIndex, receipt) in sample.receipts.enumerated() {
                let due = sample.dues[targetIndex][receiptIndex]
                var holds = receipt <= due.effectiveReceipt && calendar.isBusinessTime(due.effectiveReceipt)
                if case let .calendarHours(minutes) = target {
                    holds = holds && due.due == receipt.adding(seconds: minutes * 60)
                } else {
                    holds = holds && due.effectiveReceipt <= due.due
                }
                if !holds, violations.count < 10 { violations.append("\(target) from \(receipt): E \(due.effectiveReceipt), due \(due.due)") }
            }
        }
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
    }

    @Test("due is monotone in R for every unit", arguments: cases)
    func monotoneInReceipt(_ propertyCase: OracleCase) throws {
        let sample = try PropertySample.of(propertyCase)
        var violations: [String] = []
        for (targetIndex, target) in sample.targets.enumerated() {
            let dues = sample.dues[targetIndex]
            for index in dues.indices.dropFirst() where dues[index].due < dues[index - 1].due && violations.count < 10 {
                violations.append("\(target): \(sample.receipts[index - 1]) → \(dues[index - 1].due) but \(sample.receipts[index]) → \(dues[index].due)")
            }
        }
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
    }

    @Test("a business_hours due is inside business time or the end of an interval", arguments: cases)
    func businessHoursDueIsBusinessTimeOrIntervalEnd(_ propertyCase: OracleCase) throws {
        let sample = try PropertySample.of(propertyCase)
        let calendar = try propertyCase.spec.build()
        var violations: [String] = []
        for (targetIndex, target) in sample.targets.enumerated() {
            guard case .businessHours = target else { continue }
            for (receiptIndex, receipt) in sample.receipts.enumerated() {
                let due = sample.dues[targetIndex][receiptIndex].due
                // The last second counted is business time, so due is either in B or ends that interval.
                if !calendar.isBusinessTime(due.adding(seconds: -1)), violations.count < 10 {
                    violations.append("\(target) from \(receipt): due \(due)")
                }
            }
        }
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
    }

    @Test("business_days(0) ≤ same_business_day ≤ business_days(1) for every cutoff", arguments: cases)
    func sameBusinessDayBetweenDayZeroAndOne(_ propertyCase: OracleCase) throws {
        let sample = try PropertySample.of(propertyCase)
        let dayZero = sample.dues[sample.businessDaysIndex(0)]
        let dayOne = sample.dues[sample.businessDaysIndex(1)]
        var violations: [String] = []
        for (targetIndex, target) in sample.targets.enumerated() {
            guard case .sameBusinessDay = target else { continue }
            for (receiptIndex, receipt) in sample.receipts.enumerated() {
                let due = sample.dues[targetIndex][receiptIndex].due
                if !(dayZero[receiptIndex].due <= due && due <= dayOne[receiptIndex].due), violations.count < 10 {
                    violations.append("\(target) from \(receipt): \(due) not in \(dayZero[receiptIndex].due)…\(dayOne[receiptIndex].due)")
                }
            }
        }
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
    }

    @Test("a business_days(N) due is always close(d) of a business day, and N+1 is later than N", arguments: cases)
    func businessDaysDueIsAClose(_ propertyCase: OracleCase) throws {
        let sample = try PropertySample.of(propertyCase)
        let oracle = try NaiveSLAOracle(propertyCase.spec)
        var violations: [String] = []
        for receiptIndex in stride(from: 0, to: sample.receipts.count, by: 3) {
            var previous: Instant?
            for count in 0...4 {
                let due = sample.dues[sample.businessDaysIndex(count)][receiptIndex].due
                let close = try oracle.closeOfLocalDate(containing: due.secondsSinceEpoch - 1)
                if close != due.secondsSinceEpoch, violations.count < 10 {
                    violations.append("business_days \(count) from \(sample.receipts[receiptIndex]): \(due) is not a close (close of that date: \(String(describing: close)))")
                }
                if let previous, previous >= due, violations.count < 10 {
                    violations.append("business_days \(count) from \(sample.receipts[receiptIndex]): \(due) not after \(previous)")
                }
                previous = due
            }
        }
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
    }

    @Test("engine and oracle agree on business-time membership", arguments: cases)
    func membershipMatchesOracle(_ propertyCase: OracleCase) throws {
        let sample = try PropertySample.of(propertyCase)
        let calendar = try propertyCase.spec.build()
        let oracle = try NaiveSLAOracle(propertyCase.spec)
        var violations: [String] = []
        for receipt in sample.receipts {
            let engine = calendar.isBusinessTime(receipt)
            let naive = try oracle.isBusinessTime(receipt.secondsSinceEpoch)
            if engine != naive, violations.count < 10 { violations.append("\(receipt): engine \(engine), oracle \(naive)") }
        }
        #expect(violations.isEmpty, "\(violations.joined(separator: "\n"))")
    }
}
