/// A response or resolution target: how a receipt time maps to a due instant (spec §5).
public enum SLATarget: Sendable, Hashable, CustomStringConvertible {
    /// Elapsed time, ignoring the schedule (§5.1). Stored in whole minutes (value × 60).
    case calendarHours(minutes: Int64)
    /// Time inside business hours only, Zendesk semantics (§5.2). Stored in whole minutes.
    case businessHours(minutes: Int64)
    /// Close of business of the N-th business day after the effective receipt's day (§5.3).
    case businessDays(Int)
    /// Close of the receipt's business day if before the cutoff, else of the next one (§5.4).
    case sameBusinessDay(cutoff: WallTime)

    /// The unit's name as written in policies and records.
    public var unit: String {
        switch self {
        case .calendarHours: return "calendar_hours"
        case .businessHours: return "business_hours"
        case .businessDays: return "business_days"
        case .sameBusinessDay: return "same_business_day"
        }
    }

    /// The target's value in hours or days (nil for `same_business_day`).
    public var value: Double? {
        switch self {
        case let .calendarHours(minutes), let .businessHours(minutes): return Double(minutes) / 60
        case let .businessDays(days): return Double(days)
        case .sameBusinessDay: return nil
        }
    }

    /// A short human form, e.g. `24 business_hours` or `same_business_day before 14:00`.
    public var description: String {
        switch self {
        case let .sameBusinessDay(cutoff): return "same_business_day before \(cutoff)"
        default: return "\(SLATarget.formatValue(value ?? 0)) \(unit)"
        }
    }

    /// The value as a JSON number: an integer when whole, else the shortest decimal.
    public static func formatValue(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }

    /// Why a target value is invalid.
    public enum ValueError: Error, Sendable, Equatable, CustomStringConvertible {
        case notPositive(unit: String)
        case notWholeMinutes(unit: String)
        case notWholeDays
        case tooLarge(unit: String)

        public var description: String {
            switch self {
            case let .notPositive(unit): return "\(unit) value must be greater than 0"
            case let .notWholeMinutes(unit): return "\(unit) value must be a multiple of 1/60 (whole minutes)"
            case .notWholeDays: return "business_days value must be a whole number ≥ 0"
            case let .tooLarge(unit): return "\(unit) value is unreasonably large"
            }
        }
    }

    /// Validates an hours value (> 0, a multiple of 1/60) and returns it in minutes.
    public static func minutes(fromHours hours: Double, unit: String) throws(ValueError) -> Int64 {
        guard hours.isFinite, hours > 0 else { throw .notPositive(unit: unit) }
        guard hours <= 1_000_000 else { throw .tooLarge(unit: unit) }
        let minutes = (hours * 60).rounded()
        guard abs(hours * 60 - minutes) < 1e-6 else { throw .notWholeMinutes(unit: unit) }
        return Int64(minutes)
    }

    /// Validates a business-days value (a whole number ≥ 0).
    public static func days(from value: Double) throws(ValueError) -> Int {
        guard value.isFinite, value >= 0, value == value.rounded() else { throw .notWholeDays }
        guard value <= 100_000 else { throw .tooLarge(unit: "business_days") }
        return Int(value)
    }
}
