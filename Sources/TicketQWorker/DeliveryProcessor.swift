import Foundation
import TicketQCore
import TicketQLanes
import TicketQStore
import TicketQWire

/// Turns one claimed ticket into a delivery result: decode, enforce the delivery limit, run the
/// handler, map failures to retries or dead letters.
struct DeliveryProcessor: Sendable {
    let handler: any TicketHandler
    let retry: RetryPolicy
    let workerID: String
    /// Completion times are read on Redis's clock, like the claim times they are compared with.
    let clock: WorkerClock

    /// A ticket ready for its handler, or the dead outcome of one that must not be handled.
    enum Preparation {
        case success(QueuedTicket)
        case failure(PendingOutcome)
    }

    /// Decodes and checks a claimed ticket; returns a dead outcome when it must not be handled.
    func prepare(_ claimed: ClaimedTicket, claimedAt: Int64) -> Preparation {
        guard let payload = claimed.payload else {
            return .failure(deadUndecodable(claimed, reason: "payload_missing", error: "no payload in Redis", claimedAt: claimedAt))
        }
        let ticket: QueuedTicket
        do {
            ticket = try QueuedTicket.decode(payload)
        } catch {
            return .failure(deadUndecodable(claimed, reason: "payload_undecodable", error: error.description, claimedAt: claimedAt))
        }
        if claimed.attempts > retry.maxDeliveries {
            let now = clock.nowMillis
            // A ticket whose deliveries keep ending with the worker's death is what kills them.
            let crashed = claimed.crashedDeliveries > 0
            let reason = crashed ? "crashed_worker" : "delivery_limit"
            let lastError = crashed
                ? "delivered \(claimed.attempts) times; \(claimed.crashedDeliveries) of them ended with the worker process dying while it held the ticket"
                : "delivered \(claimed.attempts) times without an outcome (workers crashed or lost the lease)"
            let record = OutcomeFactory.dead(
                ticket, claimed: claimed, reason: reason, lastError: lastError, worker: workerID, startedAt: claimedAt, completedAt: now
            )
            return .failure(pending(record, claimed, claimedAt, reason: reason, lastError: record.lastError))
        }
        return .success(ticket)
    }

    /// Maps a handler's answer (or failure) to a delivery result.
    func finish(_ ticket: QueuedTicket, _ claimed: ClaimedTicket, claimedAt: Int64, _ answer: Result<HandlerResult, any Error>) -> DeliveryResult {
        let now = clock.nowMillis
        switch answer {
        case let .success(result):
            let record = OutcomeFactory.done(ticket, claimed: claimed, result: result, worker: workerID, startedAt: claimedAt, completedAt: now)
            return .outcome(PendingOutcome(record: record, lease: claimed.lease, claimedAtMillis: claimedAt, deadInfoJSON: nil))
        case let .failure(error) where error is CancellationError:
            return .release(claimed.lease)
        case let .failure(error):
            let message = String(describing: error).prefix(500).description
            let permanent = error is PermanentHandlerFailure
            if !permanent, retry.allowsAnotherDelivery(after: claimed.attempts) {
                let delay = retry.delay(afterAttempt: claimed.attempts, millisUntilDue: ticket.dueMillis - now, unitRandom: Double.random(in: 0..<1))
                return .retry(claimed.lease, delay, lastError: message, lane: claimed.intakeLane)
            }
            let reason = permanent ? "handler_rejected" : "handler_failed"
            let record = OutcomeFactory.dead(ticket, claimed: claimed, reason: reason, lastError: message, worker: workerID, startedAt: claimedAt, completedAt: now)
            return .outcome(pending(record, claimed, claimedAt, reason: reason, lastError: message))
        }
    }

    private func deadUndecodable(_ claimed: ClaimedTicket, reason: String, error: String, claimedAt: Int64) -> PendingOutcome {
        let record = OutcomeFactory.undecodable(claimed, reason: reason, error: error, worker: workerID, startedAt: claimedAt, completedAt: clock.nowMillis)
        return pending(record, claimed, claimedAt, reason: reason, lastError: error)
    }

    private func pending(_ record: OutcomeRecord, _ claimed: ClaimedTicket, _ claimedAt: Int64, reason: String, lastError: String?) -> PendingOutcome {
        PendingOutcome(
            record: record, lease: claimed.lease, claimedAtMillis: claimedAt,
            deadInfoJSON: OutcomeFactory.deadInfo(reason: reason, attempts: claimed.attempts, lastError: lastError, worker: workerID)
        )
    }

    /// The host's wall clock (for what is about this host, such as its registry entry).
    static var nowMillis: Int64 { WorkerClock.hostMillis }
}
