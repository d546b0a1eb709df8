import Foundation
import TicketQCore
import TicketQMetrics
import TicketQTestSupport
import Testing

@Suite struct WorkerMetricsTests {
    private func makeMetrics() -> WorkerMetrics {
        WorkerMetrics(brands: ["pandorana", "mejurn"], version: "9.9.9", concurrency: 64)
    }

    @Test func everyCounterCombinationStartsAtZero() {
        let samples = ExpositionSamples(makeMetrics().render())
        for brand in ["pandorana", "mejurn"] {
            for lane in Lane.allCases {
                for status in ["done", "dead"] {
                    #expect(samples[#"ticketq_tickets_processed_total{brand="\#(brand)",lane="\#(lane.rawValue)",status="\#(status)"}"#] == 0)
                }
                #expect(samples[#"ticketq_sla_met_total{brand="\#(brand)",lane="\#(lane.rawValue)"}"#] == 0)
                #expect(samples[#"ticketq_sla_breached_total{brand="\#(brand)",lane="\#(lane.rawValue)"}"#] == 0)
            }
        }
        #expect(samples.family("ticketq_dead_letters_total").count == DeadLetterReason.allCases.count)
        #expect(samples.family("ticketq_redis_errors_total").count == RedisErrorKind.allCases.count)
        #expect(samples[#"ticketq_build_info{version="9.9.9"}"#] == 1)
        #expect(samples["ticketq_concurrency_limit"] == 64)
        #expect(samples["ticketq_collector_leader"] == 0)
        #expect(samples.family("ticketq_lane_depth").isEmpty, "only the collector exports lane gauges")
    }

    @Test func urgentSlotsAndTheirTicketsAreGauges() {
        let metrics = makeMetrics()
        #expect(ExpositionSamples(metrics.render())["ticketq_urgent_slots"] == 0)
        metrics.setUrgentSlots(32)
        metrics.setInFlight(70)
        metrics.setUrgentInFlight(6)
        let samples = ExpositionSamples(metrics.render())
        #expect(samples["ticketq_urgent_slots"] == 32)
        #expect(samples["ticketq_urgent_in_flight"] == 6)
        #expect(samples["ticketq_in_flight"] == 70)
    }

    @Test func committedOutcomesFeedCountersAndHistograms() {
        let metrics = makeMetrics()
        let due: Int64 = 10_000_000
        metrics.recordCommitted([
            OutcomeObservation(brand: "mejurn", lane: .sameBusinessDay, dead: false, receivedAt: 1_000, enqueuedAt: 2_000, claimedAt: 2_500, durableAt: 3_000, dueAt: due),
            OutcomeObservation(brand: "mejurn", lane: .sameBusinessDay, dead: true, receivedAt: 1_000, enqueuedAt: 2_000, claimedAt: 2_500, durableAt: due + 1, dueAt: due),
            // Received "after" it was handled: a client clock ahead of ours.
            OutcomeObservation(brand: "pandorana", lane: .standard, dead: false, receivedAt: 9_000, enqueuedAt: 2_000, claimedAt: 2_000, durableAt: 3_000, dueAt: due),
        ])
        let samples = ExpositionSamples(metrics.render())
        #expect(samples[#"ticketq_tickets_processed_total{brand="mejurn",lane="same_business_day",status="done"}"#] == 1)
        #expect(samples[#"ticketq_tickets_processed_total{brand="mejurn",lane="same_business_day",status="dead"}"#] == 1)
        #expect(samples[#"ticketq_tickets_processed_total{brand="pandorana",lane="standard",status="done"}"#] == 1)
        #expect(samples[#"ticketq_sla_met_total{brand="mejurn",lane="same_business_day"}"#] == 1)
        #expect(samples[#"ticketq_sla_breached_total{brand="mejurn",lane="same_business_day"}"#] == 1)
        #expect(samples[#"ticketq_receipts_in_future_total{brand="pandorana"}"#] == 1)
        #expect(samples[#"ticketq_ticket_response_seconds_count{lane="standard"}"#] == 1)
        #expect(samples[#"ticketq_ticket_response_seconds_bucket{lane="standard",le="0.001"}"#] == 1, "a negative response time is recorded as 0")
        #expect(samples[#"ticketq_ticket_wait_seconds_sum{lane="same_business_day"}"#] == 1.0)
        #expect(samples[#"ticketq_ticket_processing_seconds_bucket{lane="same_business_day",le="0.5"}"#] == 1)
    }

    @Test func deadLettersCountKnownReasonsOnly() {
        let metrics = makeMetrics()
        metrics.recordDeadLetter(reason: "delivery_limit")
        metrics.recordDeadLetter(reason: "delivery_limit")
        metrics.recordDeadLetter(reason: "no such reason")
        let samples = ExpositionSamples(metrics.render())
        #expect(samples[#"ticketq_dead_letters_total{reason="delivery_limit"}"#] == 2)
        #expect(samples.family("ticketq_dead_letters_total").values.reduce(0, +) == 2)
    }

    @Test func clusterGaugesAppearOnlyWhileCollecting() {
        let metrics = makeMetrics()
        let figures = ClusterFigures(
            lanes: [
                .sameBusinessDay: .init(depth: 3, retrying: 1, oldestAgeSeconds: 12, earliestDueHeadroomSeconds: -5),
                .standard: .init(depth: 0, retrying: 0, oldestAgeSeconds: 0, earliestDueHeadroomSeconds: nil),
            ],
            inFlight: 7, deadLetters: 2, workersLive: 3
        )
        metrics.publishCluster(figures)
        var samples = ExpositionSamples(metrics.render())
        #expect(samples["ticketq_collector_leader"] == 1)
        #expect(samples[#"ticketq_lane_depth{lane="same_business_day"}"#] == 3)
        #expect(samples[#"ticketq_lane_depth{lane="extended"}"#] == 0)
        #expect(samples[#"ticketq_lane_earliest_due_headroom_seconds{lane="same_business_day"}"#] == -5)
        #expect(samples[#"ticketq_lane_earliest_due_headroom_seconds{lane="standard"}"#] == nil, "no headroom for an empty lane")
        #expect(samples["ticketq_workers_live"] == 3)
        metrics.publishCluster(nil)
        samples = ExpositionSamples(metrics.render())
        #expect(samples["ticketq_collector_leader"] == 0)
        #expect(samples.family("ticketq_lane_depth").isEmpty)
        #expect(samples["ticketq_workers_live"] == nil)
    }

    @Test func promtoolAcceptsTheExpositionWithoutWarnings() async throws {
        let promtool = try RequiredTool.path("promtool", package: "prometheus")
        let metrics = makeMetrics()
        metrics.recordCommitted([
            OutcomeObservation(brand: "pandorana", lane: .extended, dead: false, receivedAt: 0, enqueuedAt: 0, claimedAt: 10, durableAt: 20, dueAt: 100),
        ])
        metrics.recordRedisRoundTrip(seconds: 0.0002)
        metrics.recordCommit(seconds: 0.003, batchSize: 40)
        metrics.publishCluster(ClusterFigures(lanes: [:], inFlight: 0, deadLetters: 0, workersLive: 1))
        let output = try await ProcessRunner.runOffPool(URL(fileURLWithPath: promtool), ["check", "metrics"], input: String(decoding: metrics.render(), as: UTF8.self))
        #expect(output.status == 0, "promtool: \(output.stdout)\(output.stderr)")
        #expect(output.stdout.isEmpty && output.stderr.isEmpty, "promtool warnings: \(output.stdout)\(output.stderr)")
    }
}
