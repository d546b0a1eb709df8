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
    /// fencing counter or the worker registry) — with no marker, the sign of a deployment from
    /// an earlier release or of a partial data loss.
    public func holdsLaneData() throws(LanesError) -> Bool {
        let slots: [LaneKeys.Slot] = [
            .sameBusinessDay, .extended, .standard, .ticket, .payload, .meta, .inflight, .lease, .retry, .dead, .dedupe, .seen, .fence,
            .workers, .attempts, .promote, .promotions, .suspect, .digest,
        ]
        return (try command(["EXISTS"] + slots.map { keys.key($0) }, "deployment").int ?? 0) > 0
    }

    /// Writes the deployment marker, atomically with the checks that make it safe.
    ///
    /// - Parameters:
    ///   - origin: ``DeploymentRecord/Origin/initialized`` for a new deployment (refused when the
    ///     namespace holds data), ``DeploymentRecord/Origin/adopted`` for data written by a release
    ///     before markers, ``DeploymentRecord/Origin/recovered`` after a data loss.
    ///   - release: the version writing it.
    ///
    /// Loads this release's function library first (``installLibrary()``): the commands that
    /// create deployments are the ones that own loading it.
    public func createDeployment(origin: DeploymentRecord.Origin, release: String) throws(LanesError) -> DeploymentCreation {
        _ = try installLibrary()
        let id = UUID().uuidString.lowercased()
        let reply = try call(.createDeployment, [Array(origin.rawValue.utf8), Array(id.utf8), Array(release.utf8)])
        switch reply.array?.first?.string {
        case "created":
            guard let record = try deployment() else { throw .unexpectedReply(operation: "deployment", reply: "marker missing after writing it") }
            return .created(record)
        case "present":
            guard let record = try deployment() else { throw .unexpectedReply(operation: "deployment", reply: "\(reply)") }
            return .markerPresent(record)
        case "holds-data":
            return .refusedExistingData
        case "empty":
            return .refusedNoData
        default:
            throw .unexpectedReply(operation: "deployment", reply: "\(reply)")
        }
    }

    /// Adds dedupe entries for tickets already handled (after a recovery), in chunks.
    ///
    /// - Parameter entries: ticket ids with the instant their dedupe window starts.
    /// - Returns: how many entries were new.
    public func restoreDedupe(_ entries: [(id: String, atMillis: Int64)]) throws(LanesError) -> Int {
        var added = 0
        var start = 0
        while start < entries.count {
            let chunk = entries[start..<min(start + 1000, entries.count)]
            var arguments = [bytes(configuration.dedupeWindow.wholeMilliseconds), bytes(chunk.count)]
            for entry in chunk {
                arguments.append(bytes(entry.atMillis))
                arguments.append(Array(entry.id.utf8))
            }
            added += Int(try call(.restoreDedupe, arguments).int ?? 0)
            start += chunk.count
        }
        return added
    }
}
