extension RedisDoctor {
    /// `appendonly yes`: without the append-only file a restart or crash loses accepted tickets.
    static func persistence(_ facts: RedisDoctorFacts) -> [DoctorFinding] {
        guard let appendOnly = facts.appendOnly else {
            return [unchecked("persistence", setting: "appendonly", source: .info, facts)]
        }
        if appendOnly {
            return [DoctorFinding(.ok, "persistence", "appendonly yes: every accepted ticket is in the append-only file")]
        }
        let fix = "set `appendonly yes` (and `appendfsync everysec`) in redis.conf, or now: CONFIG SET appendonly yes"
        switch facts.save {
        case .some(let save) where save.isEmpty:
            return [DoctorFinding(.error, "persistence", "persistence is off (appendonly no, save \"\"): a Redis restart loses every queued ticket", fix: fix)]
        case .some(let save):
            return [DoctorFinding(.error, "persistence", "appendonly no with only RDB snapshots (save \"\(save)\"): a crash loses every ticket accepted since the last snapshot", fix: fix)]
        case .none:
            return [DoctorFinding(.error, "persistence", "appendonly no: a Redis crash loses the tickets not yet in a snapshot, a restart without snapshots all of them", fix: fix)]
        }
    }

    /// `appendfsync always` or `everysec`: with `no` the kernel decides when the file reaches the
    /// disk, and a power cut loses up to ~30 seconds of accepted tickets.
    static func appendFsync(_ facts: RedisDoctorFacts) -> [DoctorFinding] {
        guard facts.appendOnly != false else { return [] }
        guard let fsync = facts.appendFsync else {
            return [unchecked("appendfsync", setting: "appendfsync", source: .configGet, facts)]
        }
        switch fsync {
        case "always":
            return [DoctorFinding(.ok, "appendfsync", "appendfsync always: no acknowledged write is lost")]
        case "everysec":
            return [DoctorFinding(.ok, "appendfsync", "appendfsync everysec: a power cut loses at most one second of writes")]
        default:
            return [DoctorFinding(
                .error, "appendfsync", "appendfsync \(fsync): the kernel flushes the append-only file when it likes, so a power cut loses tens of seconds of accepted tickets",
                fix: "set `appendfsync everysec` (or `always`) in redis.conf, or now: CONFIG SET appendfsync everysec")]
        }
    }

    /// The last append-only write, rewrite and snapshot succeeded. A failed write (or a failed
    /// snapshot with save points configured) makes Redis refuse every write, which stops submits
    /// and acknowledgements.
    static func persistenceStatus(_ facts: RedisDoctorFacts) -> [DoctorFinding] {
        guard let aofWrite = facts.aofLastWriteOK, let aofRewrite = facts.aofLastRewriteOK, let rdbSave = facts.rdbLastSaveOK else {
            return [unchecked("persistence-status", setting: "the last write and snapshot status", source: .info, facts)]
        }
        var findings: [DoctorFinding] = []
        let disk = "look in the Redis log; usually the disk is full or not writable"
        if !aofWrite && facts.appendOnly != false {
            findings.append(DoctorFinding(.error, "persistence-status", "the last append-only file write failed (aof_last_write_status:err): Redis refuses writes, so nothing can be submitted or acknowledged", fix: disk))
        }
        if !aofRewrite {
            findings.append(DoctorFinding(.warning, "persistence-status", "the last append-only file rewrite failed (aof_last_bgrewrite_status:err): the file keeps growing", fix: disk + ", then BGREWRITEAOF"))
        }
        if !rdbSave {
            if facts.save?.isEmpty == true {
                findings.append(DoctorFinding(.warning, "persistence-status", "the last snapshot failed (rdb_last_bgsave_status:err)", fix: disk))
            } else {
                findings.append(DoctorFinding(.error, "persistence-status", "the last snapshot failed (rdb_last_bgsave_status:err): with save points and stop-writes-on-bgsave-error yes, Redis refuses writes", fix: disk + ", then BGSAVE"))
            }
        }
        if findings.isEmpty {
            findings.append(DoctorFinding(.ok, "persistence-status", "the last append-only write, rewrite and snapshot succeeded"))
        }
        return findings
    }
}
