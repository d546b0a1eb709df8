extension LaneFunction {
    static let submit = LaneFunction("submit", [
        .deployment, .seen, .seenOrder, .seenMarks, .seenPushed, .ticket, .sameBusinessDay, .extended, .standard, .promotions, .wake,
        .urgentWake,
    ])
    static let claim = LaneFunction("claim", [
        .deployment, .retry, .ticket, .sameBusinessDay, .extended, .standard, .credit, .fence, .inflight, .lease,
        .attempts, .wake, .urgentWake, .suspect, .crashes,
    ])
    static let acknowledge = LaneFunction(
        "acknowledge", [.deployment, .lease, .inflight, .ticket, .attempts, .crashes, .journal]
    )
    static let deadLetter = LaneFunction(
        "dead_letter", [.deployment, .lease, .inflight, .dead, .deadInfo, .ticket, .crashes, .deadBytes, .journal]
    )
    static let retry = LaneFunction("retry", [.deployment, .lease, .inflight, .retry, .attempts])
    static let release = LaneFunction("release", [
        .deployment, .lease, .inflight, .ticket, .sameBusinessDay, .extended, .standard, .wake, .urgentWake,
        .suspect, .crashes,
    ])
    static let renew = LaneFunction("renew", [.deployment, .lease, .inflight])
    static let reap = LaneFunction("reap", [
        .deployment, .inflight, .lease, .ticket, .workers, .sameBusinessDay, .extended, .standard, .wake, .urgentWake,
        .suspect, .crashes, .attempts,
    ])
    static let requeueWorker = LaneFunction("requeue_worker", [
        .deployment, .inflight, .lease, .ticket, .sameBusinessDay, .extended, .standard, .wake, .urgentWake, .suspect, .crashes,
        .attempts,
    ])
    static let countDeliveriesOnEnd = LaneFunction("count_deliveries_on_end", [.deployment, .inflight, .attempts])
    static let promote = LaneFunction("promote", [
        .deployment, .promotions, .ticket, .sameBusinessDay, .extended, .standard, .wake, .urgentWake,
    ])
    static let requeueDead = LaneFunction("requeue_dead", [
        .deployment, .dead, .deadInfo, .ticket, .attempts, .sameBusinessDay, .extended, .standard, .wake, .urgentWake,
        .crashes, .deadBytes,
    ])
    static let purgeDead = LaneFunction("purge_dead", [.deployment, .dead, .deadInfo, .ticket, .attempts, .crashes, .deadBytes])
    static let createDeployment = LaneFunction("create_deployment", [
        .deployment, .sameBusinessDay, .extended, .standard, .ticket, .payload, .meta, .inflight, .lease, .retry, .dead, .dedupe,
        .fence, .workers, .attempts, .promote, .promotions, .suspect, .digest, .seen,
    ])
    static let moveToTicketRecords = LaneFunction("move_to_ticket_records", [
        .deployment, .ticket, .payload, .meta, .dedupe, .digest, .seen, .seenOrder, .seenMarks, .seenPushed,
    ])
    static let moveToPromotionLists = LaneFunction("move_to_promotion_lists", [.deployment, .promote, .promotions, .ticket])
    static let restoreDedupe = LaneFunction("restore_dedupe", [.deployment, .seen, .seenOrder, .seenMarks, .seenPushed])
    static let status = LaneFunction(
        "status", [.deployment, .retry, .ticket, .inflight, .dead, .seen, .sameBusinessDay, .extended, .standard, .suspect], readOnly: true
    )
    static let recordHighVolume = LaneFunction("record_high_volume", [.deployment, .highVolume], partitioned: false)
    static let quarantine = LaneFunction("quarantine", [
        .deployment, .quarantine, .quarantineRaw, .quarantineAt, .quarantineBytes, .retention, .evictions,
    ], partitioned: false)
    static let releaseQuarantined = LaneFunction("release_quarantined", [.quarantine, .quarantineRaw, .quarantineAt, .quarantineBytes], partitioned: false)
    static let enforceRetention = LaneFunction("enforce_retention", [
        .deployment, .dead, .deadInfo, .deadBytes, .ticket, .attempts, .crashes, .quarantine, .quarantineRaw, .quarantineAt,
        .quarantineBytes, .retention, .evictions,
    ])
    static let recountRetention = LaneFunction("recount_retention", [
        .dead, .deadInfo, .deadBytes, .ticket, .quarantine, .quarantineRaw, .quarantineAt, .quarantineBytes,
    ])
    static let registerWorker = LaneFunction("register_worker", [.alive, .workers], partitioned: false)
    static let heartbeat = LaneFunction("heartbeat", [.alive, .workers], partitioned: false)
    static let deregisterWorker = LaneFunction("deregister_worker", [.alive, .workers], partitioned: false)
    static let leadCollector = LaneFunction("lead_collector", [.collector], partitioned: false)
    static let resignCollector = LaneFunction("resign_collector", [.collector], partitioned: false)

    /// Every function of the library (besides `ticketq_version`).
    static let all: [LaneFunction] = [
        submit, claim, acknowledge, deadLetter, retry, release, renew, reap, requeueWorker, promote, requeueDead,
        purgeDead, createDeployment, restoreDedupe, status, recordHighVolume, quarantine, releaseQuarantined,
        enforceRetention, recountRetention, countDeliveriesOnEnd, moveToTicketRecords, moveToPromotionLists,
        registerWorker, heartbeat, deregisterWorker, leadCollector, resignCollector,
    ]
}
