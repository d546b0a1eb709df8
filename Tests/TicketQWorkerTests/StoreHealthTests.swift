import Foundation
import TicketQMetrics
import TicketQStore
import TicketQTestSupport
import TicketQWorker
import Testing

/// How a failed commit is classified, and what the health state makes of failures: `/readyz`
/// reasons at once, `/healthz` reasons after the unhealthy-after time, recovery on a success.
struct StoreHealthTests {
    private func sqliteError(_ code: Int32, extended: Int32? = nil) -> SQLiteError {
        SQLiteError(code: code, extendedCode: extended ?? code, message: "test", sql: "COMMIT", path: "/data/outcomes.db")
    }

    @Test func classifiesFailuresByPrimaryResultCode() {
        // Primary codes from sqlite3.h: IOERR 10, CORRUPT 11, FULL 13, READONLY 8, NOTADB 26, BUSY 5.
        #expect(StoreFailureKind(classifying: sqliteError(13)) == .full)
        #expect(StoreFailureKind(classifying: sqliteError(8)) == .readOnly)
        #expect(StoreFailureKind(classifying: sqliteError(8 | (4 << 8))) == .readOnly, "SQLITE_READONLY_DBMOVED folds into its primary code")
        #expect(StoreFailureKind(classifying: sqliteError(11)) == .corrupt)
        #expect(StoreFailureKind(classifying: sqliteError(26)) == .corrupt)
        #expect(StoreFailureKind(classifying: sqliteError(10)) == .ioError)
        #expect(StoreFailureKind(classifying: sqliteError(10 | (4 << 8))) == .ioError, "SQLITE_IOERR_FSYNC folds into its primary code")
        #expect(StoreFailureKind(classifying: sqliteError(5)) == .other)
        #expect(StoreFailureKind(classifying: StoreError.writerClosed(path: "x")) == .other)
        #expect(StoreFailureKind.full.sqliteName == "SQLITE_FULL")
        #expect(StoreFailureKind.readOnly.sqliteName == "SQLITE_READONLY")
        #expect(StoreFailureKind.corrupt.sqliteName == "SQLITE_CORRUPT")
        #expect(StoreFailureKind.ioError.sqliteName == "SQLITE_IOERR")
        #expect(Set(StoreFailureKind.allCases.map(\.rawValue)) == ["full", "read_only", "corrupt", "io_error", "other"])
    }

    @Test func readinessFailsAtOnceAndLivenessAfterTheUnhealthyAfterTime() {
        let health = StoreHealth(path: "/data/outcomes.db", unhealthyAfter: .seconds(60))
        let start = ContinuousClock.now
        #expect(health.isHealthy)
        #expect(health.readinessIssue(at: start) == nil)
        #expect(health.livenessIssue(at: start + .seconds(3600)) == nil, "a healthy store never makes the process unhealthy")

        let error = sqliteError(13)
        #expect(health.recordFailure(StoreFailureKind(classifying: error), detail: error.description, at: start), "the first failure starts a spell")
        #expect(!health.isHealthy)
        let ready = health.readinessIssue(at: start + .seconds(1))
        #expect(ready?.contains("SQLITE_FULL") == true && ready?.contains("/data/outcomes.db") == true, "\(ready ?? "")")
        #expect(health.livenessIssue(at: start + .seconds(59)) == nil, "healthz stays 200 until the store failed for longer than unhealthy-after")

        #expect(!health.recordFailure(.ioError, detail: "disk I/O error", at: start + .seconds(30)), "later failures continue the spell")
        #expect(health.failure?.count == 2)
        #expect(health.failure?.since == start, "the spell is timed from its first failure")
        let live = health.livenessIssue(at: start + .seconds(61))
        #expect(live?.contains("SQLITE_IOERR") == true && live?.contains("--unhealthy-after 60 s") == true, "\(live ?? "nil")")
        #expect(live?.contains("61 s") == true, "\(live ?? "nil")")

        let ended = health.recordSuccess()
        #expect(ended?.count == 2)
        #expect(health.isHealthy)
        #expect(health.readinessIssue() == nil && health.livenessIssue(at: start + .seconds(3600)) == nil)
        #expect(health.recordSuccess() == nil, "a success while healthy ends nothing")
        #expect(health.recordFailure(.readOnly, detail: "attempt to write a readonly database", at: start + .seconds(100)), "a new spell starts")
        #expect(health.livenessIssue(at: start + .seconds(120)) == nil, "the timer restarts with the new spell")
    }

    @Test func aCommitThatDoesNotReturnMakesTheWorkerUnreadyThenUnhealthy() {
        let health = StoreHealth(path: "/data/outcomes.db", unhealthyAfter: .seconds(60), stalledAfter: .seconds(10))
        let start = ContinuousClock.now
        let quick = health.commitStarted(at: start)
        health.commitEnded(quick)
        #expect(health.longestRunningCommit(at: start + .seconds(100)) == nil)

        let stuck = health.commitStarted(at: start)
        let later = health.commitStarted(at: start + .seconds(5))
        #expect(health.longestRunningCommit(at: start + .seconds(8)) == .seconds(8), "the oldest running commit counts")
        #expect(health.readinessIssue(at: start + .seconds(9)) == nil, "a commit may take a while")
        let unready = health.readinessIssue(at: start + .seconds(11))
        #expect(unready?.contains("has not finished a commit in 11 s") == true, "\(unready ?? "nil")")
        #expect(health.livenessIssue(at: start + .seconds(59)) == nil)
        let unhealthy = health.livenessIssue(at: start + .seconds(61))
        #expect(unhealthy?.contains("--unhealthy-after 60 s") == true, "\(unhealthy ?? "nil")")
        #expect(health.isHealthy, "a stalled commit has not failed: claiming is left alone")

        health.commitEnded(stuck)
        health.commitEnded(later)
        #expect(health.readinessIssue(at: start + .seconds(100)) == nil && health.livenessIssue(at: start + .seconds(100)) == nil)
    }

    @Test func theWriteProbeCommitsARowOnAHealthyStore() throws {
        let directory = try TemporaryDirectory(prefix: "ticketq-probe")
        let store = try OutcomeStore(path: directory.file("probe.db").path)
        try store.probeWrite()
        try store.probeWrite()
        #expect(try store.database.scalarInt64("SELECT COUNT(*) FROM \(OutcomeStore.probeTable)") == 1, "each probe replaces the last")
        #expect(try store.countByStatus().values.reduce(0, +) == 0, "a probe writes no outcome")
        #expect((OutcomeStore.availableBytes(forFileAt: directory.file("probe.db").path) ?? 0) > 0)
    }
}
