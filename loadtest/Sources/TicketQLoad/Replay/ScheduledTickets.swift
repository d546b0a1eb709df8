import TicketQConfig
import TicketQCore
import TicketQIntake
import TicketQTriage

/// Tickets decoded and triaged ahead of a run, with their arrival offsets; right before the run
/// they are planned for their real arrival times and encoded as lane entries.
public struct ScheduledTickets: Sendable {
    /// Ticket ids, in arrival order.
    public private(set) var ids: [String] = []
    /// Arrival offsets from the run's start, in nanoseconds (ascending).
    public private(set) var offsets: [Int64] = []
    fileprivate var tickets: [Ticket] = []
    fileprivate var decisions: [TriageDecision?] = []
    /// Lines that could not become tickets: trace line (or sequence) number and reason.
    public private(set) var rejected: [(line: Int, reason: String)] = []

    /// Creates an empty schedule.
    public init() {}

    /// The number of tickets.
    public var count: Int { ids.count }

    /// Decodes, validates and triages `events`, scaling their offsets by `1 / speed`.
    ///
    /// - Parameters:
    ///   - rate: when set, the trace's timing is replaced by evenly spaced arrivals at this rate
    ///     (its ticket mix is kept).
    ///   - limit: when set, arrivals later than this many seconds (after scaling) are left out.
    public mutating func add(
        _ events: [TraceEvent], speed: Double = 1, rate: Double? = nil, limit: Double? = nil,
        catalog: PolicyCatalog, builder: inout LaneEntryBuilder, firstLine: Int = 1
    ) {
        let decoder = TicketDecoder(catalog: catalog)
        ids.reserveCapacity(ids.count + events.count)
        for (position, event) in events.enumerated() {
            let seconds = rate.map { Double(position) / $0 } ?? event.atMillis / 1000 / speed
            if let limit, seconds > limit { break }
            do {
                let ticket = try decoder.decode(Self.withReceivedAt(event.ticketJSON), lineNumber: firstLine + position)
                decisions.append(builder.triage(ticket))
                tickets.append(ticket)
                ids.append(ticket.id)
                offsets.append(Int64((seconds * 1e9).rounded()))
            } catch {
                rejected.append((firstLine + position, error.description))
            }
        }
    }

    /// The ticket's arrival is its intended time in the run, set when it is planned; until then
    /// a ticket without `received_at` gets a stand-in so that it decodes.
    static func withReceivedAt(_ json: [UInt8]) -> [UInt8] {
        guard json.first == 0x7B, !ByteSearch.contains(json, receivedAtKey) else { return json }
        let isEmpty = json.dropFirst().allSatisfy { $0 == 0x20 || $0 == 0x7D }
        return [0x7B] + Array("\"received_at\":\"1970-01-01T00:00:00Z\"".utf8) + (isEmpty ? [] : [0x2C]) + json.dropFirst()
    }

    private static let receivedAtKey = Array("\"received_at\"".utf8)

    /// The ticket as received at `micros` (µs since the epoch).
    private static func arrived(_ original: Ticket, at micros: Int64) throws -> Ticket {
        try Ticket(
            id: original.id, brand: original.brand, receivedAt: Instant(secondsSinceEpoch: micros / 1_000_000),
            subject: original.subject, body: original.body, from: original.from, messageID: original.messageID,
            orderID: original.orderID, category: original.category, urgent: original.urgent, complex: original.complex,
            truncated: original.truncated, textLimit: nil
        )
    }

    /// Keeps only the tickets intake would put into `lane` if they arrived at `now`, at most
    /// `limit` of them (e.g. a backlog that must be all standard tickets).
    public mutating func retain(lane: Lane, limit: Int, now: Instant, builder: LaneEntryBuilder) {
        var kept = ScheduledTickets()
        for index in tickets.indices where kept.count < limit {
            guard let ticket = try? Self.arrived(tickets[index], at: now.secondsSinceEpoch * 1_000_000),
                  let built = try? builder.build(ticket, decision: decisions[index], now: now, enqueuedMillis: now.secondsSinceEpoch * 1000),
                  built.plan.lane == lane else { continue }
            kept.ids.append(ids[index])
            kept.offsets.append(offsets[index])
            kept.tickets.append(tickets[index])
            kept.decisions.append(decisions[index])
        }
        kept.rejected = rejected
        self = kept
    }

    /// Keeps only the first `count` tickets.
    public mutating func keepFirst(_ count: Int) {
        guard count < ids.count else { return }
        ids.removeLast(ids.count - count)
        offsets.removeLast(offsets.count - count)
        tickets.removeLast(tickets.count - count)
        decisions.removeLast(decisions.count - count)
    }

    /// Plans every ticket as arriving at `startMicros` plus its offset (wall clock) and encodes
    /// its lane entry. A ticket intake cannot plan is reported and left out (its id is kept in
    /// ``ids`` with a nil entry).
    public func entries(startMicros: Int64, builder: LaneEntryBuilder) -> (entries: [PlannedEntry?], rejected: [(line: Int, reason: String)]) {
        var result: [PlannedEntry?] = []
        result.reserveCapacity(tickets.count)
        var problems: [(line: Int, reason: String)] = []
        for index in tickets.indices {
            let arrivalMicros = startMicros + offsets[index] / 1000
            do {
                let ticket = try Self.arrived(tickets[index], at: arrivalMicros)
                let built = try builder.build(ticket, decision: decisions[index], now: ticket.receivedAt, enqueuedMillis: arrivalMicros / 1000)
                result.append(PlannedEntry(entry: built.entry, lane: built.plan.lane))
            } catch {
                result.append(nil)
                problems.append((index + 1, "\(error)"))
            }
        }
        return (result, problems)
    }
}
