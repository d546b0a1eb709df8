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
    private var intendedMicros: [Int64]
    private var originMicros: Int64
    private var seen: [Bool]
    private var lastRowIDs: [Int64]
    private var databases: [SQLiteDatabase?]
    private let state = Mutex(LatencyMeasurements())
    /// Outcomes observed so far (for live progress and completion).
    public let observedSoFar = Atomic<Int>(0)
    private let stopRequested = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)

    /// Creates a tail.
    ///
    /// - Parameters:
    ///   - ids: the run's ticket ids; rows of other tickets are ignored.
    ///   - intendedMicros: each ticket's intended arrival (wall clock, µs since the epoch).
    ///   - originMicros: the start of the run's per-second series.
    ///   - fromRowIDs: per store, the last row of earlier phases (rows after it are read).
    public init(storePaths: [String], ids: [String], intendedMicros: [Int64], originMicros: Int64, fromRowIDs: [Int64]? = nil) {
        self.storePaths = storePaths
        var index: [String: Int32] = [:]
        index.reserveCapacity(ids.count)
        for (position, id) in ids.enumerated() { index[id] = Int32(position) }
        self.index = index
        self.intendedMicros = intendedMicros
        self.originMicros = originMicros
        seen = Array(repeating: false, count: ids.count)
        lastRowIDs = fromRowIDs ?? Array(repeating: 0, count: storePaths.count)
        databases = Array(repeating: nil, count: storePaths.count)
    }

    /// Sets the intended arrivals and the series origin once the run's start is known (before
    /// ``start()``): building the tail's index of a large run takes a while, so it is built
    /// first and the start chosen after.
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
                var pause = timespec(tv_sec: 0, tv_nsec: 1_000_000)
                nanosleep(&pause, nil)
            }
            poll()
            finished.signal()
        }
        thread.name = "ticketq-load-tail"
        thread.start()
    }

    /// Stops following (after one last read) and returns the measurements.
    public func stop() -> LatencyMeasurements {
        stopRequested.store(true, ordering: .relaxed)
        finished.wait()
        databases = []
        return state.withLock { $0 }
    }

    private func poll() {
        for store in storePaths.indices {
            guard let database = open(store) else { continue }
            let readAt = MonotonicClock.wallMicroseconds()
            var rows: [(Int64, String, String)] = []
            do {
                try database.query("SELECT rowid, ticket_id, lane FROM outcome WHERE rowid > ?1 ORDER BY rowid LIMIT 50000", [.integer(lastRowIDs[store])]) { row in
                    rows.append((row.int64(at: 0), row.string(at: 1), row.string(at: 2)))
                }
            } catch {
                databases[store] = nil  // reopened on the next poll (e.g. after a worker restart)
                continue
            }
            guard let last = rows.last else { continue }
            lastRowIDs[store] = last.0
            let second = Int((readAt - originMicros) / 1_000_000)
            var fresh = 0
            state.withLock { measurements in
                for (_, id, laneName) in rows {
                    guard let position = index[id], !seen[Int(position)] else { continue }
                    seen[Int(position)] = true
                    fresh += 1
                    let lane = Lane(rawValue: laneName) ?? .standard
                    measurements.record(lane: lane, micros: readAt - intendedMicros[Int(position)], second: second, at: readAt)
                }
            }
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
