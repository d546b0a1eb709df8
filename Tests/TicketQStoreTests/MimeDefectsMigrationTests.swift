import Foundation
import Testing
import TicketQCore
import TicketQStore
import TicketQTestSupport

/// Schema version 3 adds `mime_defects`. A store written by the previous release (schema
/// version 2, captured here as that release created it) is upgraded in place when opened: its
/// rows keep their values and read back without defects, and new rows carry them.
struct MimeDefectsMigrationTests {
    /// The schema version 2 tables exactly as the previous release created them.
    static let versionTwoSchema = """
        CREATE TABLE outcome (
            ticket_id TEXT NOT NULL, brand TEXT NOT NULL, category TEXT NOT NULL, urgent INTEGER NOT NULL,
            lane TEXT NOT NULL, promoted INTEGER NOT NULL, received_at INTEGER NOT NULL,
            effective_receipt_at INTEGER NOT NULL, due_at INTEGER NOT NULL, resolution_due_at INTEGER,
            enqueued_at INTEGER NOT NULL, started_at INTEGER NOT NULL, completed_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL, worker TEXT NOT NULL, status TEXT NOT NULL, sla_met INTEGER,
            action TEXT NOT NULL, reply TEXT, fence INTEGER NOT NULL, dead_reason TEXT, last_error TEXT,
            policy_version TEXT NOT NULL, calendar_version TEXT NOT NULL, triage_model_version TEXT,
            truncated INTEGER NOT NULL, UNIQUE (ticket_id)
        );
        CREATE TABLE pending_ack (ticket_id TEXT NOT NULL PRIMARY KEY, fence INTEGER NOT NULL) WITHOUT ROWID;
        ALTER TABLE outcome ADD COLUMN needs_review INTEGER NOT NULL DEFAULT 0;
        INSERT INTO outcome VALUES (
            'old-1', 'mejurn', 'shipping', 1, 'same_business_day', 0, 1772442000000, 1772442000000, 1772445600000, NULL,
            1772442000005, 1772442059990, 1772442060000, 1, 'worker-a', 'done', 1, 'acknowledged', 'Thanks', 7, NULL, NULL,
            'policy-1', 'calendar-1', 'model-1', 0, 1
        );
        PRAGMA user_version = 2;
        """

    @Test func aVersionTwoStoreIsUpgradedAndKeepsItsRows() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("outcomes.db").path
        do {
            let old = try SQLiteDatabase(path: path, mode: .readWriteCreate)
            try old.execute(Self.versionTwoSchema)
        }
        let store = try OutcomeStore(path: path)
        #expect(try SchemaMigrator.version(of: store.database) == OutcomeStore.migrator.latestVersion)
        let kept = try #require(try store.get(ticketID: "old-1"))
        #expect(kept.mimeDefects.isEmpty)
        #expect(kept.needsReview && kept.fence == 7 && kept.triageModelVersion == "model-1" && kept.lane == .sameBusinessDay)
        #expect(kept.value(of: .mimeDefects) == .null)

        var fresh = sampleOutcome("new-1")
        fresh.mimeDefects = ["missing_header_separator", "malformed_folding"]
        _ = try store.insert(batch: [fresh, sampleOutcome("new-2")])
        #expect(try store.get(ticketID: "new-1")?.mimeDefects == ["missing_header_separator", "malformed_folding"])
        #expect(try store.get(ticketID: "new-2")?.mimeDefects == [])
        #expect(try store.database.scalarInt64("SELECT COUNT(*) FROM outcome WHERE mime_defects = 'missing_header_separator,malformed_folding'") == 1)
    }
}
