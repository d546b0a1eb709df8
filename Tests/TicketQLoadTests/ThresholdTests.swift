import Testing
import TicketQLoad

struct ThresholdTests {
    @Test func parsesLatencyAndCountThresholds() throws {
        let latency = try ThresholdExpression("p99(same_business_day)<50ms")
        #expect(latency.metric == "p99(same_business_day)" && latency.comparison == "<" && latency.limit == 50)
        #expect(try ThresholdExpression("p99.9(all) <= 2s").limit == 2000)
        #expect(try ThresholdExpression("max(standard)<500us").limit == 0.5)
        let lost = try ThresholdExpression("lost==0")
        #expect(lost.metric == "lost" && lost.comparison == "==" && lost.holds(for: 0) && !lost.holds(for: 1))
        #expect(try ThresholdExpression("throughput_per_s>=40000").holds(for: 45_000))
        #expect(try ThresholdExpression("duplicates!=3").holds(for: 0))
    }

    @Test(arguments: [
        ("lost", "no comparison"), ("p99(nowhere)<5ms", "lane"), ("p42(all)<5ms", "p50, p90"),
        ("speed>1", "unknown metric"), ("lost<=5ms", "unit"), ("lost==many", "not a number"),
    ])
    func rejectsBadThresholds(text: String, says: String) {
        #expect { try ThresholdExpression(text) } throws: { "\($0)".contains(says) && "\($0)".contains(text) }
    }
}
