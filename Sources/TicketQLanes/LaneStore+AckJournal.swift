import TicketQRedis

extension LaneStore {
    /// The leases whose settlement Redis accepted for `worker` in one of its journals (in every
    /// partition) and the worker has not yet said it confirmed (entries a release before the
    /// function library left in the old journal included).
    public func ackJournal(worker: String, journal: AckJournal = .general) throws(LanesError) -> Set<TicketLease> {
        var result: Set<TicketLease> = []
        for partition in keys.allPartitions {
            result.formUnion(try ackJournal(worker: worker, journal: journal, in: partition))
        }
        return result
    }

    private func ackJournal(worker: String, journal: AckJournal, in partition: LaneKeys) throws(LanesError) -> Set<TicketLease> {
        let replies: [RedisReply]
        do {
            replies = try connection.pipeline([
                [Array("HGETALL".utf8), partition.ackJournal(worker: worker, journal: journal)],
                [Array("LRANGE".utf8), partition.legacyAckJournal(worker: worker, journal: journal), Array("0".utf8), Array("-1".utf8)],
            ])
        } catch {
            throw .redis(error)
        }
        var result: Set<TicketLease> = []
        let fields = replies[0].array ?? []
        var index = 0
        while index + 1 < fields.count {
            if let id = fields[index].string, !id.hasPrefix("#"), let token = fields[index + 1].int {
                result.insert(TicketLease(id: id, token: token))
            }
            index += 2
        }
        for batch in replies[1].array ?? [] {
            for entry in (batch.string ?? "").split(separator: ",") {
                let parts = entry.split(separator: "|")
                if parts.count == 2, let token = Int64(parts[1]) { result.insert(TicketLease(id: String(parts[0]), token: token)) }
            }
        }
        return result
    }

    /// Deletes a worker's ack journals (old and new, in every partition) once its store has confirmed every entry.
    public func clearAckJournals(worker: String) throws(LanesError) {
        for partition in keys.allPartitions {
            let names = AckJournal.allCases.flatMap {
                [partition.ackJournal(worker: worker, journal: $0), partition.legacyAckJournal(worker: worker, journal: $0)]
            }
            _ = try command(["DEL"] + names, "journal")
        }
    }

    /// The journal arguments of a settlement: how many entries to forget, then their ids.
    func forgettingArguments(_ ids: [String]) -> [[UInt8]] {
        [bytes(ids.count)] + ids.map { Array($0.utf8) }
    }
}
