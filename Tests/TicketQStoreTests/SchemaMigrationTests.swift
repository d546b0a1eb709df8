import Foundation
import Testing
import TicketQStore
import TicketQTestSupport

struct SchemaMigrationTests {
    @Test func newStoreIsCreatedAtTheLatestVersion() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(in: directory)
        #expect(try SchemaMigrator.version(of: store.database) == OutcomeStore.migrator.latestVersion)
        #expect(OutcomeStore.migrator.latestVersion == 4)
        #expect(try store.database.scalarInt64("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'outcome'") == 1)
    }

    @Test func reopeningRunsNoMigrationAndKeepsRows() throws {
        let directory = try TemporaryDirectory()
        do {
            let store = try makeStore(in: directory)
            _ = try store.insert(batch: [sampleOutcome("t-1")])
        }
        let reopened = try makeStore(in: directory)
        #expect(try OutcomeStore.migrator.migrate(reopened.database) == 0)
        #expect(try reopened.get(ticketID: "t-1") != nil)
    }

    @Test func migrationsRunInOrderAndOnlyOnce() throws {
        let directory = try TemporaryDirectory()
        let database = try SQLiteDatabase(path: directory.file("m.db").path, mode: .readWriteCreate)
        let first = SchemaMigration(version: 1, summary: "t", sql: "CREATE TABLE t (x INTEGER)")
        let second = SchemaMigration(version: 2, summary: "u", sql: "ALTER TABLE t ADD COLUMN y INTEGER")
        #expect(try SchemaMigrator(migrations: [first]).migrate(database) == 1)
        #expect(try SchemaMigrator(migrations: [first, second]).migrate(database) == 1)
        #expect(try SchemaMigrator(migrations: [first, second]).migrate(database) == 0)
        #expect(try SchemaMigrator.version(of: database) == 2)
        try database.run("INSERT INTO t (x, y) VALUES (1, 2)")
    }

    @Test func failedMigrationRollsBackEverything() throws {
        let directory = try TemporaryDirectory()
        let database = try SQLiteDatabase(path: directory.file("m.db").path, mode: .readWriteCreate)
        let good = SchemaMigration(version: 1, summary: "t", sql: "CREATE TABLE t (x INTEGER)")
        let bad = SchemaMigration(version: 2, summary: "broken", sql: "ALTER TABLE missing ADD COLUMN y INTEGER")
        #expect(throws: SQLiteError.self) {
            try SchemaMigrator(migrations: [good, bad]).migrate(database)
        }
        #expect(try SchemaMigrator.version(of: database) == 0)
        #expect(try database.scalarInt64("SELECT COUNT(*) FROM sqlite_master WHERE name = 't'") == 0)
    }

    @Test func misnumberedMigrationsAreRejected() {
        let one = SchemaMigration(version: 1, summary: "a", sql: "SELECT 1")
        let three = SchemaMigration(version: 3, summary: "c", sql: "SELECT 1")
        #expect(throws: StoreError.invalidMigrationOrder(versions: [1, 3])) {
            try SchemaMigrator(migrations: [one, three])
        }
    }

    @Test func newerSchemaVersionIsATypedErrorForWritersAndReaders() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("outcomes.db").path
        do {
            let store = try OutcomeStore(path: path)
            try store.database.execute("PRAGMA user_version=99")
        }
        let expected = StoreError.schemaTooNew(path: path, found: 99, newestKnown: OutcomeStore.migrator.latestVersion)
        #expect(throws: expected) { try OutcomeStore(path: path) }
        #expect(throws: expected) { try OutcomeStore(path: path, mode: .readOnly) }
        #expect(expected.description.contains(path))
    }

    @Test func readOnlyOpenRefusesAnUnmigratedFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("empty.db").path
        _ = try SQLiteDatabase(path: path, mode: .readWriteCreate)
        #expect(throws: StoreError.schemaOutdated(path: path, found: 0, required: OutcomeStore.migrator.latestVersion)) {
            try OutcomeStore(path: path, mode: .readOnly)
        }
    }

    @Test func readOnlyOpenOfMissingStoreCreatesNothing() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("nowhere.db").path
        #expect(throws: StoreError.databaseNotFound(path: path)) {
            try OutcomeStore(path: path, mode: .readOnly)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: directory.path).isEmpty)
    }

    @Test(arguments: [2, 4, 8])
    func connectionsOpeningABrandNewFileAtOnceAllSucceed(connections: Int) throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("shared.db").path
        let errors = runOnThreads(connections) { index in
            let store = try OutcomeStore(path: path)
            _ = try store.insert(batch: [sampleOutcome("t-\(index)", worker: "worker-\(index)")])
        }
        #expect(errors.isEmpty, "\(errors)")
        let store = try OutcomeStore(path: path, mode: .readOnly)
        #expect(try SchemaMigrator.version(of: store.database) == OutcomeStore.migrator.latestVersion)
        #expect(try store.countByStatus()["done"] == connections)
        #expect(try store.database.scalarString("PRAGMA journal_mode") == "wal")
    }
}
