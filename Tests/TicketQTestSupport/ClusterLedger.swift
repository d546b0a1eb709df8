/// The outcome rows of several stores (one per worker host), as `ticketq outcomes --all` prints
/// them, with the checks of the delivery guarantee: every ticket has exactly one accepted outcome.
public struct ClusterLedger: Sendable {
    /// One outcome row and the store it came from.
    public struct Row: Sendable {
        public let store: String
        public let ticketID: String
        public let status: String
        public let fence: Int
        public let attempts: Int
        public let ackConfirmed: Bool
        public let deadReason: String?
        public let worker: String

        /// Reads a row from its JSON object.
        public init(store: String, object: [String: Any]) {
            self.store = store
            ticketID = object["ticket_id"] as? String ?? ""
            status = object["status"] as? String ?? ""
            fence = object["fence"] as? Int ?? -1
            attempts = object["attempts"] as? Int ?? -1
            ackConfirmed = object["ack_confirmed"] as? Bool ?? false
            deadReason = object["dead_reason"] as? String
            worker = object["worker"] as? String ?? ""
        }

        /// Not superseded and its ack confirmed by Redis: the outcome that counts.
        public var isAccepted: Bool { status != "superseded" && ackConfirmed }
    }

    /// Every row.
    public let rows: [Row]

    /// Collects rows.
    public init(rows: [Row]) {
        self.rows = rows
    }

    /// Rows by ticket id.
    public var byTicket: [String: [Row]] { Dictionary(grouping: rows, by: \.ticketID) }

    /// Rows that are neither superseded nor confirmed: a worker committed them and never learnt
    /// whether Redis accepted the ack.
    public var unconfirmed: [Row] { rows.filter { $0.status != "superseded" && !$0.ackConfirmed } }

    /// Tickets with a row that is not superseded (done or dead, confirmed or not) in more than one
    /// store, sorted.
    public var liveInSeveralStores: [String] {
        byTicket.filter { Set($0.value.filter { $0.status != "superseded" }.map(\.store)).count > 1 }.keys.sorted()
    }

    /// What violates "each of `ids` has exactly one accepted outcome, with `status`", one line per
    /// problem (at most `limit` lines); empty when the guarantee holds. Outcomes of tickets that were
    /// never submitted are reported too.
    public func violations(expecting ids: [String], status: String = "done", limit: Int = 20) -> [String] {
        var problems: [String] = []
        let grouped = byTicket
        for id in ids {
            let accepted = (grouped[id] ?? []).filter(\.isAccepted)
            if accepted.count != 1 {
                let all = (grouped[id] ?? []).map { "\($0.store):\($0.status)/fence \($0.fence)/confirmed \($0.ackConfirmed)" }
                problems.append("\(id): \(accepted.count) accepted outcomes (rows: \(all.joined(separator: ", ")))")
            } else if accepted[0].status != status {
                problems.append("\(id): accepted outcome is \(accepted[0].status), expected \(status)")
            }
        }
        let expected = Set(ids)
        for id in grouped.keys where !expected.contains(id) {
            problems.append("\(id): an outcome for a ticket that was never submitted")
        }
        if problems.count > limit { return Array(problems.prefix(limit)) + ["… \(problems.count - limit) more"] }
        return problems
    }
}
