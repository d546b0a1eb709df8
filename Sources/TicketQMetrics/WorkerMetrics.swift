import Prometheus
import TicketQCore

/// Every metric a worker process exports, registered with help text in one registry.
///
/// Counters for every expected label combination start at 0. Cheap to update from any thread:
/// counters are atomics, histograms take a short lock.
public final class WorkerMetrics: Sendable {
    /// The registry rendered at `/metrics`.
    public let registry: PrometheusCollectorRegistry
    let processed: [String: [Lane: (done: Counter, dead: Counter)]]
    let slaMet: [String: [Lane: Counter]]
    let slaBreached: [String: [Lane: Counter]]
    let receiptsInFuture: [String: Counter]
    let highVolume: [String: Gauge]
    let waitSeconds: [Lane: ValueHistogram]
    let processingSeconds: [Lane: ValueHistogram]
    let responseSeconds: [Lane: ValueHistogram]
    let retries: [Lane: Counter]
    let redeliveries: [Lane: Counter]
    let deadLetters: [DeadLetterReason: Counter]
    let redisErrors: [RedisErrorKind: Counter]
    let leasesReaped: Counter
    let fencingRejections: Counter
    let superseded: Counter
    let duplicatesSuppressed: Counter
    let released: Counter
    let inFlight: Gauge
    let concurrencyLimit: Gauge
    let urgentInFlight: Gauge
    let urgentSlots: Gauge
    let redisRoundTrip: ValueHistogram
    let commitSeconds: ValueHistogram
    let commitBatchSize: ValueHistogram
    let collectorLeader: Gauge
    let deploymentMarkerMissing: Gauge
    let storeCommitFailures: [StoreFailureKind: Counter]
    let storeHealthy: Gauge
    let cluster: ClusterGauges

