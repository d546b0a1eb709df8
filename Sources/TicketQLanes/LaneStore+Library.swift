import TicketQRedis

extension LaneStore {
    /// The version of the `ticketq` function library Redis holds, or nil when it holds none.
    public func installedLibraryVersion() throws(LanesError) -> Int? {
        do {
            return try connection.command("FCALL_RO", "ticketq_version", "0").int.map(Int.init)
        } catch let .server(serverError) where Self.isFunctionNotFound(serverError) {
            return nil
        } catch {
            throw .redis(error)
        }
    }

    /// Loads this build's function library, replacing one of another version or with other code.
    ///
    /// Only the commands that own loading call this (`ticketq deployment init`, `ticketq
    /// migrate`); it needs a Redis user allowed to run `FUNCTION LOAD`.
    public func installLibrary() throws(LanesError) -> LaneLibraryInstallation {
        let listed = try command(["FUNCTION", "LIST", "LIBRARYNAME", LaneLibrary.name, "WITHCODE"], "library")
        let existing = (listed.array ?? []).first { Self.field("library_name", of: $0)?.string == LaneLibrary.name }
        guard let existing else {
            try load(replace: false)
            return .loaded
        }
        if Self.field("library_code", of: existing)?.string == LaneLibrary.source { return .unchanged }
        let previous = try installedLibraryVersion()
        try load(replace: true)
        return .replaced(previousVersion: previous)
    }

    /// Throws ``LanesError/libraryNotLoaded(function:)`` unless Redis holds this build's library
    /// version, and ``LanesError/migrationNeeded`` while a deployment keeps its tickets or their
    /// promotions in an earlier release's layout.
    public func requireLibrary() throws(LanesError) {
        guard try installedLibraryVersion() == LaneLibrary.version else {
            throw .libraryNotLoaded(function: String(decoding: LaneFunction.status.registeredName, as: UTF8.self))
        }
        let marker = try command(
            ["HMGET", keys.deployment, "schema", DeploymentRecord.ticketRecordsField, DeploymentRecord.promotionListsField], "deployment"
        ).array ?? []
        if marker.first?.isNull == false, marker.dropFirst().contains(where: { $0.string != "1" }) { throw .migrationNeeded }
    }

    private func load(replace: Bool) throws(LanesError) {
        _ = try command(["FUNCTION", "LOAD"] + (replace ? ["REPLACE"] : []) + [LaneLibrary.source], "library load")
    }

    /// Calls one function of the library with its declared keys, resolved by name.
    ///
    /// - Parameters:
    ///   - partition: the keys of the partition the call works on; nil for the store's own keys
    ///     (the root, which is the partition of a deployment of one).
    ///   - journal: the worker's ack journal, for functions that declare one; nil leaves it out
    ///     (it is declared last).
    ///   - alive: the worker's liveness key, for functions that declare one.
    ///   - trailingKeys: keys past the declared ones (the reaper's liveness keys).
    func call(
        _ function: LaneFunction, _ arguments: [[UInt8]], partition: LaneKeys? = nil, journal: [UInt8]? = nil,
        alive: [UInt8]? = nil, trailingKeys: [[UInt8]] = []
    ) throws(LanesError) -> RedisReply {
        let parts = invocation(function, arguments, partition: partition, journal: journal, alive: alive, trailingKeys: trailingKeys)
        let reply: RedisReply
        do {
            reply = try connection.command(parts)
        } catch let .server(serverError) {
            throw Self.laneError(serverError, function: function)
        } catch {
            throw .redis(error)
        }
        if case let .error(serverError) = reply { throw Self.laneError(serverError, function: function) }
        return reply
    }

    /// Calls one function once per partition in one pipeline (one round trip), in the order given.
    ///
    /// - Throws: the first call's error, after every call has run (each call is atomic on its own).
    func callEach(
        _ function: LaneFunction, _ calls: [(partition: LaneKeys, arguments: [[UInt8]])], journal: ((LaneKeys) -> [UInt8]?)? = nil,
        trailingKeys: [[UInt8]] = []
    ) throws(LanesError) -> [RedisReply] {
        if calls.count == 1 {
            let only = calls[0]
            return [try call(function, only.arguments, partition: only.partition, journal: journal?(only.partition), trailingKeys: trailingKeys)]
        }
        let commands = calls.map {
            invocation(function, $0.arguments, partition: $0.partition, journal: journal?($0.partition), alive: nil, trailingKeys: trailingKeys)
        }
        let replies: [RedisReply]
        do {
            replies = try connection.pipeline(commands)
        } catch {
            throw .redis(error)
        }
        for reply in replies {
            if case let .error(serverError) = reply { throw Self.laneError(serverError, function: function) }
        }
        return replies
    }

    /// The command line of one call.
    private func invocation(
        _ function: LaneFunction, _ arguments: [[UInt8]], partition: LaneKeys?, journal: [UInt8]?, alive: [UInt8]?,
        trailingKeys: [[UInt8]]
    ) -> [[UInt8]] {
        let scope = partition ?? keys
        precondition(
            !function.partitioned || scope.partitions == 1 || scope.partition != nil,
            "\(function.name) works on one partition of \(scope.partitions)"
        )
        var functionKeys: [[UInt8]] = []
        functionKeys.reserveCapacity(function.keys.count + trailingKeys.count)
        for name in function.keys {
            switch name {
            case .journal:
                if let journal { functionKeys.append(journal) }
            case .alive:
                guard let alive else { preconditionFailure("\(function.name) needs a worker's liveness key") }
                functionKeys.append(alive)
            default:
                functionKeys.append(scope.functionKey(name))
            }
        }
        functionKeys += trailingKeys
        var parts: [[UInt8]] = [function.readOnly ? Self.fcallReadOnly : Self.fcall, function.registeredName, bytes(functionKeys.count)]
        parts.reserveCapacity(3 + functionKeys.count + arguments.count)
        parts += functionKeys
        parts += arguments
        return parts
    }

    private static let fcall = Array("FCALL".utf8)
    private static let fcallReadOnly = Array("FCALL_RO".utf8)

    private static func laneError(_ serverError: RedisServerError, function: LaneFunction) -> LanesError {
        if serverError.code == LanesError.deploymentMissingCode { return .deploymentMissing }
        if serverError.code == LanesError.migrationNeededCode { return .migrationNeeded }
        if serverError.code == LanesError.partitionsMismatchCode { return .partitionsMismatch(serverError.message) }
        if isFunctionNotFound(serverError) {
            return .libraryNotLoaded(function: String(decoding: function.registeredName, as: UTF8.self))
        }
        return .redis(.server(serverError))
    }

    private static func isFunctionNotFound(_ serverError: RedisServerError) -> Bool {
        serverError.code == "ERR" && serverError.message.lowercased().contains("function not found")
    }

    /// The value after `name` in a RESP2 map reply (a flat array of names and values).
    private static func field(_ name: String, of reply: RedisReply) -> RedisReply? {
        guard let items = reply.array else { return nil }
        var index = 0
        while index + 1 < items.count {
            if items[index].string == name { return items[index + 1] }
            index += 2
        }
        return nil
    }
}
