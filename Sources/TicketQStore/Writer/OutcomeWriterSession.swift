/// The writer thread's state: its store connection and the inserts and ack confirmations queued
/// since the last commit. Touched only on the writer thread (see ``OutcomeWriter``).
final class OutcomeWriterSession {
    /// The open store; `nil` when opening failed (``openError``) or after the thread ended.
    private(set) var store: OutcomeStore?
    /// Why the store could not be opened.
    let openError: (any Error)?
    private var inserts: [([OutcomeRecord], CheckedContinuation<InsertResult, any Error>)] = []
    private var confirmations: [([FencedTicket], CheckedContinuation<Int, any Error>)] = []

    /// Opens (creating and migrating when needed) the store at `path`.
    init(path: String, configuration: SQLiteConfiguration) {
        do {
            store = try OutcomeStore(path: path, mode: .readWriteCreate, configuration: configuration)
            openError = nil
        } catch {
            store = nil
            openError = error
        }
    }

    /// Queues a batch for the next commit.
    func queue(insert batch: [OutcomeRecord], _ continuation: CheckedContinuation<InsertResult, any Error>) {
        inserts.append((batch, continuation))
    }

    /// Queues ack confirmations for the next commit.
    func queue(confirm deliveries: [FencedTicket], _ continuation: CheckedContinuation<Int, any Error>) {
        confirmations.append((deliveries, continuation))
    }

    /// Commits everything queued in one transaction (one fsync) and answers each caller.
    func commitPending() {
        guard !inserts.isEmpty || !confirmations.isEmpty else { return }
        defer {
            inserts.removeAll(keepingCapacity: true)
            confirmations.removeAll(keepingCapacity: true)
        }
        guard let store else {
            let error = openError ?? StoreError.writerClosed(path: "")
            inserts.forEach { $0.1.resume(throwing: error) }
            confirmations.forEach { $0.1.resume(throwing: error) }
            return
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
            inserts.forEach { $0.1.resume(throwing: error) }
            confirmations.forEach { $0.1.resume(throwing: error) }
        }
    }

    /// Commits what is queued and closes the connection.
    func close() {
        commitPending()
        store = nil
    }
}
