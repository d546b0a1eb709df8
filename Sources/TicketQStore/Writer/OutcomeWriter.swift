import Foundation
import TicketQExecution

/// An outcome store on a dedicated thread, for async code.
///
/// The writer owns one thread and one read-write connection. Every call is queued to that
/// thread, so commits and their fsyncs never block Swift's cooperative pool. Inserts and ack
/// confirmations that queue up while a commit is in progress are merged into the next
/// transaction (group commit across callers, one fsync); each caller still gets its own result.
public final class OutcomeWriter: Sendable {
    /// The database file.
    public let path: String
    private let executor: ConfinedExecutor<OutcomeWriterSession>

    private init(path: String, executor: ConfinedExecutor<OutcomeWriterSession>) {
        self.path = path
        self.executor = executor
    }

    /// Starts the writer thread and opens (creating and migrating when needed) the store at `path`.
    ///
    /// - Throws: what ``OutcomeStore/init(path:mode:configuration:)`` throws; the thread ends then.
    public static func open(path: String, configuration: SQLiteConfiguration = SQLiteConfiguration()) async throws -> OutcomeWriter {
        // Each round of queued work ends with one commit of the inserts and confirmations it held.
        let executor = ConfinedExecutor(name: "ticketq-outcome-writer") { _ in
            OutcomeWriterSession(path: path, configuration: configuration)
        } close: { session in
            session.close()
        } afterRound: { session in
            session.commitPending()
        }
        do {
            try await executor.run { session in
                if let error = session.openError { throw error }
            }
        } catch {
            await executor.shutdown()
            throw error
        }
        return OutcomeWriter(path: path, executor: executor)
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
            if !executor.post({ $0.queue(insert: batch, continuation) }) {
                continuation.resume(throwing: StoreError.writerClosed(path: path))
            }
        }
    }

    /// Confirms the acks of these deliveries; see ``OutcomeStore/confirmAcks(_:)``. Shares the
    /// transaction of inserts queued at the same time.
    @discardableResult
    public func confirmAcks(_ deliveries: [FencedTicket]) async throws -> Int {
        try await withCheckedThrowingContinuation { continuation in
            if !executor.post({ $0.queue(confirm: deliveries, continuation) }) {
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

    /// Runs `body` on the writer thread with the store and returns its result. Inserts queued
    /// before it are committed first. It runs even when the calling task is cancelled.
    public func withStore<Result: Sendable>(_ body: @escaping @Sendable (OutcomeStore) throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            let path = self.path
            let posted = executor.post({ session in
                session.commitPending()
                guard let store = session.store else {
                    return continuation.resume(throwing: StoreError.writerClosed(path: path))
                }
                continuation.resume(with: Swift.Result { try body(store) })
            })
            if !posted {
                continuation.resume(throwing: StoreError.writerClosed(path: path))
            }
        }
    }

    /// Runs the queued work, closes the connection and ends the thread. Later calls throw
    /// ``StoreError/writerClosed(path:)``.
    public func close() async {
        await executor.shutdown(queued: .finish)
    }
}

extension OutcomeWriter {
    /// Commits a small real write on the writer thread; see ``OutcomeStore/probeWrite(payloadBytes:)``.
    public func probeWrite() async throws {
        try await withStore { try $0.probeWrite() }
    }
}
