/// The outcome store's schema migrations. Append new versions; never edit a shipped one.
enum OutcomeSchema {
    /// Version 1: the outcome table (one row per ticket) and the pending-ack side table.
    ///
    /// Timestamps are INTEGER milliseconds since the Unix epoch (UTC); booleans are 0 or 1.
    /// Values are checked by the record types before they are written rather than by CHECK
    /// constraints, which measured at about a third of the insert cost. `pending_ack` holds the
    /// rows whose Redis ack is not confirmed yet: inserting and deleting a small key there is
    /// much cheaper than rewriting the outcome row, and it stays small, so start-up checks never
    /// scan the outcome table.
    static let version1 = SchemaMigration(version: 1, summary: "create the outcome and pending_ack tables", sql: """
        CREATE TABLE outcome (
            ticket_id TEXT NOT NULL,
            brand TEXT NOT NULL,
            category TEXT NOT NULL,
            urgent INTEGER NOT NULL,
            lane TEXT NOT NULL,
            promoted INTEGER NOT NULL,
            received_at INTEGER NOT NULL,
            effective_receipt_at INTEGER NOT NULL,
            due_at INTEGER NOT NULL,
            resolution_due_at INTEGER,
            enqueued_at INTEGER NOT NULL,
            started_at INTEGER NOT NULL,
            completed_at INTEGER NOT NULL,
            attempts INTEGER NOT NULL,
            worker TEXT NOT NULL,
            status TEXT NOT NULL,
            sla_met INTEGER,
            action TEXT NOT NULL,
            reply TEXT,
            fence INTEGER NOT NULL,
            dead_reason TEXT,
            last_error TEXT,
            policy_version TEXT NOT NULL,
            calendar_version TEXT NOT NULL,
            triage_model_version TEXT,
            truncated INTEGER NOT NULL,
            UNIQUE (ticket_id)
        );
        CREATE TABLE pending_ack (
            ticket_id TEXT NOT NULL PRIMARY KEY,
            fence INTEGER NOT NULL
        ) WITHOUT ROWID;
        """)

    /// Version 2: whether triage marked the ticket for review.
    static let version2 = SchemaMigration(version: 2, summary: "add needs_review", sql: """
        ALTER TABLE outcome ADD COLUMN needs_review INTEGER NOT NULL DEFAULT 0;
        """)

    /// Version 3: what the lenient email parser recovered from in the ticket's message
    /// (`mime_defects`: comma-separated defect names; NULL for clean mail and other tickets).
    static let version3 = SchemaMigration(version: 3, summary: "add mime_defects", sql: """
        ALTER TABLE outcome ADD COLUMN mime_defects TEXT;
        """)

    /// Version 4: superseded rows leave `pending_ack` (earlier releases left their entries
    /// behind; they settled nothing and only grew the table).
    static let version4 = SchemaMigration(version: 4, summary: "drop the pending acks of superseded rows", sql: """
        DELETE FROM pending_ack WHERE ticket_id IN (SELECT ticket_id FROM outcome WHERE status = 'superseded');
        """)

    /// Every migration, in order.
    static let migrations = [version1, version2, version3, version4]
}
