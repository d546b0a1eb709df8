import TicketQCore
import TicketQRedis

extension LaneStore {
    /// Claims up to `batchSize` tickets for `worker`, urgent lane first with the lower tier's floor
    /// (over several partitions as ``ClaimPlan`` shares the batch out).
    public func claim(worker: String, batchSize: Int, scope: ClaimScope = .allLanes(leavingUrgent: 0)) throws(LanesError) -> ClaimBatch {
        let batch = min(max(batchSize, 1), 1000)
        let plan = keys.partitions == 1 ? [ClaimPlan.Share(partition: 0, count: batch, leavingUrgent: scope.leavingUrgent)]
            : try ClaimPlan(batch: batch, scope: scope, depths: partitionDepths()).shares
        let calls = plan.map { share in
            (partition: keys.partition(share.partition), arguments: [
                Array(worker.utf8), bytes(share.count), bytes(configuration.leaseDuration.wholeMilliseconds),
                Array(String(configuration.lowerStep).utf8),
            ] + scope.arguments(leavingUrgent: share.leavingUrgent))
        }
        let replies = try callEach(.claim, calls)
        var now: Int64 = 0
        var waiting = 0
        var claimed: [(partition: LaneKeys, ids: [[UInt8]], attempts: [Int], crashes: [Int], firstToken: Int64, inline: [RedisReply])] = []
        for (call, reply) in zip(calls, replies) {
            guard let items = reply.array, items.count == 6, let serverNow = items[0].int, let suspects = items[1].int,
                  let firstToken = items[2].int, let claimedIDs = items[3].array, let redelivered = items[4].array,
                  let inline = items[5].array
            else { throw .unexpectedReply(operation: "claim", reply: "\(reply)") }
            now = max(now, serverNow)
            waiting += Int(suspects)
            let count = claimedIDs.count
            guard count > 0 else { continue }
            var ids: [[UInt8]] = []
            ids.reserveCapacity(count)
            for id in claimedIDs {
                guard let bytes = id.bytes else { throw .unexpectedReply(operation: "claim", reply: "\(reply)") }
                ids.append(bytes)
            }
            // Most tickets are on their first delivery; the others are listed by position.
            var attempts = [Int](repeating: 1, count: count)
            var crashes = [Int](repeating: 0, count: count)
            for entry in redelivered {
                guard let fields = entry.array, fields.count == 3, let position = fields[0].int, (1...count).contains(Int(position)),
                      let delivery = fields[1].int, let crashed = fields[2].int
                else { throw .unexpectedReply(operation: "claim", reply: "\(reply)") }
                attempts[Int(position) - 1] = Int(delivery)
                crashes[Int(position) - 1] = Int(crashed)
            }
            claimed.append((call.partition, ids, attempts, crashes, firstToken, inline))
        }
        guard !claimed.isEmpty else { return ClaimBatch(serverTimeMillis: now, tickets: [], suspectsWaiting: waiting) }
        let fetched: [RedisReply]
        if scope.fetchesInline {
            fetched = claimed.map { RedisReply.array($0.inline) }
        } else {
            do {
                fetched = try connection.pipeline(claimed.map { [Array("HMGET".utf8), $0.partition.key(.ticket)] + $0.ids })
            } catch {
                throw .redis(error)
            }
        }
        var tickets: [ClaimedTicket] = []
        tickets.reserveCapacity(claimed.reduce(0) { $0 + $1.ids.count })
        for (part, recordsReply) in zip(claimed, fetched) {
            let records = recordsReply.array ?? []
            for position in part.ids.indices {
                let id = String(decoding: part.ids[position], as: UTF8.self)
                let lease = TicketLease(id: id, token: part.firstToken + Int64(position))
                // A record that is missing or unreadable leaves the payload nil: the worker dead-letters
                // it (in the standard lane, due now: nothing else is known of it).
                guard let stored = records[safe: position]?.bytes, let record = try? TicketRecord(decoding: stored) else {
                    tickets.append(ClaimedTicket(
                        lease: lease, attempts: part.attempts[position], lane: .standard, intakeLane: .standard, promoted: false,
                        dueMillis: now, enqueuedMillis: 0, payload: nil, crashedDeliveries: part.crashes[position]
                    ))
                    continue
                }
                tickets.append(ClaimedTicket(
                    lease: lease, attempts: part.attempts[position], lane: record.lane, intakeLane: record.intakeLane,
                    promoted: record.promoted, dueMillis: record.dueMillis, enqueuedMillis: record.enqueuedMillis,
                    payload: record.payload, crashedDeliveries: part.crashes[position]
                ))
            }
        }
        // Urgent first, then the lower tier earliest deadline first, as the tickets were chosen.
        tickets.sort { ($0.lane == .sameBusinessDay ? 0 : 1, $0.dueMillis) < ($1.lane == .sameBusinessDay ? 0 : 1, $1.dueMillis) }
        return ClaimBatch(serverTimeMillis: now, tickets: tickets, suspectsWaiting: waiting)
    }
}
