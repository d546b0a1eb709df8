extension RedisDoctor {
    /// The first version assumed to replay the append-only file without the `default` user's
    /// permissions. Redis 7.0.x checks each replayed MULTI/EXEC (how a function call's writes reach the file)
    /// against `default`; older and unparsable versions are treated as affected. For 7.2 and later
    /// the replay is assumed to be fixed — an assumption stated in the output, not verified here.
    static let fixedReplayVersion = RedisVersion(7, 2)

    /// The line that keeps `default` disabled for logins but lets the replay run every command.
    static let safeDefaultUserLine = "user default off resetpass ~* &* +@all"

    /// With `appendonly yes`, a `default` user without every command and key (e.g. `user default off`)
    /// makes each replayed EXEC (a function call's writes) fail with NOPERM on Redis < 7.2: the tickets vanish on restart.
    static func aclReplay(_ facts: RedisDoctorFacts) -> [DoctorFinding] {
        let check = "acl-aof"
        guard facts.appendOnly != false else {
            return [DoctorFinding(.ok, check, "no append-only file, so no ACL replay problem (see persistence)")]
        }
        let fix = "in the ACL file (or redis.conf) replace the default user's line with `\(safeDefaultUserLine)`, then ACL LOAD (or restart)"
        if let version = facts.version, version < RedisVersion(6, 0) {
            return [DoctorFinding(.ok, check, "Redis \(version) has no ACLs, so the append-only file replays in full")]
        }
        if let version = facts.version, version >= fixedReplayVersion {
            return [DoctorFinding(.ok, check, "Redis \(version) is assumed to replay the append-only file regardless of the default user's permissions (fixed from 7.2)")]
        }
        guard let user = facts.defaultUser else {
            return [unchecked(check, setting: "the default user's permissions (needed to replay the append-only file)", source: .aclGetUser, facts)]
        }
        if user.hasFullPermissions {
            return [DoctorFinding(.ok, check, "the default user may run every command on every key, so the append-only file replays in full")]
        }
        guard let version = facts.version else {
            return [DoctorFinding(
                .warning, check, "the default user is restricted (\(user.summary)) and the Redis version is unknown: before 7.2 a restart drops the writes of every function call from the append-only file (NOPERM on EXEC)",
                fix: fix)]
        }
        return [DoctorFinding(
            .error, check, "Redis \(version) replays the append-only file as the default user, which is restricted (\(user.summary)): on restart the writes of every function call fail with NOPERM and the tickets vanish",
            fix: fix)]
    }
}
