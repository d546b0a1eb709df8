/// What `ticketq doctor` read from a Redis server; `nil` means the value could not be read
/// (see ``refusals`` for why).
struct RedisDoctorFacts: Sendable, Hashable {
    /// The commands the facts come from, for naming the checks a refused command prevents.
    enum Source: String, Sendable, Hashable, CaseIterable {
        case info = "INFO"
        case configGet = "CONFIG GET"
        case aclGetUser = "ACL GETUSER default"
        case aclUsers = "ACL USERS"
        case aclDryRun = "ACL DRYRUN"
    }

    /// `redis_version` (INFO server).
    var version: RedisVersion?
    /// `appendonly` (INFO persistence `aof_enabled`, else CONFIG GET).
    var appendOnly: Bool?
    /// `appendfsync`: `always`, `everysec` or `no` (CONFIG GET).
    var appendFsync: String?
    /// `save`, e.g. `3600 1 300 100` or empty for no snapshots (CONFIG GET).
    var save: String?
    /// `maxmemory` in bytes, 0 for no limit (INFO memory).
    var maxMemory: Int64?
    /// `maxmemory-policy` (INFO memory).
    var maxMemoryPolicy: String?
    /// `min-replicas-to-write` (CONFIG GET).
    var minReplicasToWrite: Int?
    /// `role` (INFO replication): `master` or `slave`.
    var role: String?
    /// `connected_slaves` (INFO replication).
    var connectedReplicas: Int?
    /// The `default` user (ACL GETUSER default).
    var defaultUser: DefaultUserACL?
    /// What each user but `default` may run (ACL USERS, then ACL DRYRUN for each), by name.
    var aclUsers: [ACLUserProbe]?
    /// `aof_last_write_status:ok` (INFO persistence).
    var aofLastWriteOK: Bool?
    /// `aof_last_bgrewrite_status:ok` (INFO persistence).
    var aofLastRewriteOK: Bool?
    /// `rdb_last_bgsave_status:ok` (INFO persistence).
    var rdbLastSaveOK: Bool?
    /// `loading:1` (INFO persistence): the server is still loading its dataset.
    var loading: Bool?
    /// Why a source could not be read, e.g. `NOPERM this user has no permissions to run the 'config|get' command`.
    var refusals: [Source: String] = [:]

    init() {}
}
