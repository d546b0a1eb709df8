import TicketQLanes

extension SubmitReport {
    /// Counts Redis's verdict on one ticket, which came from input `line`; a conflict joins the
    /// rejected lines.
    mutating func count(_ verdict: SubmitVerdict, id: String, line: Int?) {
        switch verdict {
        case .accepted: accepted += 1
        case .duplicate: duplicates += 1
        case .conflict:
            conflicts += 1
            rejected.append(.conflict(id: id, line: line))
        }
    }

    /// Counts Redis's verdicts on `batch`, whose tickets came from input `lines`.
    mutating func count(_ verdicts: [SubmitVerdict], of batch: [LaneEntry], lines: [Int?]) {
        for (index, verdict) in verdicts.enumerated() { count(verdict, id: batch[index].id, line: lines[index]) }
    }

    /// Counts `tickets` Redis did not take, and the first reason it gave.
    mutating func refuse(_ tickets: Int, because error: any Error) {
        notAccepted += tickets
        if refusal == nil { refusal = String(describing: error) }
    }
}
