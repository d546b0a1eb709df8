import Prometheus

/// The metrics of an HTTP intake process (`ticketq intake`), same conventions as the workers':
/// help text on every family, bounded labels, every expected combination starting at 0.
public final class IntakeMetrics: Sendable {
    /// The registry rendered at `/metrics`.
    public let registry: PrometheusCollectorRegistry
    let requests: [String: [Int: Counter]]
    let tickets: [String: Counter]
    let duration: [String: ValueHistogram]
    let deploymentMarkerMissing: Gauge
    let refusals: [String: Counter]
    let trips: [String: Counter]
    let submitBatches: Counter
    let batchedRequests: Counter
    let batchedTickets: Counter
    let submitCalls: Counter
    let submitWaiting: Gauge

    /// The endpoints counted.
    public static let endpoints = ["/tickets", "/inbound/email"]
    /// The status codes counted (others are counted as 500).
    public static let codes = [202, 400, 401, 405, 413, 415, 422, 500, 503]
    /// What became of tickets and messages.
    public static let outcomes = ["accepted", "duplicate", "conflict", "rejected", "quarantined", "not_accepted"]
    /// Why connections were refused (`ticketq_intake_connections_refused_total{reason}`).
    public static let refusalReasons = ["max_connections", "max_connections_per_client"]
    /// The connection limits counted when they close a connection (`ticketq_intake_limit_trips_total{limit}`).
    public static let limits = ["header_bytes", "header_timeout", "body_timeout", "body_rate", "idle_timeout"]

    /// Registers the metrics.
    public init(registry: PrometheusCollectorRegistry = PrometheusCollectorRegistry(), version: String) {
        self.registry = registry
        requests = Dictionary(uniqueKeysWithValues: Self.endpoints.map { endpoint in
            (endpoint, Dictionary(uniqueKeysWithValues: Self.codes.map { code in
                (code, registry.makeCounter(
                    descriptor: MetricName.descriptor("intake_requests", unit: "total", help: "HTTP intake requests by endpoint and status code."),
                    labels: [("endpoint", endpoint), ("code", String(code))]
                ))
            }))
        })
        tickets = Dictionary(uniqueKeysWithValues: Self.outcomes.map { outcome in
            (outcome, registry.makeCounter(
                descriptor: MetricName.descriptor("intake_tickets", unit: "total", help: "Tickets and messages the HTTP intake received, by outcome."),
                labels: [("outcome", outcome)]
            ))
        })
        duration = Dictionary(uniqueKeysWithValues: Self.endpoints.map { endpoint in
            (endpoint, registry.makeValueHistogram(
                descriptor: MetricName.descriptor("intake_request_duration", unit: "seconds", help: "Seconds from a request's last byte to its response."),
                labels: [("endpoint", endpoint)], buckets: MetricBuckets.operationSeconds
            ))
        })
        deploymentMarkerMissing = registry.makeGauge(
            descriptor: MetricName.descriptor(MetricName.deploymentMarkerMissing, help: MetricName.deploymentMarkerMissingHelp), labels: []
        )
        refusals = Dictionary(uniqueKeysWithValues: Self.refusalReasons.map { reason in
            (reason, registry.makeCounter(
                descriptor: MetricName.descriptor("intake_connections_refused", unit: "total", help: "Connections the HTTP intake refused at once, by the cap they would have broken."),
                labels: [("reason", reason)]
            ))
        })
        trips = Dictionary(uniqueKeysWithValues: Self.limits.map { limit in
            (limit, registry.makeCounter(
                descriptor: MetricName.descriptor("intake_limit_trips", unit: "total", help: "Connections the HTTP intake closed for breaking a limit (size, timeout, rate)."),
                labels: [("limit", limit)]
            ))
        })
        submitBatches = registry.makeCounter(
            descriptor: MetricName.descriptor("intake_submit_batches", unit: "total", help: "Batches the HTTP intake sent to Redis, each coalescing the submits of concurrent requests."),
            labels: []
        )
        batchedRequests = registry.makeCounter(
            descriptor: MetricName.descriptor("intake_batched_requests", unit: "total", help: "Requests answered by the HTTP intake's submit batches."),
            labels: []
        )
        batchedTickets = registry.makeCounter(
            descriptor: MetricName.descriptor("intake_batched_tickets", unit: "total", help: "Tickets planned in the HTTP intake's submit batches."),
            labels: []
        )
        submitCalls = registry.makeCounter(
            descriptor: MetricName.descriptor("intake_submit_calls", unit: "total", help: "Submit script calls the HTTP intake's batches made to Redis."),
            labels: []
        )
        submitWaiting = registry.makeGauge(
            descriptor: MetricName.descriptor("intake_submit_waiting", help: "Requests waiting for a submit batch to take them, at the time of the scrape."), labels: []
        )
        registry.makeGauge(descriptor: MetricName.descriptor("build_info", help: "Build of ticketq; the value is always 1."), labels: [("version", version)]).set(1.0)
    }

    /// Counts one answered request.
    public func recordRequest(endpoint: String, code: Int, seconds: Double) {
        requests[endpoint]?[Self.codes.contains(code) ? code : 500]?.increment()
        duration[endpoint]?.record(seconds)
    }

    /// Counts tickets by outcome.
    public func recordTickets(_ outcome: String, count: Int) {
        if count > 0 { tickets[outcome]?.increment(by: Int64(count)) }
    }

    /// Counts one tripped connection limit: a refused connection for `max_connections` and
    /// `max_connections_per_client`, a closed one for the others (unknown names are ignored).
    public func recordLimit(_ limit: String) {
        (refusals[limit] ?? trips[limit])?.increment()
    }

    /// Counts one submit batch: the requests it answered, the tickets it planned and its submit
    /// script calls.
    public func recordSubmitBatch(requests: Int, tickets: Int, submits: Int) {
        submitBatches.increment()
        batchedRequests.increment(by: Int64(requests))
        batchedTickets.increment(by: Int64(tickets))
        submitCalls.increment(by: Int64(submits))
    }

    /// Sets the number of requests waiting for a submit batch.
    public func setSubmitWaiting(_ count: Int) { submitWaiting.set(Double(count)) }

    /// Sets whether this process finds the deployment marker missing from Redis (data loss).
    public func setDeploymentMarkerMissing(_ missing: Bool) { deploymentMarkerMissing.set(missing ? 1.0 : 0.0) }

    /// Renders the text exposition format.
    public func render() -> [UInt8] { MetricsExposition.render(registry) }
}
