import Foundation
import Histogram
import Synchronization
import TicketQLanes
import TicketQRedis

/// Sends tickets at their intended times whatever the cluster does (open loop).
///
/// Everything due is sent in one batch on a free connection; with no connection free the
/// scheduler waits, and the wait shows up as schedule lag, measured per ticket from its intended
/// time to the moment its batch was handed to a connection thread. Late tickets are still sent.
public final class OpenLoopSender: @unchecked Sendable {
    /// Tickets per Redis call at most.
    public static let maximumBatch = 256
    /// The shortest time between two sends: at high rates, tickets due within it go together,
    /// because each Redis call has a fixed cost (a script call, a round trip) that would
    /// otherwise eat the CPU the cluster under test needs. A ticket waits at most this long.
    public static let sendQuantumNanos: Int64 = 200_000

    private let url: RedisURL
    private let keys: LaneKeys
    private let connectionCount: Int
    private let sink: SendSink
    /// Tickets handed to Redis so far (for live progress).
    public let sentSoFar = Atomic<Int>(0)
    /// Set to stop sending early (e.g. a scenario's backlog has drained).
    public let stopRequested = Atomic<Bool>(false)

    /// Creates a sender with `connections` Redis connections.
    public init(url: RedisURL, keys: LaneKeys, connections: Int = 8, sink: SendSink = .lanes) {
        self.url = url
        self.sink = sink
        self.keys = keys
        connectionCount = max(1, connections)
    }

    /// Sends `entries[i]` at `startNanos + offsets[i]` (monotonic clock); nil entries (tickets
    /// intake could not plan) are skipped. Returns when everything was sent and acknowledged.
    ///
    /// - Parameters:
    ///   - flags: receives Redis's answer per ticket, at the ticket's position plus `flagOffset`.
    ///   - seriesOriginNanos: the start of the per-second offered series (default: `startNanos`).
    public func run(
        entries: [PlannedEntry?], offsets: [Int64], startNanos: Int64, flags: AcceptanceFlags, flagOffset: Int = 0,
        seriesOriginNanos: Int64? = nil
    ) -> SendMeasurements {
        let origin = seriesOriginNanos ?? startNanos
        let realTime = ThreadPriority.raiseCurrentThread(to: ThreadPriority.sender)
        var measurements = SendMeasurements()
        let idle = Mutex<[SendConnection]>([])
        let available = DispatchSemaphore(value: 0)
        var connections: [SendConnection] = []
        for _ in 0..<connectionCount {
            let connection = SendConnection(url: url, keys: keys, sink: sink, flags: flags) { connection in
                idle.withLock { $0.append(connection) }
                available.signal()
            }
            connections.append(connection)
            idle.withLock { $0.append(connection) }
            available.signal()
        }
        var next = 0
        var lastSend = Int64.min / 2
        var indices: [Int] = []
        var batch: [LaneEntry] = []
        while next < entries.count, !stopRequested.load(ordering: .relaxed) {
            let due = max(startNanos + offsets[next], lastSend + Self.sendQuantumNanos)
            var now = MonotonicClock.nanoseconds()
            if due > now {
                MonotonicClock.sleep(until: due, spinNanos: realTime ? 0 : 150_000)
                continue
            }
            available.wait()
            let connection = idle.withLock { $0.removeLast() }
            now = MonotonicClock.nanoseconds()
            indices.removeAll(keepingCapacity: true)
            batch.removeAll(keepingCapacity: true)
            while next < entries.count, batch.count < Self.maximumBatch, startNanos + offsets[next] <= now {
                if let planned = entries[next] {
                    indices.append(next + flagOffset)
                    batch.append(planned.entry)
                    let lag = max(0, now - startNanos - offsets[next]) / 1000
                    _ = measurements.lag.record(UInt64(lag))
                    if lag > 1000 { measurements.lateSends += 1 }
                }
                next += 1
            }
            guard !batch.isEmpty else {
                idle.withLock { $0.append(connection) }
                available.signal()
                continue
            }
            lastSend = now
            if measurements.firstSendNanos == nil { measurements.firstSendNanos = now }
            measurements.lastSendNanos = now
            let second = Int((now - origin) / 1_000_000_000)
            if second >= 0 {
                while measurements.offeredPerSecond.count <= second { measurements.offeredPerSecond.append(0) }
                measurements.offeredPerSecond[second] += batch.count
            }
            measurements.sent += batch.count
            sentSoFar.add(batch.count, ordering: .relaxed)
            connection.send(SendConnection.Batch(indices: indices, entries: batch))
        }
        for connection in connections {
            let tally = connection.close()
            measurements.accepted += tally.accepted
            measurements.duplicates += tally.duplicates
            measurements.refused += tally.refused
            if measurements.firstRefusal == nil { measurements.firstRefusal = tally.firstRefusal }
        }
        measurements.realTimePriority = realTime
        return measurements
    }
}
