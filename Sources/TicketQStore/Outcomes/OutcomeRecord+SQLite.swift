import TicketQCore

extension OutcomeRecord {
    /// Binds every stored column of the record to the parameter numbered like the column
    /// (`?1` … `?28`).
    func bind(to statement: SQLiteStatement) throws(SQLiteError) {
        for column in OutcomeColumn.stored {
            try statement.bind(value(of: column).sqliteValue, at: column.parameterNumber)
        }
    }

    /// Reads a record from a row that selected `OutcomeColumn.selectList`.
    init(row: SQLiteRow) throws(StoreError) {
        func index(_ column: OutcomeColumn) -> Int32 { column.resultIndex }
        let ticketID = row.string(at: index(.ticketID))
        let laneText = row.string(at: index(.lane))
        guard let lane = Lane(rawValue: laneText) else {
            throw StoreError.invalidStoredValue(column: OutcomeColumn.lane.rawValue, value: laneText, ticketID: ticketID)
        }
        let statusText = row.string(at: index(.status))
        guard let status = OutcomeStatus(rawValue: statusText) else {
            throw StoreError.invalidStoredValue(column: OutcomeColumn.status.rawValue, value: statusText, ticketID: ticketID)
        }
        self.init(
            ticketID: ticketID,
            brand: row.string(at: index(.brand)),
            category: row.string(at: index(.category)),
            urgent: row.bool(at: index(.urgent)),
            lane: lane,
            promoted: row.bool(at: index(.promoted)),
            receivedAt: row.int64(at: index(.receivedAt)),
            effectiveReceiptAt: row.int64(at: index(.effectiveReceiptAt)),
            dueAt: row.int64(at: index(.dueAt)),
            resolutionDueAt: row.optionalInt64(at: index(.resolutionDueAt)),
            enqueuedAt: row.int64(at: index(.enqueuedAt)),
            startedAt: row.int64(at: index(.startedAt)),
            completedAt: row.int64(at: index(.completedAt)),
            attempts: Int(row.int64(at: index(.attempts))),
            worker: row.string(at: index(.worker)),
            status: status,
            slaMet: row.optionalBool(at: index(.slaMet)),
            action: row.string(at: index(.action)),
            reply: row.optionalString(at: index(.reply)),
            fence: row.int64(at: index(.fence)),
            deadReason: row.optionalString(at: index(.deadReason)),
            lastError: row.optionalString(at: index(.lastError)),
            policyVersion: row.string(at: index(.policyVersion)),
            calendarVersion: row.string(at: index(.calendarVersion)),
            triageModelVersion: row.optionalString(at: index(.triageModelVersion)),
            needsReview: row.bool(at: index(.needsReview)),
            mimeDefects: row.optionalString(at: index(.mimeDefects)).map { $0.split(separator: ",").map(String.init) } ?? [],
            truncated: row.bool(at: index(.truncated)),
            ackConfirmed: row.bool(at: index(.ackConfirmed))
        )
    }
}

extension OutcomeFieldValue {
    /// The value as stored: booleans as 0 or 1, timestamps as epoch milliseconds.
    var sqliteValue: SQLiteValue {
        switch self {
        case .text(let text): .text(text)
        case .integer(let integer): .integer(integer)
        case .bool(let bool): .bool(bool)
        case .timestamp(let milliseconds): .integer(milliseconds)
        case .null: .null
        }
    }
}
