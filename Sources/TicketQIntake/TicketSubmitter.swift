import Foundation
import TicketQConfig
import TicketQCore
import TicketQLanes
import TicketQTriage

/// Validates JSONL tickets, plans their SLA and enqueues them in batches.
///
/// A bad line is reported with its line number and reason and never stops the others; a batch
/// Redis refuses (OOM, READONLY) is counted as not accepted. Batches go to Redis from a thread of
/// their own while the next batch is decoded.
public final class TicketSubmitter {
    private let decoder: TicketDecoder
    private var builder: LaneEntryBuilder
    private let sender: any BatchSending
    private let batchSize: Int
    private var pending: [LaneEntry] = []
    private var pendingLines: [Int?] = []
    private var finished = false
    /// The report; complete after ``finish()``.
    public private(set) var report = SubmitReport()

    /// Creates a submitter.
    ///
    /// - Parameters:
    ///   - catalog: the brand policies.
    ///   - highVolume: the brands' high-volume switch history.
    ///   - makeLanes: opens the lanes on the sending thread (each submitter has its own connection).
    ///   - batchSize: tickets per Redis round trip.
    ///   - triager: decides category, urgency and complexity of tickets that carry no category
    ///     (without one they take the brand's default category).
    public init(
        catalog: PolicyCatalog, highVolume: HighVolumeSchedule, textLimit: TicketTextLimit = .default, batchSize: Int = 1000,
        triager: TicketTriager? = nil, makeLanes: @escaping @Sendable () throws -> LaneStore
    ) {
        decoder = TicketDecoder(catalog: catalog, textLimit: textLimit)
        builder = LaneEntryBuilder(catalog: catalog, highVolume: highVolume, triager: triager)
        sender = BatchSender(makeLanes: makeLanes)
        self.batchSize = max(1, batchSize)
        pending.reserveCapacity(self.batchSize)
    }

    /// Creates a submitter that sends each batch on the calling thread over `lanes` (a connection
    /// the caller holds, e.g. a pooled one): no sending thread and no connection of its own.
    /// The other parameters are as for ``init(catalog:highVolume:textLimit:batchSize:triager:makeLanes:)``.
    public init(
        catalog: PolicyCatalog, highVolume: HighVolumeSchedule, textLimit: TicketTextLimit = .default, batchSize: Int = 1000,
        triager: TicketTriager? = nil, lanes: LaneStore
    ) {
        decoder = TicketDecoder(catalog: catalog, textLimit: textLimit)
        builder = LaneEntryBuilder(catalog: catalog, highVolume: highVolume, triager: triager)
        sender = InlineBatchSender(lanes: lanes)
        self.batchSize = max(1, batchSize)
        pending.reserveCapacity(self.batchSize)
    }

    /// Reads the high-volume switch history from Redis into a schedule. A brand whose history
    /// cannot be read is marked so: its tickets are refused, the other brands' planned.
    public static func highVolumeSchedule(from lanes: LaneStore) throws(LanesError) -> HighVolumeSchedule {
        var changes: [String: [HighVolumeChange]] = [:]
        var unreadable: [String: String] = [:]
        for (brand, history) in try lanes.highVolumeHistories() {
            switch history {
            case let .success(history):
                changes[brand] = history.changes.map { HighVolumeChange(instant: Instant(secondsSinceEpoch: $0.atMillis / 1000), isOn: $0.on) }
            case let .failure(error):
                unreadable[brand] = error.description
            }
        }
        return HighVolumeSchedule(changes: changes, unreadable: unreadable)
    }

    /// Adds one input line (blank lines are skipped).
    public func add<Bytes: Collection<UInt8>>(line: Bytes, number: Int, now: Instant) {
        guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { return }
        do {
            let ticket = try decoder.decode(line, lineNumber: number)
            try enqueue(ticket, number: number, now: now)
        } catch {
            report.rejected.append(error.at(line: number))
        }
        if pending.count >= batchSize { flush() }
    }

    /// Adds one decoded ticket (e.g. from an email, with what its parser recovered from); a
    /// ticket intake cannot plan is reported under `number`.
    public func add(_ ticket: Ticket, number: Int, now: Instant, mimeDefects: [String] = []) {
        do {
            try enqueue(ticket, number: number, now: now, mimeDefects: mimeDefects)
        } catch {
            report.rejected.append(error.at(line: number))
        }
        if pending.count >= batchSize { flush() }
    }

    private func enqueue(_ ticket: Ticket, number: Int, now: Instant, mimeDefects: [String] = []) throws(TicketRejection) {
        let decision = builder.triage(ticket)
        let enqueued = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
        let built = try builder.build(ticket, decision: decision, now: now, enqueuedMillis: enqueued, mimeDefects: mimeDefects)
        if built.needsReview { report.needsReview += 1 }
        if built.plan.receivedInFuture { report.receivedInFuture += 1 }
        pending.append(built.entry)
        pendingLines.append(number)
    }

    /// Sends what is buffered, waits for every batch and completes the report.
    public func finish() {
        guard !finished else { return }
        finished = true
        if !pending.isEmpty { sender.send(pending, lines: pendingLines) }
        pending = []
        pendingLines = []
        let totals = sender.finish()
        report.accepted = totals.accepted
        report.duplicates = totals.duplicates
        report.conflicts = totals.conflicts
        report.rejected += totals.rejected
        report.notAccepted = totals.notAccepted
        report.refusal = totals.refusal
        report.rejected.sort { ($0.line ?? .max) < ($1.line ?? .max) }
    }

    private func flush() {
        guard !pending.isEmpty else { return }
        sender.send(pending, lines: pendingLines)
        pending = []
        pendingLines = []
        pending.reserveCapacity(batchSize)
    }
}
