import TicketQRedis

/// Reads the facts `ticketq doctor` judges from a live Redis server, in two round trips (the
/// second asks `ACL DRYRUN` about the users the first listed).
///
/// `INFO` gives the version, persistence status, memory limit and policy, and replication role to
/// most users; `CONFIG GET` and the `ACL` commands need an admin-ish user. A refused command is
/// recorded in ``RedisDoctorFacts/refusals`` and its facts stay `nil`.
struct RedisDoctorReader {
    let connection: RedisConnection

    private static let infoSections = ["server", "persistence", "memory", "replication"]
    private static let configParameters = ["appendonly", "appendfsync", "save", "min-replicas-to-write"]

    /// Reads the facts.
    /// - Throws: a connection-level ``RedisError`` (a refused command is not an error).
    func read() throws(RedisError) -> RedisDoctorFacts {
        // One CONFIG GET per parameter: several parameters in one call need Redis 7.
        let commands = Self.infoSections.map { ["INFO", $0] } + Self.configParameters.map { ["CONFIG", "GET", $0] } + [["ACL", "GETUSER", "default"], ["ACL", "USERS"]]
        var replies = try connection.pipeline(commands.map { $0.map { Array($0.utf8) } })
        let users = replies.removeLast()
        var facts = RedisDoctorFacts()

        var info: [String: String] = [:]
        for reply in replies.prefix(Self.infoSections.count) {
            if let error = reply.serverError {
                facts.refusals[.info] = error.message
            } else if let text = reply.string {
                info.merge(Self.infoFields(text)) { $1 }
            }
        }
        var config: [String: String] = [:]
        for reply in replies.dropFirst(Self.infoSections.count).prefix(Self.configParameters.count) {
            if let error = reply.serverError {
                facts.refusals[.configGet] = error.message
            } else if let pairs = reply.array, pairs.count == 2, let name = pairs[0].string, let value = pairs[1].string {
                config[name] = value
            }
        }
        if let error = replies.last?.serverError {
            facts.refusals[.aclGetUser] = error.message
        } else if let user = replies.last {
            facts.defaultUser = Self.defaultUser(user)
        }

        if let error = users.serverError {
            facts.refusals[.aclUsers] = error.message
        } else {
            let names = (users.array ?? []).compactMap(\.string).filter { $0 != "default" }
            try probe(names, into: &facts)
        }

        facts.version = info["redis_version"].flatMap(RedisVersion.init)
        facts.appendOnly = info["aof_enabled"].map { $0 == "1" } ?? config["appendonly"].map { $0 == "yes" }
        facts.appendFsync = config["appendfsync"]
        facts.save = config["save"]
        facts.maxMemory = info["maxmemory"].flatMap { Int64($0) }
        facts.maxMemoryPolicy = info["maxmemory_policy"]
        facts.minReplicasToWrite = config["min-replicas-to-write"].flatMap { Int($0) }
        facts.role = info["role"]
        facts.connectedReplicas = info["connected_slaves"].flatMap { Int($0) }
        facts.aofLastWriteOK = info["aof_last_write_status"].map { $0 == "ok" }
        facts.aofLastRewriteOK = info["aof_last_bgrewrite_status"].map { $0 == "ok" }
        facts.rdbLastSaveOK = info["rdb_last_bgsave_status"].map { $0 == "ok" }
        facts.loading = info["loading"].map { $0 == "1" }
        return facts
    }

    /// The `name:value` lines of an INFO reply.
    static func infoFields(_ text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) where !line.hasPrefix("#") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = String(line[line.index(after: colon)...])
        }
        return fields
    }

    /// The `default` user from an `ACL GETUSER` reply: a flat list of field names and values
    /// (`keys` is a string on Redis 7, a list of patterns on Redis 6).
    static func defaultUser(_ reply: RedisReply) -> DefaultUserACL? {
        guard let elements = reply.array else { return nil }
        var fields: [String: RedisReply] = [:]
        for index in stride(from: 0, to: elements.count - 1, by: 2) {
            if let name = elements[index].string { fields[name] = elements[index + 1] }
        }
        func text(_ name: String) -> String {
            guard let value = fields[name] else { return "" }
            return value.string ?? value.array?.compactMap(\.string).joined(separator: " ") ?? ""
        }
        let flags = fields["flags"]?.array?.compactMap(\.string) ?? []
        // Redis 6 lists key patterns without the `~` of the rule that set them.
        let keys = fields["keys"]?.array != nil ? text("keys").split(separator: " ").map { "~" + $0 }.joined(separator: " ") : text("keys")
        return DefaultUserACL(flags: flags, commands: text("commands"), keys: keys)
    }
}
