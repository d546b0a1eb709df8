import Foundation
import TicketQRedis

extension LaneStore {
    /// The deployment marker, or nil when Redis holds none.
    ///
    /// - Throws: ``LanesError/deploymentUnreadable(_:)`` when a marker exists but cannot be read.
    public func deployment() throws(LanesError) -> DeploymentRecord? {
        let fields = try hashFields(keys.deployment, "deployment")
        guard !fields.isEmpty else { return nil }
        do {
            return try DeploymentRecord(fields: fields)
        } catch {
            throw .deploymentUnreadable(error)
        }
    }

    /// Whether the deployment marker is present (one cheap `EXISTS`).
    public func isDeployed() throws(LanesError) -> Bool {
        try command(["EXISTS", keys.deployment], "deployment").int == 1
    }

    /// Whether this namespace holds lane data (tickets, dead letters, the dedupe window, the
    /// fencing counter or the worker registry, in any partition) — with no marker, the sign of a
    /// deployment from an earlier release or of a partial data loss.
    public func holdsLaneData() throws(LanesError) -> Bool {
        let slots: [LaneKeys.Slot] = [
            .sameBusinessDay, .extended, .standard, .ticket, .payload, .meta, .inflight, .lease, .retry, .dead, .dedupe, .seen, .fence,
            .workers, .attempts, .promote, .promotions, .suspect, .digest,
        ]
        let scopes = keys.partitions == 1 ? [keys] : [keys] + keys.allPartitions
        for scope in scopes where (try command(["EXISTS"] + slots.map { scope.key($0) }, "deployment").int ?? 0) > 0 {
            return true
        }
        return false
    }

    /// Writes the deployment marker, atomically with the checks that make it safe: the root's
    /// and, for a deployment of several partitions, each partition's first (a rerun after a crash
    /// part-way writes the ones missing).
    ///
    /// - Parameters:
    ///   - origin: ``DeploymentRecord/Origin/initialized`` for a new deployment (refused when the
    ///     namespace holds data), ``DeploymentRecord/Origin/adopted`` for data written by a release
    ///     before markers, ``DeploymentRecord/Origin/recovered`` after a data loss (each partition
    ///     that lost its marker gets a new one).
    ///   - release: the version writing it.
    ///   - partitions: the partition count of a new deployment (default 1); for an existing one,
    ///     nil or its own count.
    ///
    /// Loads this release's function library first (``installLibrary()``): the commands that
    /// create deployments are the ones that own loading it.
    /// - Throws: ``LanesError/partitionCountFixed(stored:requested:)`` when `partitions` differs
    ///   from the count Redis holds, or asks for several partitions for adopted data (kept in one).
    public func createDeployment(
        origin: DeploymentRecord.Origin, release: String, partitions: Int? = nil
    ) throws(LanesError) -> DeploymentCreation {
        _ = try installLibrary()
        let root = try deployment()
        let count = root?.partitions ?? partitions ?? 1
        if let partitions, partitions != count { throw .partitionCountFixed(stored: count, requested: partitions) }
        if origin == .adopted, count > 1 { throw .partitionCountFixed(stored: 1, requested: count) }
        let layout = keys.withPartitions(count)
        let store = LaneStore(connection: connection, keys: layout, configuration: configuration)
        let id = UUID().uuidString.lowercased()
        var wrotePartition = false
        if count > 1 {
            if root == nil, origin == .initialized, try LaneStore(connection: connection, keys: keys.withPartitions(1)).holdsLaneData() {
                return .refusedExistingData
            }
            for partition in layout.allPartitions {
                switch try store.writeMarker(origin: origin, id: id, release: release, partitions: count, partition: partition) {
                case "created": wrotePartition = true
                case "present":
                    let fields = try hashFields(partition.deployment, "deployment")
                    let stored = Int(fields["partitions"] ?? "1") ?? 1
                    if stored != count { throw .partitionCountFixed(stored: stored, requested: count) }
                case "holds-data": return .refusedExistingData
                case "empty": continue
                case let other: throw .unexpectedReply(operation: "deployment", reply: other)
                }
            }
        }
        let answer = try store.writeMarker(origin: origin, id: id, release: release, partitions: count, partition: nil)
        switch answer {
        case "created", "present":
            guard let record = try deployment() else { throw .unexpectedReply(operation: "deployment", reply: "marker missing after writing it") }
            return answer == "created" || wrotePartition ? .created(record) : .markerPresent(record)
        case "holds-data":
            return .refusedExistingData
        case "empty":
            return .refusedNoData
        default:
            throw .unexpectedReply(operation: "deployment", reply: answer)
        }
    }

    /// One `create_deployment` call: on `partition`'s keys, or on the root's (nil).
    private func writeMarker(
        origin: DeploymentRecord.Origin, id: String, release: String, partitions: Int, partition: LaneKeys?
    ) throws(LanesError) -> String {
        let number = partition?.partition.map(String.init) ?? ""
        let reply = try call(
            .createDeployment,
            [Array(origin.rawValue.utf8), Array(id.utf8), Array(release.utf8), bytes(partitions), Array(number.utf8)],
            partition: partition ?? keys.withPartitions(1)
        )
        guard let answer = reply.array?.first?.string else { throw .unexpectedReply(operation: "deployment", reply: "\(reply)") }
        return answer
    }

    /// The root keys of the deployment as Redis holds it: `keys` with the partition count of
    /// its root marker (1 when there is no marker yet). Every process reads it before it
    /// addresses tickets.
    public static func resolvedKeys(_ keys: LaneKeys, connection: RedisConnection) throws(LanesError) -> LaneKeys {
        let reply: RedisReply
        do {
            reply = try connection.command([Array("HGET".utf8), keys.withPartitions(1).deployment, Array("partitions".utf8)])
        } catch {
            throw .redis(error)
        }
        guard let text = reply.string else { return keys.withPartitions(1) }
        guard let count = Int(text), LanePartitioning.allowedCounts.contains(count) else {
            throw .deploymentUnreadable(.malformedField("partitions", text))
        }
        return keys.withPartitions(count)
    }

    /// Adds dedupe entries for tickets already handled (after a recovery), in chunks.
    ///
    /// - Parameter entries: ticket ids with the instant their dedupe window starts.
    /// - Returns: how many entries were new.
    public func restoreDedupe(_ entries: [(id: String, atMillis: Int64)]) throws(LanesError) -> Int {
        var added = 0
        for group in partitioned(entries.count, id: { entries[$0].id }) {
            var start = 0
            while start < group.positions.count {
                let chunk = group.positions[start..<min(start + 1000, group.positions.count)]
                var arguments = [bytes(configuration.dedupeWindow.wholeMilliseconds), bytes(chunk.count)]
                for position in chunk {
                    arguments.append(bytes(entries[position].atMillis))
                    arguments.append(Array(entries[position].id.utf8))
                }
                added += Int(try call(.restoreDedupe, arguments, partition: group.partition).int ?? 0)
                start += chunk.count
            }
        }
        return added
    }
}
