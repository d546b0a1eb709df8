import Foundation
import TicketQCore
import TicketQLanes
import TicketQRedis
import TicketQTestSupport
import Testing

/// `ticketq status` against a real redis-server.
struct StatusCommandTests {
    func status(_ context: OperatorTestContext) throws -> [String: Any] {
        let output = try context.run(["status", "--json"])
        #expect(output.status == 0, "\(output.stderr)")
        return try OperatorTestContext.object(output.stdout)
    }

    func lane(_ object: [String: Any], _ name: String) throws -> [String: Any] {
        let lanes = try #require(object["lanes"] as? [String: Any])
        return try #require(lanes[name] as? [String: Any])
    }

    @Test func jsonCountsQueuedRetryingInFlightAndDeadTickets() throws {
        let context = try OperatorTestContext()
        try context.submit(["u-1", "u-2"], lane: .sameBusinessDay)
        try context.submit(["s-1", "s-2", "s-3", "s-4"], lane: .standard)
        try context.submit(["e-1"], lane: .extended, dueIn: 7_200_000)
        // Claim the two urgent tickets and two standard ones; retry one, dead-letter one, keep two in flight.
        let claimed = try context.lanes.claim(worker: "w", batchSize: 4).tickets
        #expect(claimed.count == 4)
        let standard = claimed.filter { $0.lane == .standard }
        let urgent = claimed.filter { $0.lane == .sameBusinessDay }
        #expect(try context.lanes.retry(try #require(standard.first).lease, after: .seconds(3600)))
        _ = try context.lanes.deadLetter([(try #require(urgent.first).lease, "{\"reason\":\"poison\"}")])

        let object = try status(context)
        let sameDay = try lane(object, "same_business_day")
        let standardLane = try lane(object, "standard")
        let extended = try lane(object, "extended")
        #expect(sameDay["depth"] as? Int == 0)
        #expect(standardLane["depth"] as? Int == 3)
        #expect(standardLane["retrying"] as? Int == 1)
        #expect(standardLane["queued"] as? Int == 2)
        #expect(extended["depth"] as? Int == 1)
        #expect(object["in_flight"] as? Int == 2)
        #expect(object["dead_letter"] as? Int == 1)
        #expect((extended["earliest_due"] as? String)?.hasSuffix("Z") == true)
        #expect((extended["headroom_ms"] as? Int).map { $0 > 6_000_000 && $0 <= 7_200_000 } == true)
        #expect((extended["oldest_age_ms"] as? Int).map { $0 >= 0 } == true)
        #expect(sameDay["earliest_due"] is NSNull)
        let dedupe = try #require(object["dedupe"] as? [String: Any])
        #expect(dedupe["entries"] as? Int == 7)
        #expect((dedupe["bytes"] as? Int).map { $0 > 0 } == true)
        #expect((dedupe["bytes_per_id"] as? Int).map { $0 > 0 } == true)
    }

    @Test func depthsAndInFlightAreZeroOnceEverythingIsSettled() throws {
        let context = try OperatorTestContext()
        try context.submit((0..<20).map { "t-\($0)" }, lane: .standard)
        try context.submit((0..<5).map { "u-\($0)" }, lane: .sameBusinessDay)
        var settled = 0
        while true {
            let batch = try context.lanes.claim(worker: "w", batchSize: 7).tickets
            if batch.isEmpty { break }
            let poison = batch.filter { $0.lease.id.hasSuffix("3") }
            let done = batch.filter { !$0.lease.id.hasSuffix("3") }
            #expect(try context.lanes.acknowledge(done.map(\.lease)).allSatisfy { $0 })
            #expect(try context.lanes.deadLetter(poison.map { ($0.lease, "{\"reason\":\"poison\"}") }).allSatisfy { $0 })
            settled += batch.count
        }
        #expect(settled == 25)
        let object = try status(context)
        let lanes = try #require(object["lanes"] as? [String: [String: Any]])
        #expect(lanes.count == 3)
        #expect(lanes.values.map { $0["depth"] as? Int } == [0, 0, 0])
        #expect(object["in_flight"] as? Int == 0)
        #expect(object["dead_letter"] as? Int == 3)
    }

    @Test func showsLiveWorkersWithTheirRecordsAndHidesDeadOnes() throws {
        let context = try OperatorTestContext()
        let record = """
            {"id":"w-1","host":"node-7","pid":4242,"started":1764230400000,"last_seen":1764230460000,"processed":1234,"metrics_addr":"127.0.0.1:9464"}
            """
        #expect(try context.lanes.register(worker: "w-1", instance: "i-1", recordJSON: record, ttl: .seconds(60)))
        // A record without an id field and with fewer fields is still shown.
        #expect(try context.lanes.register(worker: "w-2", instance: "i-2", recordJSON: "{\"pid\":7}", ttl: .seconds(60)))
        #expect(try context.lanes.register(worker: "gone", instance: "i-3", recordJSON: "{\"pid\":9}", ttl: .seconds(60)))
        _ = try context.lanes.connection.command([Array("DEL".utf8), context.lanes.keys.alive(worker: "gone")])

        let object = try status(context)
        let workers = try #require(object["workers"] as? [[String: Any]])
        #expect(workers.count == 2)
        #expect(workers[0]["id"] as? String == "w-1")
        #expect(workers[0]["host"] as? String == "node-7")
        #expect(workers[0]["processed"] as? Int == 1234)
        #expect(workers[0]["metrics_addr"] as? String == "127.0.0.1:9464")
        #expect(workers[1]["id"] as? String == "w-2")
        #expect(workers[1]["pid"] as? Int == 7)
        #expect(object["stale_workers"] as? Int == 1)

        let text = try context.run(["status"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("workers: 2 live, 1 stale"))
        #expect(text.stdout.contains("node-7"))
        #expect(text.stdout.contains("2025-11-27T08:00:00Z"))
        #expect(text.stdout.contains("127.0.0.1:9464"))
        #expect(!text.stdout.contains("gone"))
    }

    @Test func showsEachBrandsHighVolumeSwitch() throws {
        let context = try OperatorTestContext()
        try context.lanes.setHighVolume(brand: "pandorana", on: true, atMillis: OperatorTestContext.nowMillis - 60_000)
        try context.lanes.setHighVolume(brand: "mejurn", on: true, atMillis: OperatorTestContext.nowMillis + 3_600_000)
        let object = try status(context)
        let switches = try #require(object["high_volume"] as? [String: Bool])
        #expect(switches == ["pandorana": true, "mejurn": false])

        let text = try context.run(["status"])
        #expect(text.status == 0)
        let pandorana = try #require(text.stdout.split(separator: "\n").first { $0.hasPrefix("pandorana") })
        #expect(pandorana.contains(" on "))
        let mejurn = try #require(text.stdout.split(separator: "\n").first { $0.hasPrefix("mejurn") })
        #expect(mejurn.contains(" off "))
        #expect(mejurn.contains("on at "))
    }

    @Test func aBrandWhoseHighVolumeHistoryCannotBeReadIsShownAsUnknown() throws {
        let context = try OperatorTestContext()
        try context.lanes.setHighVolume(brand: "mejurn", on: true, atMillis: OperatorTestContext.nowMillis - 60_000)
        try context.lanes.connection.command([
            Array("HSET".utf8), context.lanes.keys.key(.highVolume), Array("pandorana".utf8), Array("on".utf8),
        ])
        let object = try status(context)
        let switches = try #require(object["high_volume"] as? [String: Any])
        #expect(switches["mejurn"] as? Bool == true)
        #expect(switches["pandorana"] is NSNull)

        let text = try context.run(["status"])
        #expect(text.status == 0, "\(text.stderr)")
        let pandorana = try #require(text.stdout.split(separator: "\n").first { $0.hasPrefix("pandorana") })
        #expect(pandorana.contains("unknown"))
        #expect(pandorana.contains("unreadable: high-volume history of brand \"pandorana\": not a JSON object"), "\(pandorana)")
    }

    @Test func terminalFormIsATableOfLanes() throws {
        let context = try OperatorTestContext()
        try context.submit(["x-1"], lane: .extended)
        let output = try context.run(["status"])
        #expect(output.status == 0, "\(output.stderr)")
        let lines = output.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0].hasPrefix("Redis \(context.server.url), namespace ops, deployment "), "\(lines[0])")
        let header = try #require(lines.first { $0.hasPrefix("lane") })
        for column in ["depth", "retrying", "oldest age", "earliest due", "headroom"] {
            #expect(header.contains(column))
        }
        let extended = try #require(lines.first { $0.hasPrefix("extended") })
        #expect(extended.split(separator: " ", omittingEmptySubsequences: true)[1] == "1")
        #expect(output.stdout.contains("in flight: 0"))
        #expect(output.stdout.contains("dedupe: 1 ids"))
        #expect(output.stdout.contains("bytes per id"))
    }
}
