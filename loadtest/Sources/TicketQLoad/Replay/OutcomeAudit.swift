import Foundation
import TicketQStore

/// Reads every outcome store after a run and checks the books: which tickets have an accepted
/// outcome (done or dead), which have one in more than one store, and how many deliveries went
/// beyond the first.
///
/// Rows are read as ``AuditedOutcome``s: an unsettled row makes a ticket completed but never a
/// duplicate. (A healthy worker confirms its rows a moment after each ack, so a run without faults may read
/// the last few unconfirmed; runs with faults wait until none is left before reading.)
public struct OutcomeAudit: Sendable {
    /// Tickets with at least one accepted outcome.
    public var completed = 0
    /// Tickets with a settled accepted outcome in more than one store.
    public var duplicates = 0
    /// Accepted rows whose worker has not confirmed their acknowledgement yet.
    public var unsettled = 0
    /// Handler runs beyond one per ticket, counted as deliveries beyond the first (each
    /// delivery may have run the handler before its worker died).
    public var duplicateExecutions = 0
    /// Tickets dead-lettered.
    public var dead = 0
    /// Rows superseded by a later delivery's outcome.
    public var superseded = 0
    /// Accepted tickets with no accepted outcome.
    public var lost = 0
    /// Up to ten lost ticket ids, for the report.
    public var lostExamples: [String] = []
    /// Up to 10,000 lost ticket ids, to look them up in Redis.
    public var lostIDs: [String] = []
    /// Up to ten duplicated ticket ids.
    public var duplicateExamples: [String] = []
    /// When each redelivered ticket (accepted outcome after more than one delivery) was claimed
    /// for the delivery that settled it, ms since the epoch on Redis's clock.
    public var redeliveredClaimMillis: [Int64] = []

    /// Audits the run's tickets (`ids`, with Redis's acceptance `flags`) against `storePaths`.
    /// - Throws: when a store cannot be read.
    public init(storePaths: [String], ids: [String], flags: AcceptanceFlags) throws {
        var index: [String: Int] = [:]
        index.reserveCapacity(ids.count)
        for (position, id) in ids.enumerated() { index[id] = position }
        var acceptedIn = [UInt8](repeating: 0, count: ids.count)
        var settledIn = [UInt8](repeating: 0, count: ids.count)
        var deliveries = [Int32](repeating: 0, count: ids.count)
        for path in storePaths where FileManager.default.fileExists(atPath: path) {
            try AuditedOutcome.forEach(inStore: path) { outcome in
                guard let position = index[outcome.ticketID] else { return }
                deliveries[position] = max(deliveries[position], Int32(clamping: outcome.attempts))
                guard !outcome.isSuperseded else {
                    superseded += 1
                    return
                }
                if outcome.status == OutcomeStatus.dead.rawValue { dead += 1 }
                acceptedIn[position] &+= 1
                if outcome.settled { settledIn[position] &+= 1 } else { unsettled += 1 }
                if outcome.attempts > 1 { redeliveredClaimMillis.append(outcome.startedAtMillis) }
            }
        }
        for position in ids.indices {
            if acceptedIn[position] > 0 {
                completed += 1
                duplicateExecutions += max(0, Int(deliveries[position]) - 1)
            } else if flags.isAccepted(position) {
                lost += 1
                if lostExamples.count < 10 { lostExamples.append(ids[position]) }
                if lostIDs.count < 10_000 { lostIDs.append(ids[position]) }
            }
            if settledIn[position] > 1 {
                duplicates += 1
                if duplicateExamples.count < 10 { duplicateExamples.append(ids[position]) }
            }
        }
    }
}
