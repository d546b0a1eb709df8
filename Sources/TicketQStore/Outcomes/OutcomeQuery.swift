import TicketQCore

/// Which outcomes a listing returns. All filters combine with AND; the default is every
/// `done` and `dead` outcome.
///
/// Rows come in store order: the order in which tickets first got a row, which is commit order
/// and close to completion order. (No index on `completed_at` is kept: it would cost every
/// insert about a fifth more, for a listing that is fine with a scan.)
public struct OutcomeQuery: Sendable, Hashable {
    /// Only this brand.
    public var brand: String?
    /// Only this intake lane.
    public var lane: Lane?
    /// Only outcomes completed at or after this instant (epoch milliseconds, inclusive).
    public var since: Int64?
    /// Only outcomes completed before this instant (epoch milliseconds, exclusive).
    public var until: Int64?
    /// Only outcomes that missed their response due time (`sla_met = 0`).
    public var breachedOnly: Bool
    /// Also list `superseded` rows (hidden by default).
    public var includeSuperseded: Bool
    /// At most this many rows.
    public var limit: Int?

    /// Creates a query; with no arguments it matches every accepted outcome.
    public init(
        brand: String? = nil,
        lane: Lane? = nil,
        since: Int64? = nil,
        until: Int64? = nil,
        breachedOnly: Bool = false,
        includeSuperseded: Bool = false,
        limit: Int? = nil
    ) {
        self.brand = brand
        self.lane = lane
        self.since = since
        self.until = until
        self.breachedOnly = breachedOnly
        self.includeSuperseded = includeSuperseded
        self.limit = limit
    }

    /// The `SELECT` for this query, in store order, and its parameter values.
    var sql: (text: String, bindings: [SQLiteValue]) {
        var conditions: [String] = []
        var bindings: [SQLiteValue] = []
        if let brand {
            conditions.append("brand = ?")
            bindings.append(.text(brand))
        }
        if let lane {
            conditions.append("lane = ?")
            bindings.append(.text(lane.rawValue))
        }
        if let since {
            conditions.append("completed_at >= ?")
            bindings.append(.integer(since))
        }
        if let until {
            conditions.append("completed_at < ?")
            bindings.append(.integer(until))
        }
        if breachedOnly {
            conditions.append("sla_met = 0")
        }
        if !includeSuperseded {
            conditions.append("status <> 'superseded'")
        }
        var text = "SELECT \(OutcomeColumn.selectList) FROM outcome"
        if !conditions.isEmpty {
            text += " WHERE " + conditions.joined(separator: " AND ")
        }
        text += " ORDER BY rowid"
        if let limit {
            text += " LIMIT ?"
            bindings.append(.integer(Int64(max(limit, 0))))
        }
        return (text, bindings)
    }
}
