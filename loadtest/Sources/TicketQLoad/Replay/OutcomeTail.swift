import Foundation
import Synchronization
import TicketQCore
import TicketQStore

/// Follows the workers' outcome stores while a run goes on and times each ticket's first
/// durable outcome: a row is visible to this reader only once its transaction committed, so
/// the time of the read that first sees it bounds the durable outcome from above, within the
/// polling interval (one millisecond).
public final class OutcomeTail: @unchecked Sendable {
    private let storePaths: [String]
    private let index: [String: Int32]
    private var intendedMicros: [Int64] = []
    private var originMicros: Int64 = 0
    /// When each ticket's outcome was first seen (µs since the epoch; 0: not yet).
    private var observedMicros: [Int64]
    private var lanes: [Lane]
    /// The delivery count of each observed outcome (1: delivered once).
    private var attempts: [Int32]
    private var lastRowIDs: [Int64]
    private var databases: [SQLiteDatabase?]
    /// Outcomes observed so far (for live progress and completion).
    public let observedSoFar = Atomic<Int>(0)
    private let stopRequested = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    /// Creates a tail.
    ///
    /// - Parameters:
    ///   - ids: the run's ticket ids; rows of other tickets are ignored.
    ///   - fromRowIDs: per store, the last row of earlier phases (rows after it are read).
    public init(storePaths: [String], ids: [String], fromRowIDs: [Int64]? = nil) {
        self.storePaths = storePaths
        var index: [String: Int32] = [:]
        index.reserveCapacity(ids.count)
        for (position, id) in ids.enumerated() { index[id] = Int32(position) }
        self.index = index
        observedMicros = Array(repeating: 0, count: ids.count)
        lanes = Array(repeating: .standard, count: ids.count)
        attempts = Array(repeating: 0, count: ids.count)
        lastRowIDs = fromRowIDs ?? Array(repeating: 0, count: storePaths.count)
        databases = Array(repeating: nil, count: storePaths.count)
    }

    /// Sets each ticket's intended arrival (wall clock, µs since the epoch) and the start of the
    /// per-second series. Observation times are kept as read, so this may come after ``start()``:
    /// the tail follows the stores from the moment the workers start, while the start of the
    /// open-loop schedule is still being chosen.
    public func schedule(intendedMicros: [Int64], originMicros: Int64) {
        self.intendedMicros = intendedMicros
        self.originMicros = originMicros
    }

    /// The last row id of each store right now (0 for a store not created yet).
    public static func lastRowIDs(of storePaths: [String]) -> [Int64] {
        storePaths.map { path in
            guard FileManager.default.fileExists(atPath: path), let database = try? SQLiteDatabase(path: path, mode: .readOnly) else { return 0 }
            return (try? database.scalarInt64("SELECT coalesce(max(rowid), 0) FROM outcome")) ?? 0
        }
    }

    /// Starts following on a thread of its own.
    public func start() {
        let thread = Thread { [self] in
            ThreadPriority.raiseCurrentThread(to: ThreadPriority.tail)
            while !stopRequested.load(ordering: .relaxed) {
                poll()
                MonotonicClock.pause(nanoseconds: 1_000_000)
            }
            poll()
            finished.signal()
        }
        thread.name = "ticketq-load-tail"
        thread.start()
    }

    /// Stops following (after one last read) and returns the response times: each observed
    /// outcome's first read minus its intended arrival. Tickets alive during one of `outages`
    /// are left out of the untouched ones.
    public func stop(outages: RedisOutages = RedisOutages([])) -> LatencyMeasurements {
        stopRequested.store(true, ordering: .relaxed)
        finished.wait()
        databases = []
        var measurements = LatencyMeasurements()
        for position in observedMicros.indices where observedMicros[position] != 0 {
            let readAt = observedMicros[position]
            let intended = position < intendedMicros.count ? intendedMicros[position] : readAt
            let second = Int((readAt - originMicros) / 1_000_000)
            measurements.record(
                lane: lanes[position], micros: readAt - intended, second: second, at: readAt, deliveredOnce: attempts[position] == 1,
                untouched: !outages.overlap(from: intended, to: readAt)
            )
        }
        return measurements
    }

    private func poll() {
        for store in storePaths.indices {
            guard let database = open(store) else { continue }
            let readAt = MonotonicClock.wallMicroseconds()
            var fresh = 0
            var last: Int64?
            do {
                try database.query("SELECT rowid, ticket_id, lane, attempts FROM outcome WHERE rowid > ?1 ORDER BY rowid LIMIT 50000", [.integer(lastRowIDs[store])]) { row in
                    last = row.int64(at: 0)
                    guard let position = index[row.string(at: 1)].map(Int.init), observedMicros[position] == 0 else { return }
                    observedMicros[position] = readAt
                    lanes[position] = Lane(rawValue: row.string(at: 2)) ?? .standard
                    attempts[position] = Int32(clamping: row.int64(at: 3))
                    fresh += 1
                }
            } catch {
                databases[store] = nil  // reopened on the next poll (e.g. after a worker restart)
                continue
            }
            if let last { lastRowIDs[store] = last }
            observedSoFar.add(fresh, ordering: .relaxed)
        }
    }

    private func open(_ store: Int) -> SQLiteDatabase? {
        if let database = databases[store] { return database }
        guard FileManager.default.fileExists(atPath: storePaths[store]) else { return nil }
        guard let database = try? SQLiteDatabase(path: storePaths[store], mode: .readOnly),
              (try? database.scalarInt64("SELECT count(*) FROM sqlite_master WHERE name = 'outcome'")) == 1 else { return nil }
        databases[store] = database
        return database
    }
}
