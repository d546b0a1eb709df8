import Foundation

/// An outcome store on a dedicated thread, for async code.
///
/// The writer owns one thread and one read-write connection. Every call is queued to that
/// thread, so commits and their fsyncs never block Swift's cooperative pool. Inserts and ack
/// confirmations that queue up while a commit is in progress are merged into the next
/// transaction (group commit across callers, one fsync); each caller still gets its own result.
public final class OutcomeWriter: Sendable {
    /// The database file.
    public let path: String
    private let mailbox: OutcomeWriterMailbox

    private init(path: String, mailbox: OutcomeWriterMailbox) {
        self.path = path
        self.mailbox = mailbox
    }

    /// Starts the writer thread and opens (creating and migrating when needed) the store at `path`.
    ///
    /// - Throws: what ``OutcomeStore/init(path:mode:configuration:)`` throws; the thread ends then.
    public static func open(path: String, configuration: SQLiteConfiguration = SQLiteConfiguration()) async throws -> OutcomeWriter {
        let mailbox = OutcomeWriterMailbox()
        try await withCheckedThrowingContinuation { (opened: CheckedContinuation<Void, any Error>) in
            let thread = Thread {
                let store: OutcomeStore
                do {
                    store = try OutcomeStore(path: path, mode: .readWriteCreate, configuration: configuration)
                } catch {
                    mailbox.close(nil)
                    opened.resume(throwing: error)
                    return
                }
                opened.resume()
                serve(store, mailbox: mailbox)
            }
            thread.name = "ticketq-outcome-writer"
            thread.start()
        }
        return OutcomeWriter(path: path, mailbox: mailbox)
    }

    deinit {
        mailbox.close(nil)
    }

    /// Stores a batch of outcomes durably; see ``OutcomeStore/insert(batch:)`` for the rules.
    ///
    /// The batch is validated here, so an invalid outcome fails only its own batch, never the
    /// others merged into the same transaction.
    public func insert(batch: [OutcomeRecord]) async throws -> InsertResult {
        for record in batch {
            try record.validate()
        }
        return try await withCheckedThrowingContinuation { continuation in
            if !mailbox.post(.insert(batch, continuation)) {
                continuation.resume(throwing: StoreError.writerClosed(path: path))
            }
        }
    }

    /// Confirms the acks of these deliveries; see ``OutcomeStore/confirmAcks(_:)``. Shares the
    /// transaction of inserts queued at the same time.
    @discardableResult
    public func confirmAcks(_ deliveries: [FencedTicket]) async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            if !mailbox.post(.confirm(deliveries, continuation)) {
                continuation.resume(throwing: StoreError.writerClosed(path: path))
            }
        }
    }

    /// Marks these deliveries' rows superseded; see ``OutcomeStore/markSuperseded(_:)``.
    @discardableResult
    public func markSuperseded(_ deliveries: [FencedTicket]) async throws -> Int {
        try await withStore { try $0.markSuperseded(deliveries) }
    }

    /// Unconfirmed rows; see ``OutcomeStore/unconfirmedOutcomes(worker:olderThan:limit:)``.
    public func unconfirmedOutcomes(worker: String? = nil, olderThan: Int64, limit: Int? = nil) async throws -> [UnconfirmedOutcome] {
        try await withStore { try $0.unconfirmedOutcomes(worker: worker, olderThan: olderThan, limit: limit) }
    }

    /// Row counts per status; see ``OutcomeStore/countByStatus()``.
    public func countByStatus() async throws -> [String: Int] {
        try await withStore { try $0.countByStatus() }
    }

    /// Checkpoints the write-ahead log into the database file; run `.truncate` periodically (for
    /// example every few seconds) so the log stays small even while readers come and go.
    @discardableResult
    public func checkpoint(_ mode: CheckpointMode = .truncate) async throws -> CheckpointResult {
        try await withStore { try $0.database.checkpoint(mode) }
    }

    /// Runs `body` on the writer thread with the store and returns its result.
    public func withStore<Result: Sendable>(_ body: @escaping @Sendable (OutcomeStore) throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            let job = OutcomeWriterJob.run { store in
                continuation.resume(with: Swift.Result { try body(store) })
            }
            if !mailbox.post(job) {
                continuation.resume(throwing: StoreError.writerClosed(path: path))
            }
        }
    }

    /// Runs the queued work, closes the connection and ends the thread. Later calls throw
    /// ``StoreError/writerClosed(path:)``.
    public func close() async {
        await withCheckedContinuation { continuation in
            if !mailbox.close(continuation) {
                continuation.resume()
            }
        }
    }

    /// The writer thread's loop; returns when a stop job arrives.
    private static func serve(_ openedStore: OutcomeStore, mailbox: OutcomeWriterMailbox) {
        var store: OutcomeStore? = openedStore
        var inserts: [([OutcomeRecord], CheckedContinuation<InsertResult, any Error>)] = []
        var confirmations: [([FencedTicket], CheckedContinuation<Int, any Error>)] = []

        func commitPending() {
            guard let store, !inserts.isEmpty || !confirmations.isEmpty else { return }
            defer {
                inserts.removeAll(keepingCapacity: true)
                confirmations.removeAll(keepingCapacity: true)
            }
            do {
                let result = try store.commit(inserts.map(\.0), confirmingAcks: confirmations.map(\.0))
                for (index, pending) in inserts.enumerated() {
                    pending.1.resume(returning: result.inserts[index])
                }
                for (index, pending) in confirmations.enumerated() {
                    pending.1.resume(returning: result.confirmedAcks[index])
                }
            } catch {
                for pending in inserts {
                    pending.1.resume(throwing: error)
                }
                for pending in confirmations {
                    pending.1.resume(throwing: error)
                }
            }
        }

        while true {
            for job in mailbox.waitForJobs() {
                switch job {
                case .insert(let batch, let continuation):
                    inserts.append((batch, continuation))
                case .confirm(let deliveries, let continuation):
                    confirmations.append((deliveries, continuation))
                case .run(let body):
                    commitPending()
                    if let store { body(store) }
                case .stop(let continuation):
                    commitPending()
                    store = nil
                    continuation?.resume()
                    return
                }
            }
            commitPending()
        }
    }
}

extension OutcomeWriter {
    /// Commits a small real write on the writer thread; see ``OutcomeStore/probeWrite(payloadBytes:)``.
    public func probeWrite() async throws {
        try await withStore { try $0.probeWrite() }
    }
}
