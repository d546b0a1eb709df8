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
                if let lanes {
                    outcome = Result { try Self.send(batch.entries, to: lanes, sink: sink) }
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

    private static func send(_ entries: [LaneEntry], to lanes: LaneStore, sink: SendSink) throws -> [Bool] {
        switch sink {
        case .lanes:
            return try lanes.submit(entries)
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
