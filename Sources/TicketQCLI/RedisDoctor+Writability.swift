extension RedisDoctor {
    /// The server accepts writes now: it is a primary, has the replicas `min-replicas-to-write`
    /// asks for, and has finished loading. Workers cannot acknowledge, and submits fail, otherwise.
    static func writability(_ facts: RedisDoctorFacts) -> [DoctorFinding] {
        var findings: [DoctorFinding] = []
        switch facts.role {
        case nil:
            findings.append(unchecked("role", setting: "the replication role", source: .info, facts))
        case "master":
            findings.append(DoctorFinding(.ok, "role", "a primary: accepts writes"))
        case let role?:
            findings.append(DoctorFinding(.error, "role", "a read-only replica (role:\(role)): submits and acknowledgements fail", fix: "point --redis at the primary"))
        }
        findings += minReplicas(facts)
        if facts.loading == true {
            findings.append(DoctorFinding(.warning, "loading", "Redis is still loading its dataset: commands fail with LOADING until it finishes", fix: "wait, then run ticketq doctor again"))
        } else if facts.loading == nil {
            findings.append(unchecked("loading", setting: "whether the dataset is loaded", source: .info, facts))
        }
        return findings
    }

    private static func minReplicas(_ facts: RedisDoctorFacts) -> [DoctorFinding] {
        guard let wanted = facts.minReplicasToWrite else {
            return [unchecked("min-replicas", setting: "min-replicas-to-write", source: .configGet, facts)]
        }
        guard wanted > 0 else { return [DoctorFinding(.ok, "min-replicas", "min-replicas-to-write 0: writes never wait for replicas")] }
        guard let connected = facts.connectedReplicas else {
            return [unchecked("min-replicas", setting: "the connected replicas", source: .info, facts)]
        }
        if connected < wanted {
            return [DoctorFinding(
                .error, "min-replicas", "min-replicas-to-write \(wanted) but \(connected) replica(s) connected: Redis refuses writes, so nothing is submitted or acknowledged",
                fix: "bring the replicas back, or lower `min-replicas-to-write` (CONFIG SET min-replicas-to-write \(connected))")]
        }
        if connected > wanted {
            return [DoctorFinding(.ok, "min-replicas", "min-replicas-to-write \(wanted) with \(connected) replicas connected")]
        }
        return [DoctorFinding(
            .warning, "min-replicas", "min-replicas-to-write \(wanted) with \(connected) replica(s) connected: writes stop as soon as one more replica drops",
            fix: "keep more replicas than min-replicas-to-write, or set it to 0")]
    }
}
