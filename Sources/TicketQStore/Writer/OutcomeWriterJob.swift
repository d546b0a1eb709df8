/// A unit of work queued for the writer thread.
enum OutcomeWriterJob: Sendable {
    /// A batch to store; consecutive batches and confirmations share one transaction.
    case insert([OutcomeRecord], CheckedContinuation<InsertResult, any Error>)
    /// Acks to confirm; consecutive batches and confirmations share one transaction.
    case confirm([FencedTicket], CheckedContinuation<Int, any Error>)
    /// Any other operation on the store.
    case run(@Sendable (OutcomeStore) -> Void)
    /// Finish, close the connection, and resume the continuation if there is one.
    case stop(CheckedContinuation<Void, Never>?)
}
