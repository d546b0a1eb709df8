import Foundation
import TicketQTestSupport
import Testing

/// `ticketq sla` run as a real process: output format, error lines, exit codes and streams.
struct SLACommandTests {
    let ticketq = ProcessRunner.product("ticketq")

    func records(_ stdout: String) throws -> [[String: Any]] {
        try stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
    }

    @Test func singleTicketPrintsTheSpecRecord() throws {
        let output = try ProcessRunner.run(ticketq, [
            "sla", "--brand", "mejurn", "--category", "order_discrepancy", "--received", "2026-11-27T16:30:00Z",
        ])
        #expect(output.status == 0)
        #expect(output.stdout == """
            {"id":null,"category_resolved":"order_discrepancy","urgent":true,"lane":"same_business_day",\
            "response_target":{"unit":"same_business_day","cutoff":"12:00"},\
            "effective_receipt_utc":"2026-11-27T16:30:00Z","due_utc":"2026-11-30T17:00:00Z",\
            "due_local":"2026-11-30T17:00:00+00:00","resolution_target":{"unit":"business_days","value":1},\
            "resolution_due_utc":"2026-11-30T17:00:00Z","resolution_due_local":"2026-11-30T17:00:00+00:00"}

            """)
    }

    @Test func batchAnswersEveryLineAndFailsWithStatusOne() throws {
        let input = """
            {"id":"a","received_utc":"2024-03-08T20:00:00Z","brand":"pandorana"}
            {"id":"b","received_utc":"not a time","brand":"pandorana"}
            not json at all

            {"id":7,"received_utc":"2024-06-12T18:00:00Z","brand":"pandorana","category":"order_modification"}
            {"id":"c","received_utc":"2024-06-12T18:00:00Z","brand":"pandorana","category":"mystery"}
            """
        let output = try ProcessRunner.run(ticketq, ["sla", "--jsonl"], input: input)
        #expect(output.status == 1)
        let lines = try records(output.stdout)
        #expect(lines.count == 5)
        #expect(lines[0]["id"] as? String == "a")
        #expect(lines[0]["due_utc"] as? String == "2024-03-13T19:00:00Z")
        #expect(lines[1]["id"] as? String == "b")
        #expect((lines[1]["error"] as? String)?.contains("received_utc") == true)
        #expect(lines[2]["id"] is NSNull)
        #expect((lines[2]["error"] as? String)?.contains("JSON") == true)
        #expect(lines[3]["id"] as? Int == 7)
        #expect(lines[3]["lane"] as? String == "same_business_day")
        #expect(lines[3]["due_local"] as? String == "2024-06-13T17:00:00-04:00")
        #expect(lines[4]["category_resolved"] as? String == "general")
        #expect(output.stderr.contains("unknown category \"mystery\""))
        #expect(!output.stdout.contains("warning"))
    }

    @Test func explicitRuleWithInlineCalendar() throws {
        let calendar = """
            {"id":"tiny","time_zone":"Europe/London","weekly_hours":{"mon":[["09:00","17:00"]],"tue":[["09:00","17:00"]],\
            "wed":[["09:00","17:00"]],"thu":[["09:00","17:00"]],"fri":[["09:00","17:00"]],"sat":[],"sun":[]},\
            "holidays":[{"date":"2024-06-17","name":"made up"}],"coverage":{"from":"2024-01-01","through":"2024-12-31"}}
            """
        let input = """
            {"id":"r","received_utc":"2024-06-14T15:00:00Z","calendar":\(calendar),"rule":{"response":{"unit":"business_hours","value":2.5},"resolution":{"unit":"business_days","value":0}}}
            """
        let output = try ProcessRunner.run(ticketq, ["sla", "--jsonl"], input: input)
        #expect(output.status == 0, "\(output.stderr)")
        let record = try #require(try records(output.stdout).first)
        #expect(record["lane"] as? String == "explicit")
        #expect(record["category_resolved"] is NSNull)
        #expect(record["urgent"] is NSNull)
        // Fri 16:00 BST + 1 h to close, Mon 17 June is a holiday, Tue 09:00 + 1.5 h.
        #expect(record["due_local"] as? String == "2024-06-18T10:30:00+01:00")
        #expect(record["resolution_due_local"] as? String == "2024-06-14T17:00:00+01:00")
        let target = try #require(record["response_target"] as? [String: Any])
        #expect(target.count == 2)
        #expect(target["value"] as? Double == 2.5)
    }

    @Test func badTargetsAndCalendarsNameTheField() throws {
        let input = """
            {"id":1,"received_utc":"2024-06-14T15:00:00Z","brand":"mejurn","rule":{"response":{"unit":"business_hours","value":1,"cutoff":"12:00"}}}
            {"id":2,"received_utc":"2024-06-14T15:00:00Z","brand":"mejurn","rule":{"response":{"unit":"weeks","value":1}}}
            {"id":3,"received_utc":"2024-06-14T15:00:00Z","brand":"mejurn","calendar":{"id":"x","time_zone":"+02:00"}}
            {"id":4,"received_utc":"2024-06-14T15:00:00Z","brand":"nobody"}
            {"id":5,"received_utc":"2031-06-14T15:00:00Z","brand":"mejurn"}
            """
        let output = try ProcessRunner.run(ticketq, ["sla", "--jsonl"], input: input)
        #expect(output.status == 1)
        let errors = try records(output.stdout).map { $0["error"] as? String ?? "" }
        #expect(errors[0].contains("rule.response.cutoff"))
        #expect(errors[1].contains("unknown unit"))
        #expect(errors[2].contains("calendar."))
        #expect(errors[3].contains("unknown brand \"nobody\""))
        #expect(errors[4].hasPrefix("calendarCoverageExceeded"))
    }

    @Test func usageErrorsExit64() throws {
        let output = try ProcessRunner.run(ticketq, ["sla", "--brand", "mejurn"])
        #expect(output.status == 64)
        #expect(output.stderr.contains("--received"))
        let badTime = try ProcessRunner.run(ticketq, ["sla", "--brand", "mejurn", "--received", "yesterday"])
        #expect(badTime.status == 64)
    }

    @Test func badPolicyDirectoryExits78NamingFileAndField() throws {
        let directory = try TemporaryDirectory()
        let brands = directory.file("brands")
        try FileManager.default.createDirectory(at: brands, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: directory.file("calendars"), withIntermediateDirectories: true)
        try "brand: broken\ncalendar: nowhere\ndefault_category: general\nlanes: {}\ncategories: {general: {}}\n"
            .write(to: brands.appendingPathComponent("broken.yaml"), atomically: true, encoding: .utf8)
        let output = try ProcessRunner.run(ticketq, ["sla", "--policies", directory.path, "--jsonl"], input: "")
        #expect(output.status == 78)
        #expect(output.stderr.contains("broken.yaml: calendar: unknown calendar \"nowhere\""))
    }

    @Test func runsFromAnyWorkingDirectoryWithTheBuiltInPolicies() throws {
        let elsewhere = try TemporaryDirectory()
        var environment = ProcessInfo.processInfo.environment
        environment["TICKETQ_CONFIG_DIR"] = nil
        let output = try ProcessRunner.run(ticketq, ["policies"], environment: environment, currentDirectory: elsewhere.url)
        #expect(output.status == 0)
        #expect(output.stdout.contains("brand mejurn version 1"))
        #expect(output.stdout.contains("calendar pandorana-us-ny-retail version 1"))
    }
}
