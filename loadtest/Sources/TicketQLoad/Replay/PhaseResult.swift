/// What one phase measured.
public struct PhaseResult: Sendable {
    /// The phase's name.
    public var name: String
    /// The preload's sending (rate only; its lag is not a schedule).
    public var preload: SendMeasurements?
    /// The open-loop sending.
    public var scheduled: SendMeasurements?
    /// Response times and completions over time.
    public var latency: LatencyMeasurements
    /// Backlog over time.
    public var backlog: BacklogSeries
    /// The books after the phase.
    public var audit: OutcomeAudit
    /// Tickets intake could not plan: position and reason.
    public var rejected: [(line: Int, reason: String)]
    /// When the workers started and the phase's series begin (µs since the epoch).
    public var workersStartedMicros: Int64
    /// The origin of the per-second series (µs since the epoch).
    public var originMicros: Int64
    /// When the phase ended: its last outcome, or when waiting gave up.
    public var endMicros: Int64
    /// Workers killed during the phase.
    public var kills: Int
    /// A worker restart that failed, if any.
    public var killFailure: String?
    /// Whether waiting for outcomes gave up.
    public var timedOut: Bool
    /// The faults injected during the phase.
    public var faults: [FaultEvent] = []
    /// Outcome rows still waiting for their worker to confirm them when the books were read.
    public var unconfirmed = 0
    /// Tickets still queued or in flight in Redis when the books were read after faults.
    public var outstanding = 0
    /// Where the lost tickets (up to 10,000) stood in Redis right after the books were read
    /// (state → tickets): `gone` is a true loss, anything else a ticket still on its way.
    public var lostStates: [String: Int] = [:]

    /// Tickets sent (preloaded and scheduled).
    public var sent: Int { (preload?.sent ?? 0) + (scheduled?.sent ?? 0) }
    /// Tickets Redis accepted.
    public var accepted: Int { (preload?.accepted ?? 0) + (scheduled?.accepted ?? 0) }
    /// Tickets Redis refused.
    public var refused: Int { (preload?.refused ?? 0) + (scheduled?.refused ?? 0) }
    /// Tickets Redis took as duplicates at intake.
    public var intakeDuplicates: Int { (preload?.duplicates ?? 0) + (scheduled?.duplicates ?? 0) }

    /// Outcomes ÷ (last durable outcome − worker start): start-up included.
    public var throughputFromWorkerStart: Double {
        guard let last = latency.lastOutcomeMicros, last > workersStartedMicros else { return 0 }
        return Double(latency.observed) / (Double(last - workersStartedMicros) / 1e6)
    }

    /// The open-loop offered rate: tickets sent ÷ (last send − first intended arrival).
    public var offeredRate: Double {
        guard let send = scheduled, send.sent > 0, let first = send.firstSendNanos, let last = send.lastSendNanos else { return 0 }
        let span = Double(last - first) / 1e9
        return span > 0 ? Double(send.sent - 1) / span : 0
    }
}
