import Foundation
import TicketQLanes
import TicketQStore

/// The books of a deployment after an incident: every ticket it accepted (the ids in Redis's
/// dedupe window) must have exactly one accepted outcome across the workers' stores, or still
/// be queued, in flight, retrying or dead-lettered. `ticketq-load audit` prints it.
public struct DeploymentAudit: Codable, Sendable {
    /// The schema's version; bumped when a field changes meaning or goes away.
    public var schema = 1
    /// Ids in the dedupe window: every ticket accepted within it.
    public var accepted: Int
    /// Accepted tickets with exactly one accepted outcome (done or dead).
    public var settled: Int
    /// Accepted tickets with no outcome yet, by where they stand in Redis.
    public var queued: Int
    public var in_flight: Int
    public var retrying: Int
    public var dead_lettered: Int
    /// Tickets whose only outcome rows are still unconfirmed by their worker (it settles them
    /// when it next runs; not an exception by itself).
    public var unconfirmed: Int
    /// Accepted tickets with no outcome and nothing left in Redis.
    public var lost: [String]
    /// Tickets with a confirmed accepted outcome in more than one store, with the stores.
    public var duplicates: [Duplicate]
    /// The stores read.
    public var stores: [String]

    /// A ticket with outcomes in several stores.
    public struct Duplicate: Codable, Sendable, Hashable {
        public var ticket_id: String
        public var stores: [String]
    }

    /// Whether the books hold: nothing lost, nothing duplicated.
    public var passed: Bool { lost.isEmpty && duplicates.isEmpty }

    /// Reads Redis through `lanes` and every store.
    /// - Throws: ``LoadError`` naming the store or the Redis step that failed.
    public init(lanes: LaneStore, storePaths: [String]) throws(LoadError) {
        stores = storePaths
        var confirmedIn: [String: [Int]] = [:]
        var unconfirmedIDs = Set<String>()
        for (number, path) in storePaths.enumerated() {
            guard FileManager.default.fileExists(atPath: path) else { throw LoadError("--store \(path): no such file") }
            do {
                try AuditedOutcome.forEach(inStore: path) { outcome in
                    guard !outcome.isSuperseded else { return }
                    if outcome.settled {
                        confirmedIn[outcome.ticketID, default: []].append(number)
                    } else {
                        unconfirmedIDs.insert(outcome.ticketID)
                    }
                }
            } catch {
                throw LoadError("--store \(path): cannot read the outcome store: \(error)")
            }
        }
        let ids: [String]
        do { ids = try lanes.acceptedTicketIDs() } catch { throw LoadError("cannot read the accepted tickets from Redis: \(error)") }
        accepted = ids.count
        let open = ids.filter { confirmedIn[$0] == nil }
        let states: [TicketState]
        do { states = try lanes.states(of: open) } catch { throw LoadError("cannot read the tickets' state from Redis: \(error)") }
        var counts: [TicketState: Int] = [:]
        var lost: [String] = []
        var unconfirmed = 0
        for (id, state) in zip(open, states) {
            if state == .gone {
                if unconfirmedIDs.contains(id) { unconfirmed += 1 } else { lost.append(id) }
            } else {
                counts[state, default: 0] += 1
            }
        }
        settled = ids.count - open.count
        queued = counts[.queued] ?? 0
        in_flight = counts[.inFlight] ?? 0
        retrying = counts[.retrying] ?? 0
        dead_lettered = counts[.deadLettered] ?? 0
        self.unconfirmed = unconfirmed
        self.lost = lost
        duplicates = confirmedIn.filter { $0.value.count > 1 }.map { id, numbers in
            Duplicate(ticket_id: id, stores: numbers.map { storePaths[$0] })
        }.sorted { $0.ticket_id < $1.ticket_id }
    }

    /// The audit as text: the counts, then every exception.
    public var text: String {
        var lines = [
            "\(passed ? "OK" : "EXCEPTIONS"): \(accepted) tickets accepted within the dedupe window, across \(stores.count) stores",
            "  settled (one accepted outcome): \(settled)",
            "  queued \(queued), in flight \(in_flight), retrying \(retrying), dead-lettered \(dead_lettered)",
            "  unconfirmed by their worker (settled at its next run): \(unconfirmed)",
            "  lost (no outcome, nothing in Redis): \(lost.count)",
            "  duplicated (an accepted outcome in several stores): \(duplicates.count)",
        ]
        for id in lost { lines.append("lost \(id)") }
        for duplicate in duplicates { lines.append("duplicate \(duplicate.ticket_id) in \(duplicate.stores.joined(separator: ", "))") }
        return lines.joined(separator: "\n")
    }
}