    /// Registers the metrics of a worker serving `brands`.
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), brands: [String], version: String, concurrency: Int) {
        self.registry = registry
        func counter(_ name: String, _ help: String, _ labels: [(String, String)] = []) -> Counter {
            registry.makeCounter(descriptor: MetricName.descriptor(name, unit: "total", help: help), labels: labels)
        }
        func gauge(_ name: String, _ help: String, _ labels: [(String, String)] = []) -> Gauge {
            registry.makeGauge(descriptor: MetricName.descriptor(name, help: help), labels: labels)
        }
        func histogram(_ name: String, unit: String, _ help: String, _ buckets: [Double], _ labels: [(String, String)] = []) -> ValueHistogram {
            registry.makeValueHistogram(descriptor: MetricName.descriptor(name, unit: unit, help: help), labels: labels, buckets: buckets)
        }
        func perLane<T>(_ make: (Lane) -> T) -> [Lane: T] {
            Dictionary(uniqueKeysWithValues: Lane.allCases.map { ($0, make($0)) })
        }
        let brands = Array(Set(brands)).sorted()
        let processedHelp = "Outcome rows inserted into the outcome store, counted after the commit (status done or dead)."
        processed = Dictionary(uniqueKeysWithValues: brands.map { brand in
            (brand, perLane { lane in
                (counter("tickets_processed", processedHelp, [("brand", brand), ("lane", lane.rawValue), ("status", "done")]),
                 counter("tickets_processed", processedHelp, [("brand", brand), ("lane", lane.rawValue), ("status", "dead")]))
            })
        })
        slaMet = Dictionary(uniqueKeysWithValues: brands.map { brand in
            (brand, perLane { counter("sla_met", "Outcomes made durable by their response due time.", [("brand", brand), ("lane", $0.rawValue)]) })
        })
        slaBreached = Dictionary(uniqueKeysWithValues: brands.map { brand in
            (brand, perLane { counter("sla_breached", "Outcomes made durable after their response due time.", [("brand", brand), ("lane", $0.rawValue)]) })
        })
        receiptsInFuture = Dictionary(uniqueKeysWithValues: brands.map {
            ($0, counter("receipts_in_future", "Outcomes of tickets received after their outcome was durable (response time recorded as 0).", [("brand", $0)]))
        })
        highVolume = Dictionary(uniqueKeysWithValues: brands.map {
            ($0, gauge("brand_high_volume", "1 while the brand's high-volume switch is on, else 0.", [("brand", $0)]))
        })
        let ticketBuckets = MetricBuckets.ticketSeconds
        waitSeconds = perLane { histogram("ticket_wait", unit: "seconds", "Seconds from enqueue to claim, by intake lane.", ticketBuckets, [("lane", $0.rawValue)]) }
        processingSeconds = perLane { histogram("ticket_processing", unit: "seconds", "Seconds from claim to durable outcome, by intake lane.", ticketBuckets, [("lane", $0.rawValue)]) }
        responseSeconds = perLane { histogram("ticket_response", unit: "seconds", "Seconds from receipt to durable outcome, by intake lane.", ticketBuckets, [("lane", $0.rawValue)]) }
        retries = perLane { counter("retries", "Handler failures scheduled for another delivery after a backoff.", [("lane", $0.rawValue)]) }
        redeliveries = perLane { counter("redeliveries", "Claims of tickets delivered before (attempt 2 or later).", [("lane", $0.rawValue)]) }
        deadLetters = Dictionary(uniqueKeysWithValues: DeadLetterReason.allCases.map {
            ($0, counter("dead_letters", "Tickets moved to the dead-letter set, by reason.", [("reason", $0.rawValue)]))
        })
        redisErrors = Dictionary(uniqueKeysWithValues: RedisErrorKind.allCases.map {
            ($0, counter("redis_errors", "Failed Redis operations, by kind.", [("kind", $0.rawValue)]))
        })
        leasesReaped = counter("leases_reaped", "Tickets this process's reaper returned to their lane (expired leases and dead workers' tickets).")
        fencingRejections = counter("fencing_rejections", "Acknowledgements Redis refused because the lease's fencing token no longer matched.")
        superseded = counter("outcomes_superseded", "Outcome rows marked superseded because another delivery's outcome was accepted.")
        duplicatesSuppressed = counter("duplicate_outcomes_suppressed", "Outcomes not inserted because the store already had a row for the ticket.")
        released = counter("tickets_released", "Tickets handed back to their lane without counting a delivery (on shutdown, or when the store could not commit their outcomes).")
        inFlight = gauge("in_flight", "Tickets this process has claimed and not yet settled (urgent ones included).")
        concurrencyLimit = gauge("concurrency_limit", "Tickets this process may hold at once, besides its urgent slots.")
        urgentInFlight = gauge("urgent_in_flight", "Same-business-day tickets this process holds in its reserved urgent slots.")
        urgentSlots = gauge("urgent_slots", "Slots this process reserves for same-business-day tickets (--urgent-slots).")
        redisRoundTrip = histogram("redis_roundtrip", unit: "seconds", "Seconds per Redis operation (one command, script or pipeline).", MetricBuckets.operationSeconds)
        commitSeconds = histogram("store_commit", unit: "seconds", "Seconds per outcome-store group commit.", MetricBuckets.operationSeconds)
        commitBatchSize = histogram("store_commit_batch_size", unit: "", "Outcomes per outcome-store group commit.", MetricBuckets.batchSizes)
        collectorLeader = gauge("collector_leader", "1 while this process is the collector that exports the lane and cluster gauges.")
        deploymentMarkerMissing = gauge(MetricName.deploymentMarkerMissing, MetricName.deploymentMarkerMissingHelp)
        storeCommitFailures = Dictionary(uniqueKeysWithValues: StoreFailureKind.allCases.map {
            ($0, counter("store_commit_failures", "Failed outcome-store commits (outcome batches and recovery probes), by SQLite failure kind.", [("kind", $0.rawValue)]))
        })
        storeHealthy = gauge("store_healthy", "1 while the outcome store's latest commit succeeded; 0 while commits fail (claiming paused, tickets handed back).")
        storeHealthy.set(1.0)
        gauge("build_info", "Build of ticketq; the value is always 1.", [("version", version)]).set(1.0)
        gauge("worker_up", "1 while the worker process runs.").set(1.0)
        cluster = ClusterGauges(registry: registry)
        concurrencyLimit.set(Double(concurrency))
    }

    /// Sets whether this process finds the deployment marker missing from Redis (data loss).
    public func setDeploymentMarkerMissing(_ missing: Bool) { deploymentMarkerMissing.set(missing ? 1.0 : 0.0) }

    /// Renders the text exposition format.
    public func render() -> [UInt8] { MetricsExposition.render(registry) }

    // MARK: Outcomes

    /// Counts outcome rows just committed, with their latencies and SLA attainment.
    public func recordCommitted(_ observations: some Sequence<OutcomeObservation>) {
        for outcome in observations {
            let counters = processed[outcome.brand]?[outcome.lane] ?? lateCounters(brand: outcome.brand, lane: outcome.lane)
            (outcome.dead ? counters.dead : counters.done).increment()
            let met = outcome.durableAt <= outcome.dueAt
            (met ? slaMet : slaBreached)[outcome.brand]?[outcome.lane]?.increment()
            waitSeconds[outcome.lane]?.record(seconds(outcome.claimedAt - outcome.enqueuedAt))
            processingSeconds[outcome.lane]?.record(seconds(outcome.durableAt - outcome.claimedAt))
            let response = outcome.durableAt - outcome.receivedAt
            if response < 0 { receiptsInFuture[outcome.brand]?.increment() }
            responseSeconds[outcome.lane]?.record(seconds(response))
        }
    }

    /// Counts outcomes the store refused as duplicates of an existing row.
    public func recordDuplicatesSuppressed(_ count: Int) {
        if count > 0 { duplicatesSuppressed.increment(by: Int64(count)) }
    }

    /// Records one group commit.
    public func recordCommit(seconds: Double, batchSize: Int) {
        commitSeconds.record(seconds)
        commitBatchSize.record(Double(batchSize))
    }

    // MARK: Deliveries

    /// Counts a handler failure scheduled for retry.
    public func recordRetry(lane: Lane) { retries[lane]?.increment() }

    /// Counts claims of tickets that were delivered before.
    public func recordRedeliveries(lane: Lane, count: Int = 1) {
        if count > 0 { redeliveries[lane]?.increment(by: Int64(count)) }
    }

    /// Counts a dead letter by its reason (unknown reasons are ignored).
    public func recordDeadLetter(reason: String) {
        if let reason = DeadLetterReason(rawValue: reason) { deadLetters[reason]?.increment() }
    }

    /// Counts tickets this process's reaper returned to their lane.
    public func recordLeasesReaped(_ count: Int) {
        if count > 0 { leasesReaped.increment(by: Int64(count)) }
    }

    /// Counts acknowledgements refused by the fencing check.
    public func recordFencingRejections(_ count: Int) {
        if count > 0 { fencingRejections.increment(by: Int64(count)) }
    }

    /// Counts rows marked superseded.
    public func recordSuperseded(_ count: Int) {
        if count > 0 { superseded.increment(by: Int64(count)) }
    }

    /// Counts tickets released on shutdown.
    public func recordReleased(_ count: Int) {
        if count > 0 { released.increment(by: Int64(count)) }
    }

    /// Counts a failed outcome-store commit by its kind.
    public func recordStoreCommitFailure(_ kind: StoreFailureKind) { storeCommitFailures[kind]?.increment() }

    /// Sets whether the outcome store's latest commit succeeded.
    public func setStoreHealthy(_ healthy: Bool) { storeHealthy.set(healthy ? 1.0 : 0.0) }

    /// Sets the number of tickets in hand.
    public func setInFlight(_ count: Int) { inFlight.set(Double(count)) }

    /// Sets the number of tickets in hand in the urgent slots.
    public func setUrgentInFlight(_ count: Int) { urgentInFlight.set(Double(count)) }

    /// Sets the number of urgent slots.
    public func setUrgentSlots(_ count: Int) { urgentSlots.set(Double(count)) }

    // MARK: Redis and brands

    /// Records one Redis operation's duration.
    public func recordRedisRoundTrip(seconds: Double) { redisRoundTrip.record(seconds) }

    /// Counts a failed Redis operation.
    public func recordRedisError(_ kind: RedisErrorKind) { redisErrors[kind]?.increment() }

    /// Shows a brand's high-volume switch.
    public func setHighVolume(brand: String, on: Bool) { highVolume[brand]?.set(on ? 1.0 : 0.0) }

    // MARK: Collector

    /// Exports the cluster figures while this process is the collector; `nil` withdraws them.
    public func publishCluster(_ figures: ClusterFigures?) {
        collectorLeader.set(figures == nil ? 0.0 : 1.0)
        cluster.publish(figures)
    }

    private func seconds(_ millis: Int64) -> Double { Double(max(0, millis)) / 1000 }

    /// Counters of a brand the worker was not started with (a policy added later): made on first
    /// use; the registry returns the same counter for the same labels.
    private func lateCounters(brand: String, lane: Lane) -> (done: Counter, dead: Counter) {
        let help = "Outcome rows inserted into the outcome store, counted after the commit (status done or dead)."
        func make(_ status: String) -> Counter {
            registry.makeCounter(
                descriptor: MetricName.descriptor("tickets_processed", unit: "total", help: help),
                labels: [("brand", brand), ("lane", lane.rawValue), ("status", status)]
            )
        }
        return (make("done"), make("dead"))
    }
}
