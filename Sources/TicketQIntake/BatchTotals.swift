import TicketQLanes

/// What Redis made of the batches of one submission.
struct BatchTotals: Sendable {
    var accepted = 0
    var duplicates = 0
    /// Tickets refused because their id holds other content, by input line.
    var conflicts: [TicketRejection] = []
    var notAccepted = 0
    var refusal: String?

    /// Counts Redis's verdicts on `batch`, whose tickets came from input `lines`.
    mutating func count(_ verdicts: [SubmitVerdict], of batch: [LaneEntry], lines: [Int?]) {
        for (index, verdict) in verdicts.enumerated() {
            switch verdict {
            case .accepted: accepted += 1
            case .duplicate: duplicates += 1
            case .conflict: conflicts.append(.conflict(id: batch[index].id, line: lines[index]))
            }
        }
    }

    /// Counts a batch Redis did not take.
    mutating func refuse(_ batch: [LaneEntry], because error: any Error) {
        notAccepted += batch.count
        if refusal == nil { refusal = String(describing: error) }
    }

    /// Copies the totals into `report`; conflicts join its rejected lines.
    func fill(_ report: inout SubmitReport) {
        report.accepted = accepted
        report.duplicates = duplicates
        report.conflicts = conflicts.count
        report.rejected += conflicts
        report.notAccepted = notAccepted
        report.refusal = refusal
    }
}
