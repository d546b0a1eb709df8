import Testing
@testable import TicketQLoad

struct ByteSearchTests {
    private func contains(_ haystack: String, _ needle: String) -> Bool {
        ByteSearch.contains(Array(haystack.utf8), Array(needle.utf8))
    }

    @Test func findsANeedleWhereverItIs() {
        #expect(contains("{\"received_at\":1}", "\"received_at\""))
        #expect(contains("\"received_at\"", "\"received_at\""))
        #expect(contains("{\"id\":\"a\",\"received_at\"", "\"received_at\""))
        #expect(contains("aaab", "aab"), "a partial match does not hide the real one")
        #expect(contains("anything", ""))
    }

    @Test func reportsAMissingNeedle() {
        #expect(!contains("{\"id\":\"a\"}", "\"received_at\""))
        #expect(!contains("{\"received_at", "\"received_at\""), "a prefix at the end is no match")
        #expect(!contains("", "x"))
        #expect(!contains("ab", "abc"))
    }

    @Test func plannedTicketsKeepTheirOwnArrivalAndGetAStandInOtherwise() {
        let own = Array("{\"id\":\"t-1\",\"received_at\":\"2026-11-27T09:00:00Z\"}".utf8)
        #expect(ScheduledTickets.withReceivedAt(own) == own)
        let without = Array("{\"id\":\"t-1\"}".utf8)
        #expect(String(decoding: ScheduledTickets.withReceivedAt(without), as: UTF8.self) == "{\"received_at\":\"1970-01-01T00:00:00Z\",\"id\":\"t-1\"}")
        #expect(String(decoding: ScheduledTickets.withReceivedAt(Array("{}".utf8)), as: UTF8.self) == "{\"received_at\":\"1970-01-01T00:00:00Z\"}")
    }
}
