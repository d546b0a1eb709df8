import Foundation
import Synchronization
import TicketQLanes
import TicketQRedis

/// One Redis connection with a thread of its own that submits the batches handed to it, so that
/// the scheduler never waits for Redis while another connection is free.
final class SendConnection: @unchecked Sendable {
    struct Batch {
        let indices: [Int]
        let entries: [LaneEntry]
    }

    struct Tally {
        var accepted = 0
        var duplicates = 0
        var refused = 0
        var firstRefusal: String?
    }

    private let pending = Mutex<Batch?>(nil)
    private let ready = DispatchSemaphore(value: 0)
    private let finished = DispatchSemaphore(value: 0)
    private let tally = Mutex(Tally())

    /// Opens the connection on its own thread; `onIdle` runs after each batch.
    init(url: RedisURL, keys: LaneKeys, sink: SendSink, flags: AcceptanceFlags, onIdle: @escaping @Sendable (SendConnection) -> Void) {
        let thread = Thread { [self] in
            ThreadPriority.raiseCurrentThread(to: ThreadPriority.sender)
            var lanes: LaneStore?
            var openError: String?
            do { lanes = LaneStore(connection: try RedisConnection(url: url), keys: keys) } catch { openError = "\(error)" }
            while true {
                ready.wait()
                guard let batch = pending.withLock({ value in defer { value = nil }; return value }) else { break }
                let outcome: Result<[Bool], any Error>
                if var connected = lanes {
                    outcome = Self.sendRidingThroughOutages(batch.entries, lanes: &connected, url: url, keys: keys, sink: sink)
                    lanes = connected
                } else {
                    outcome = .failure(LoadError("cannot connect to Redis: \(openError ?? "unknown error")"))
                }
                tally.withLock { tally in
                    switch outcome {
                    case let .success(accepted):
                        for (position, index) in batch.indices.enumerated() {
                            let ok = position < accepted.count && accepted[position]
                            flags.set(index, accepted: ok)
                            if ok { tally.accepted += 1 } else { tally.duplicates += 1 }
                        }
                    case let .failure(error):
                        tally.refused += batch.indices.count
                        if tally.firstRefusal == nil { tally.firstRefusal = "\(error)" }
                    }
                }
                onIdle(self)
            }
            finished.signal()
        }
        thread.name = "ticketq-load-send"
        thread.start()
    }

    /// How long a batch is retried while Redis is unreachable or loading (a restart) before it
    /// counts as refused.
    static let outageAllowanceNanos: Int64 = 60_000_000_000

    /// Sends a batch; while Redis cannot be reached or is still loading its data after a
    /// restart, reconnects and sends it again. A ticket of a retried batch that Redis calls a
    /// duplicate was accepted by an attempt whose reply was lost (the harness's ids are unique),
    /// so it counts as accepted.
    private static func sendRidingThroughOutages(
        _ entries: [LaneEntry], lanes: inout LaneStore, url: RedisURL, keys: LaneKeys, sink: SendSink
    ) -> Result<[Bool], any Error> {
        let deadline = MonotonicClock.nanoseconds() + outageAllowanceNanos
        var retried = false
        while true {
            do {
                let accepted = try send(entries, to: lanes, sink: sink)
                return .success(retried ? Array(repeating: true, count: accepted.count) : accepted)
            } catch {
                guard isOutage(error), MonotonicClock.nanoseconds() < deadline else { return .failure(error) }
                retried = true
                MonotonicClock.pause(nanoseconds: 100_000_000)
                if let connection = try? RedisConnection(url: url) { lanes = LaneStore(connection: connection, keys: keys) }
            }
        }
    }

    /// Whether `error` means Redis is down or restarting rather than refusing the batch.
    private static func isOutage(_ error: any Error) -> Bool {
        let redisError: RedisError
        switch error {
        case let error as LanesError:
            guard case let .redis(inner) = error else { return false }
            redisError = inner
        case let error as RedisError:
            redisError = error
        default:
            return false
        }
        return redisError.isConnectionError || redisError.serverError?.code == "LOADING"
    }

    private static func send(_ entries: [LaneEntry], to lanes: LaneStore, sink: SendSink) throws -> [Bool] {
        switch sink {
        case .lanes:
            return try lanes.submit(entries).map { $0 == .accepted }
        case let .scratchList(key):
            let reply = try lanes.connection.command([Array("RPUSH".utf8), Array(key.utf8)] + entries.map(\.payload))
            guard reply.int != nil else { throw LoadError("RPUSH to \(key) answered \(reply)") }
            return Array(repeating: true, count: entries.count)
        }
    }

    /// Hands a batch to the connection's thread (the connection must be idle).
    func send(_ batch: Batch) {
        pending.withLock { $0 = batch }
        ready.signal()
    }

    /// Ends the thread once its batch is done and returns its tally.
    func close() -> Tally {
        ready.signal()
        finished.wait()
        return tally.withLock { $0 }
    }
}
