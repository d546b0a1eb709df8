import Foundation
import Synchronization
import TicketQCore
import TicketQLanes
import TicketQRedis

/// Once a second: samples the lanes' depths into the backlog series and prints a progress line
/// (to standard error, so that standard output stays for the summary).
public final class RunMonitor: @unchecked Sendable {
    private var lanes: LaneStore
    private let url: RedisURL
    private let originNanos: Int64
    private let label: String
    private let progress: @Sendable () -> (sent: Int, done: Int, expected: Int)
    private let quiet: Bool
    private let series = Mutex(BacklogSeries())
    private let stopRequested = Atomic<Bool>(false)
    private let finished = DispatchSemaphore(value: 0)
    /// The standard and extended lanes' depth at the last sample, -1 before the first (for
    /// scenarios that stop once a backlog has drained).
    public let nonUrgentBacklog = Atomic<Int>(-1)

    /// Creates a monitor over `url`'s lanes.
    /// - Throws: ``LoadError`` when Redis cannot be reached.
    public init(url: RedisURL, keys: LaneKeys, originNanos: Int64, label: String, quiet: Bool,
                progress: @escaping @Sendable () -> (sent: Int, done: Int, expected: Int)) throws(LoadError) {
        do {
            lanes = LaneStore(connection: try RedisConnection(url: url), keys: keys)
        } catch {
            throw LoadError("cannot connect to Redis at \(url): \(error)")
        }
        self.url = url
        self.originNanos = originNanos
        self.label = label
        self.quiet = quiet
        self.progress = progress
    }

    /// Starts sampling on a thread of its own.
    public func start() {
        let thread = Thread { [self] in
            let interactive = isatty(STDERR_FILENO) == 1
            var lastDone = 0
            var tick = originNanos
            while !stopRequested.load(ordering: .relaxed) {
                tick += 1_000_000_000
                while MonotonicClock.nanoseconds() < tick, !stopRequested.load(ordering: .relaxed) {
                    MonotonicClock.pause(nanoseconds: 20_000_000)
                }
                let second = Int((MonotonicClock.nanoseconds() - originNanos) / 1_000_000_000) - 1
                guard let snapshot = try? lanes.snapshot() else {
                    // Redis restarted (or is stalled): a new connection for the next sample.
                    if let connection = try? RedisConnection(url: url) { lanes = LaneStore(connection: connection, keys: lanes.keys) }
                    continue
                }
                var depths: [Lane: Int] = [:]
                for lane in Lane.allCases { depths[lane] = snapshot.lanes[lane]?.depth ?? 0 }
                series.withLock { $0.record(second: max(0, second), depths: depths, inFlight: snapshot.inFlight) }
                nonUrgentBacklog.store((depths[.standard] ?? 0) + (depths[.extended] ?? 0), ordering: .relaxed)
                guard !quiet else { continue }
                let figures = progress()
                let line = String(
                    format: "[%@ %4ds] sent %d  done %d/%d  %d/s  backlog same-day %d, standard %d, extended %d  in flight %d",
                    label, second + 1, figures.sent, figures.done, figures.expected, figures.done - lastDone,
                    depths[.sameBusinessDay] ?? 0, depths[.standard] ?? 0, depths[.extended] ?? 0, snapshot.inFlight
                )
                lastDone = figures.done
                FileHandle.standardError.write(Data((interactive ? "\r\(line)\u{1B}[K" : line + "\n").utf8))
            }
            if !quiet, isatty(STDERR_FILENO) == 1 { FileHandle.standardError.write(Data("\n".utf8)) }
            finished.signal()
        }
        thread.name = "ticketq-load-monitor"
        thread.start()
    }

    /// Stops sampling and returns the series.
    public func stop() -> BacklogSeries {
        stopRequested.store(true, ordering: .relaxed)
        finished.wait()
        return series.withLock { $0 }
    }
}
