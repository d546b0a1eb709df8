import CSQLite
import Foundation
import Testing
import TicketQStore
import TicketQTestSupport

struct SQLiteDatabaseTests {
    @Test func writeConnectionUsesWALAndFullSynchronousByDefault() throws {
        let directory = try TemporaryDirectory()
        let database = try SQLiteDatabase(path: directory.file("a.db").path, mode: .readWriteCreate)
        #expect(try database.scalarString("PRAGMA journal_mode") == "wal")
        #expect(try database.scalarInt64("PRAGMA synchronous") == Durability.full.synchronousLevel)
        #expect(try database.scalarInt64("PRAGMA busy_timeout") == 5000)
    }

    @Test func normalDurabilitySetsSynchronousNormal() throws {
        let directory = try TemporaryDirectory()
        let configuration = SQLiteConfiguration(durability: .normal, busyTimeout: .milliseconds(250))
        let database = try SQLiteDatabase(path: directory.file("a.db").path, mode: .readWriteCreate, configuration: configuration)
        #expect(try database.scalarInt64("PRAGMA synchronous") == 1)
        #expect(try database.scalarInt64("PRAGMA busy_timeout") == 250)
        #expect(try database.scalarString("PRAGMA journal_mode") == "wal")
    }

    @Test func readOnlyOpenOfMissingFileNamesThePathAndCreatesNothing() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("missing.db").path
        #expect(throws: StoreError.databaseNotFound(path: path)) {
            try SQLiteDatabase(path: path, mode: .readOnly)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
        let error = StoreError.databaseNotFound(path: path)
        #expect(error.description.contains(path))
    }

    @Test func readOnlyConnectionCannotWrite() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("a.db").path
        let writer = try SQLiteDatabase(path: path, mode: .readWriteCreate)
        try writer.execute("CREATE TABLE t (x INTEGER)")
        let reader = try SQLiteDatabase(path: path, mode: .readOnly)
        let error = #expect(throws: SQLiteError.self) {
            try reader.run("INSERT INTO t (x) VALUES (1)")
        }
        #expect(error?.code == SQLITE_READONLY)
    }

    @Test func failingStatementReportsCodeMessageAndSQL() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("a.db").path
        let database = try SQLiteDatabase(path: path, mode: .readWriteCreate)
        let error = #expect(throws: SQLiteError.self) {
            try database.run("SELECT * FROM no_such_table")
        }
        #expect(error?.code == SQLITE_ERROR)
        #expect(error?.message.contains("no_such_table") == true)
        #expect(error?.sql == "SELECT * FROM no_such_table")
        #expect(error?.path == path)
        #expect(error?.description.contains("SQLITE_ERROR") == true)
    }

    @Test func constraintViolationIsATypedErrorAndRollsBack() throws {
        let directory = try TemporaryDirectory()
        let database = try SQLiteDatabase(path: directory.file("a.db").path, mode: .readWriteCreate)
        try database.execute("CREATE TABLE t (x INTEGER NOT NULL UNIQUE)")
        let error = #expect(throws: SQLiteError.self) {
            try database.immediateTransaction {
                try database.run("INSERT INTO t (x) VALUES (1)")
                try database.run("INSERT INTO t (x) VALUES (1)")
            }
        }
        #expect(error?.code == SQLITE_CONSTRAINT)
        #expect(!database.isInTransaction)
        #expect(try database.scalarInt64("SELECT COUNT(*) FROM t") == 0)
    }

    @Test func bindsAndReadsEveryValueKind() throws {
        let directory = try TemporaryDirectory()
        let database = try SQLiteDatabase(path: directory.file("a.db").path, mode: .readWriteCreate)
        try database.execute("CREATE TABLE v (i INTEGER, r REAL, t TEXT, b INTEGER, n TEXT, blob BLOB, empty BLOB)")
        let bytes: [UInt8] = [0, 1, 2, 255]
        try database.run(
            "INSERT INTO v VALUES (?, ?, ?, ?, ?, ?, ?)",
            [.integer(Int64.min), .real(2.5), .text("naïve, \"quoted\" 🎫"), .bool(true), nil, .blob(bytes), .blob([])]
        )
        var rows = 0
        try database.query("SELECT i, r, t, b, n, blob, empty, typeof(empty) FROM v") { row in
            rows += 1
            #expect(row.int64(at: 0) == Int64.min)
            #expect(row.double(at: 1) == 2.5)
            #expect(row.string(at: 2) == "naïve, \"quoted\" 🎫")
            #expect(row.bool(at: 3))
            #expect(row.isNull(at: 4))
            #expect(row.optionalString(at: 4) == nil)
            #expect(row.blob(at: 5) == bytes)
            #expect(row.blob(at: 6) == [])
            #expect(row.string(at: 7) == "blob")
        }
        #expect(rows == 1)
    }

    @Test func busyTransactionIsRetriedUntilTheLockIsFree() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("a.db").path
        let fast = SQLiteConfiguration(busyTimeout: .zero, busyRetry: BusyRetryPolicy(maxAttempts: 200, initialDelay: .milliseconds(1), maxDelay: .milliseconds(5)))
        try SQLiteDatabase(path: path, mode: .readWriteCreate).execute("CREATE TABLE t (x INTEGER)")
        let locked = DispatchSemaphore(value: 0)
        let contending = DispatchSemaphore(value: 0)
        let holderFinished = DispatchSemaphore(value: 0)
        let holder = Thread {
            defer { holderFinished.signal() }
            guard let database = try? SQLiteDatabase(path: path, mode: .readWriteCreate),
                  (try? database.execute("BEGIN IMMEDIATE")) != nil
            else {
                locked.signal()
                return
            }
            locked.signal()
            contending.wait()
            usleep(50_000)
            try? database.execute("COMMIT")
        }
        holder.start()
        locked.wait()
        let contender = try SQLiteDatabase(path: path, mode: .readWriteCreate, configuration: fast)
        contending.signal()
        try contender.immediateTransaction {
            try contender.run("INSERT INTO t (x) VALUES (1)")
        }
        holderFinished.wait()
        #expect(try contender.scalarInt64("SELECT COUNT(*) FROM t") == 1)
    }

    @Test func busyErrorIsThrownWhenRetriesRunOut() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("a.db").path
        let impatient = SQLiteConfiguration(busyTimeout: .zero, busyRetry: BusyRetryPolicy(maxAttempts: 3, initialDelay: .milliseconds(1), maxDelay: .milliseconds(1)))
        let holder = try SQLiteDatabase(path: path, mode: .readWriteCreate)
        try holder.execute("CREATE TABLE t (x INTEGER)")
        try holder.execute("BEGIN IMMEDIATE")
        let contender = try SQLiteDatabase(path: path, mode: .readWriteCreate, configuration: impatient)
        let error = #expect(throws: SQLiteError.self) {
            try contender.immediateTransaction {
                try contender.run("INSERT INTO t (x) VALUES (1)")
            }
        }
        #expect(error?.isBusy == true)
        #expect(contender.busyRetryCount == 2)
        try holder.execute("ROLLBACK")
    }
}
