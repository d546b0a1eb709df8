import Synchronization
import TicketQMetrics

/// Whether the outcome store's commit path works, judged by the latest commits (outcome batches
/// and recovery probes), not by a transaction that writes nothing.
///
/// One failed commit makes the store *failing*: the worker stops claiming and `/readyz` answers
/// 503 at once. Once it has been failing for longer than ``unhealthyAfter``, `/healthz` answers
/// 503 as well. The next successful commit makes it healthy again.
///
/// A commit that neither succeeds nor fails (an fsync stuck in the kernel, a lock held by another
/// process) counts too: once it has run for longer than ``stalledAfter`` `/readyz` answers 503,
/// and after ``unhealthyAfter`` `/healthz` does.
public final class StoreHealth: Sendable {
    /// A spell of failed commits.
    public struct Failure: Sendable, Equatable {
        /// The kind of the latest failure.
        public var kind: StoreFailureKind
        /// The latest failure's description (SQLite's code, message and file).
        public var detail: String
        /// When the first failure of the spell happened.
        public let since: ContinuousClock.Instant
        /// Failed commits in the spell.
        public var count: Int
    }

    /// The outcome store's path, named in the reasons.
    public let path: String
    /// How long the store may fail before the process reports itself unhealthy.
    public let unhealthyAfter: Duration
    /// How long a commit may run before the worker reports itself not ready.
    public let stalledAfter: Duration
    private let state = Mutex<Failure?>(nil)
    private let running = Mutex<(next: UInt64, started: [UInt64: ContinuousClock.Instant])>((0, [:]))

    /// Creates a healthy state for the store at `path`.
    public init(path: String, unhealthyAfter: Duration, stalledAfter: Duration = .seconds(10)) {
        self.path = path
        self.unhealthyAfter = unhealthyAfter
        self.stalledAfter = stalledAfter
    }

    /// Notes that a commit starts; pass the token to ``commitEnded(_:)`` when it returns.
    public func commitStarted(at now: ContinuousClock.Instant = .now) -> UInt64 {
        running.withLock { running in
            running.next += 1
            running.started[running.next] = now
            return running.next
        }
    }

    /// Notes that the commit of `token` returned (whether it succeeded or failed).
    public func commitEnded(_ token: UInt64) {
        _ = running.withLock { $0.started.removeValue(forKey: token) }
    }

    /// How long the oldest commit still running has been running, or `nil` when none runs.
    public func longestRunningCommit(at now: ContinuousClock.Instant = .now) -> Duration? {
        running.withLock { $0.started.values.min() }.map { now - $0 }
    }

    /// Whether the latest commit succeeded (or none failed yet).
    public var isHealthy: Bool { state.withLock { $0 == nil } }

    /// The current spell of failures, or `nil` while healthy.
    public var failure: Failure? { state.withLock { $0 } }

    /// Records a failed commit.
    ///
    /// - Returns: `true` when this failure starts a spell (the store was healthy before).
    @discardableResult
    public func recordFailure(_ kind: StoreFailureKind, detail: String, at now: ContinuousClock.Instant = .now) -> Bool {
        state.withLock { failure in
            if failure == nil {
                failure = Failure(kind: kind, detail: detail, since: now, count: 1)
                return true
            }
            failure?.kind = kind
            failure?.detail = detail
            failure?.count += 1
            return false
        }
    }

    /// Records a successful commit.
    ///
    /// - Returns: the spell that just ended, or `nil` when the store was healthy already.
    @discardableResult
    public func recordSuccess() -> Failure? {
        state.withLock { failure in
            defer { failure = nil }
            return failure
        }
    }

    /// Why the worker is not ready because of its store (for `/readyz`), or `nil`.
    public func readinessIssue(at now: ContinuousClock.Instant = .now) -> String? {
        if let running = longestRunningCommit(at: now), running > stalledAfter {
            return "the outcome store \(path) has not finished a commit in \(Self.wholeSeconds(running)) s (a stuck disk, or a lock held by another process)"
        }
        guard let failure else { return nil }
        return "the outcome store \(path) cannot commit: \(failure.kind.sqliteName) for \(Self.wholeSeconds(now - failure.since)) s "
            + "(\(failure.count) failed commits; tickets are handed back and claiming is paused until a commit succeeds): \(failure.detail)"
    }

    /// Why the process is unhealthy (for `/healthz`): the store has been failing for longer than
    /// ``unhealthyAfter``; `nil` otherwise.
    public func livenessIssue(at now: ContinuousClock.Instant = .now) -> String? {
        if let running = longestRunningCommit(at: now), running > unhealthyAfter {
            return "the outcome store \(path) has not finished a commit in \(Self.wholeSeconds(running)) s "
                + "(longer than --unhealthy-after \(Self.wholeSeconds(unhealthyAfter)) s)"
        }
        guard let failure, now - failure.since > unhealthyAfter else { return nil }
        return "the outcome store \(path) has failed every commit for \(Self.wholeSeconds(now - failure.since)) s "
            + "(longer than --unhealthy-after \(Self.wholeSeconds(unhealthyAfter)) s): \(failure.kind.sqliteName): \(failure.detail)"
    }

    private static func wholeSeconds(_ duration: Duration) -> Int64 { max(0, duration.components.seconds) }
}
