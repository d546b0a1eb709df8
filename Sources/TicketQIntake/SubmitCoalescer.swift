import Foundation
import Synchronization
import TicketQConfig
import TicketQCore
import TicketQLanes
import TicketQRedis

/// Coalesces concurrent submits into batches: each batch reads the high-volume schedule once,
/// plans its tickets and enqueues them with one submit script call per `maxBatchTickets`.
///
/// A batch takes every request waiting when a Redis thread becomes free, so batches grow with the
/// load and a lone request waits for nothing. At most `maxBatchesInFlight` batches run at a time.
/// A caller is answered only after its batch's submit returned: its report counts its own tickets
/// (accepted, duplicate, rejected with their line numbers, not accepted when Redis refused the
/// batch). A ticket that cannot be planned is rejected alone; its neighbours are enqueued. A
/// submit is never retried, so no ticket is enqueued twice; only reading the schedule is.
public final class SubmitCoalescer: Sendable {
    private struct State {
        var waiting: [SubmitWaiter] = []
        var running = 0
    }

    private let redis: RedisExecutor
    private let keys: LaneKeys
    private let catalog: PolicyCatalog
    private let maxBatchTickets: Int
    private let maxBatchesInFlight: Int
    private let observe: @Sendable (SubmitBatchSummary) -> Void
    private let state = Mutex(State())

    /// Creates a coalescer.
    /// - Parameters:
    ///   - redis: where batches run (each batch holds one of its threads while it runs).
    ///   - maxBatchTickets: tickets per submit script call; a batch takes requests until it
    ///     holds at least this many (one request's tickets are never split between batches).
    ///   - maxBatchesInFlight: batches running at the same time (at most the executor's threads
    ///     are useful).
    ///   - observe: called after each batch (on a Redis thread; keep it quick).
    public init(
        redis: RedisExecutor, keys: LaneKeys, catalog: PolicyCatalog, maxBatchTickets: Int = 512, maxBatchesInFlight: Int,
        observe: @escaping @Sendable (SubmitBatchSummary) -> Void = { _ in }
    ) {
        self.redis = redis
        self.keys = keys
        self.catalog = catalog
        self.maxBatchTickets = max(1, maxBatchTickets)
        self.maxBatchesInFlight = max(1, maxBatchesInFlight)
        self.observe = observe
    }

    /// Requests waiting for a batch to take them.
    public var waiting: Int { state.withLock { $0.waiting.count } }

    /// Plans and enqueues `tickets`, received at `now`, in the next batch.
    /// - Returns: what became of each of them.
    /// - Throws: the error when Redis could not be reached or the schedule not read; then
    ///   nothing of the batch was enqueued.
    public func submit(_ tickets: [PreparedTicket], now: Instant) async throws -> SubmitReport {
        guard !tickets.isEmpty else { return SubmitReport() }
        return try await withCheckedThrowingContinuation { continuation in
            let start = state.withLock { state -> Bool in
                state.waiting.append(SubmitWaiter(tickets: tickets, now: now, continuation: continuation))
                guard state.running < maxBatchesInFlight else { return false }
                state.running += 1
                return true
            }
            if start { Task { await runBatches() } }
        }
    }

    /// Runs batches while requests wait, then gives up its slot.
    private func runBatches() async {
        while true {
            let taken = TakenSubmitBatch()
            do {
                try await redis.run(retry: .idempotent(maxAttempts: 2)) { [self] connection in
                    let waiters = taken.take { self.takeWaiting() }
                    guard !waiters.isEmpty else { return }
                    let lanes = LaneStore(connection: connection, keys: keys)
                    let schedule = try TicketSubmitter.highVolumeSchedule(from: lanes)
                    let reports = send(waiters, schedule: schedule, lanes: lanes)
                    taken.answer(reports)
                }
                taken.resume()
            } catch {
                // Nothing was submitted (a submit's failure is counted, never thrown): the
                // connection or the schedule read failed. Requests not taken yet fail the same way.
                let waiters = taken.waiters.isEmpty ? takeWaiting() : taken.waiters
                for waiter in waiters { waiter.continuation.resume(throwing: error) }
            }
            let more = state.withLock { state -> Bool in
                if state.waiting.isEmpty {
                    state.running -= 1
                    return false
                }
                return true
            }
            guard more else { return }
        }
    }

    /// Takes waiting requests until they hold `maxBatchTickets` tickets (at least one request).
    private func takeWaiting() -> [SubmitWaiter] {
        state.withLock { state in
            var count = 0
            var end = 0
            while end < state.waiting.count, count < maxBatchTickets {
                count += state.waiting[end].tickets.count
                end += 1
            }
            let taken = Array(state.waiting[..<end])
            state.waiting.removeFirst(end)
            return taken
        }
    }

    /// Plans every waiter's tickets, submits the plannable ones and splits the replies back.
    private func send(_ waiters: [SubmitWaiter], schedule: HighVolumeSchedule, lanes: LaneStore) -> [SubmitReport] {
        let builder = LaneEntryBuilder(catalog: catalog, highVolume: schedule)
        var reports = Array(repeating: SubmitReport(), count: waiters.count)
        var entries: [LaneEntry] = []
        var owners: [Int] = []
        var lines: [Int?] = []
        for (index, waiter) in waiters.enumerated() {
            for prepared in waiter.tickets {
                let enqueued = Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
                do {
                    let built = try builder.build(
                        prepared.ticket, decision: prepared.decision, now: waiter.now, enqueuedMillis: enqueued, mimeDefects: prepared.mimeDefects
                    )
                    if built.needsReview { reports[index].needsReview += 1 }
                    if built.plan.receivedInFuture { reports[index].receivedInFuture += 1 }
                    entries.append(built.entry)
                    owners.append(index)
                    lines.append(prepared.number)
                } catch {
                    reports[index].rejected.append(error.at(line: prepared.number))
                }
            }
        }
        var submits = 0
        var start = 0
        while start < entries.count {
            let end = min(start + maxBatchTickets, entries.count)
            submits += 1
            do {
                let verdicts = try lanes.submit(Array(entries[start..<end]))
                for (offset, verdict) in verdicts.enumerated() {
                    let position = start + offset
                    reports[owners[position]].count(verdict, id: entries[position].id, line: lines[position])
                }
            } catch {
                for position in start..<end { reports[owners[position]].refuse(1, because: error) }
            }
            start = end
        }
        observe(SubmitBatchSummary(requests: waiters.count, tickets: entries.count, submits: submits))
        return reports
    }
}
