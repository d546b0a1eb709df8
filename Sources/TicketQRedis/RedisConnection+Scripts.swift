extension RedisConnection {
    /// Runs `script` with `EVALSHA`, loading it first when this connection has not loaded it yet and again
    /// when the server answers `NOSCRIPT`.
    ///
    /// - Throws: ``RedisError/server(_:)`` when the script fails or does not compile, or a connection-level
    ///   ``RedisError``.
    @discardableResult
    public func evalSHA(_ script: RedisScript, keys: [[UInt8]] = [], arguments: [[UInt8]] = []) throws(RedisError) -> RedisReply {
        try command(.evalSHA(script, keys: keys, arguments: arguments))
    }

    /// Loads `script` into the server's script cache (`SCRIPT LOAD`).
    /// - Throws: ``RedisError/server(_:)`` when the script does not compile.
    public func loadScript(_ script: RedisScript) throws(RedisError) {
        let reply = try command([Array("SCRIPT".utf8), Array("LOAD".utf8), Array(script.source.utf8)])
        guard reply.string == script.sha1 else {
            throw .protocolError("SCRIPT LOAD answered \(reply), expected the digest \(script.sha1)")
        }
        loadedScripts.insert(script.sha1)
    }

    /// Writes all commands, then reads all replies, in one round trip; `EVALSHA` commands may be mixed with
    /// plain ones.
    ///
    /// A script this connection has not loaded yet is loaded (`SCRIPT LOAD`) in the same round trip, right
    /// before its first use, so replies keep the order of `commands`. If the server still answers `NOSCRIPT`
    /// (its script cache was flushed), the affected scripts are loaded and only those commands are sent again;
    /// they then run after the rest of the pipeline, which is safe because a `NOSCRIPT` command had no effect.
    ///
    /// Error replies stay in place as ``RedisReply/error(_:)``; a script that fails to compile yields its
    /// compile error rather than `NOSCRIPT`. Only connection-level failures throw.
    public func pipeline(_ commands: [RedisCommand]) throws(RedisError) -> [RedisReply] {
        var replies = try send(commands)
        let failed = commands.indices.filter { index in
            commands[index].script != nil && replies[index].serverError?.isNoScript == true
        }
        guard !failed.isEmpty else { return replies }
        for index in failed {
            loadedScripts.remove(commands[index].script!.sha1)
        }
        let retried = try send(failed.map { commands[$0] })
        for (position, index) in failed.enumerated() {
            replies[index] = retried[position]
        }
        return replies
    }

    /// One round trip: `SCRIPT LOAD` for each script not known to be loaded, then the commands.
    private func send(_ commands: [RedisCommand]) throws(RedisError) -> [RedisReply] {
        var buffer = ArgvBuffer()
        var loads: [(wireIndex: Int, script: RedisScript)] = []
        var loading: Set<String> = []
        var commandWireIndices: [Int] = []
        commandWireIndices.reserveCapacity(commands.count)
        for command in commands {
            try Self.validate(command.arguments)
            if let script = command.script, !loadedScripts.contains(script.sha1), loading.insert(script.sha1).inserted {
                loads.append((buffer.commandCount, script))
                buffer.append([Array("SCRIPT".utf8), Array("LOAD".utf8), Array(script.source.utf8)])
            }
            commandWireIndices.append(buffer.commandCount)
            buffer.append(command.arguments)
        }
        let wireReplies = try roundTrip(buffer)

        var loadErrors: [String: RedisServerError] = [:]
        for (wireIndex, script) in loads {
            switch wireReplies[wireIndex] {
            case .error(let error):
                loadErrors[script.sha1] = error
            case let reply where reply.string == script.sha1:
                loadedScripts.insert(script.sha1)
            case let reply:
                throw .protocolError("SCRIPT LOAD answered \(reply), expected the digest \(script.sha1)")
            }
        }
        return commands.indices.map { index in
            let reply = wireReplies[commandWireIndices[index]]
            if let sha1 = commands[index].script?.sha1, let loadError = loadErrors[sha1], reply.serverError?.isNoScript == true {
                return .error(loadError)
            }
            return reply
        }
    }
}
