import Foundation
import TicketQTestSupport
import Testing

/// The shipped ACL's `intake` user submits and quarantines — over HTTP (`ticketq intake
/// --listen`) and with `ticketq submit` — and may not read or delete what it queued, nor run
/// anything else.
struct RedisACLIntakeTests {
    private static let token = "acl-intake-token-0123456789"

    private func post(_ port: Int, _ path: String, _ body: String, contentType: String) async throws -> (status: Int, json: [String: Any]) {
        let response = try await HTTPTestClient.offPool {
            try HTTPTestClient(port: port).request(
                "POST", path, headers: ["Content-Type": contentType, "Authorization": "Bearer \(Self.token)"], body: Array(body.utf8)
            )
        }
        return (response.status, (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:])
    }

    @Test(.timeLimit(.minutes(2)))
    func intakeSubmitsAndQuarantinesAndCannotReadOrDeleteTickets() async throws {
        let bench = try await RedisACLBench()
        let ops = bench.ops
        let port = try FreePort.allocate()
        let tokens = ops.directory.file("tokens")
        try "\(Self.token)\n".write(to: tokens, atomically: true, encoding: .utf8)
        let intake = try bench.start("intake", ["intake", "--listen", "127.0.0.1:\(port)", "--token-file", tokens.path], as: .intake)
        let ready = try await ops.eventually(timeout: .seconds(20)) {
            (try? HTTPTestClient.get(port: port, "/readyz"))?.status == 200 || !intake.isRunning
        }
        #expect(ready && intake.isRunning, "\(intake.logTail())")

        let ticket = #"{"id":"http-1","brand":"pandorana","received_at":"2026-11-27T15:00:00Z","subject":"Help","body":"Where is my order?"}"#
        let accepted = try await post(port, "/tickets", ticket, contentType: "application/json")
        #expect(accepted.status == 202 && accepted.json["accepted"] as? Int == 1, "\(accepted)\n\(intake.logTail())")
        let broken = try await post(port, "/inbound/email", "this is not a message\n\n", contentType: "message/rfc822")
        #expect(broken.status == 202 && (broken.json["quarantined"] as? String)?.hasPrefix("q-") == true, "\(broken)\n\(intake.logTail())")

        let (file, _) = try ops.writeTickets(100, prefix: "cli")
        let submitted = try await ops.run(["submit", file], as: .intake)
        #expect(submitted.status == 0, "submit: \(submitted.stderr)")
        let stray = try await ops.run(["submit", "--format", "eml", try bench.strayEmail().path], as: .intake)
        #expect(stray.status == 2, "submit of a stray email: \(stray.stdout)\(stray.stderr)")

        #expect(await ops.outstanding() == 101)
        let quarantine = try await ops.run(["quarantine", "list", "--json"])
        #expect(quarantine.status == 0 && quarantine.stdout.split(separator: "\n").count == 2, "\(quarantine.stdout)\(quarantine.stderr)")

        // Ticket records and quarantined messages: not readable, not deletable, not even through a
        // library function given the record key in another key's place.
        let payload = RedisACLBench.key("ticket")
        for command in [
            ["HGET", payload, "http-1"], ["HMGET", payload, "http-1"], ["HGETALL", payload], ["HSCAN", payload, "0"], ["HVALS", payload],
            ["HRANDFIELD", payload, "1", "WITHVALUES"], ["DUMP", payload], ["HDEL", payload, "http-1"], ["DEL", payload], ["UNLINK", payload],
            ["HGETALL", RedisACLBench.key("quarantine:raw")], ["HGET", RedisACLBench.key("quarantine:raw"), "x"], ["DEL", RedisACLBench.key("quarantine")],
            ["ZREM", RedisACLBench.key("lane:standard"), "cli-1"], ["ZPOPMIN", RedisACLBench.key("lane:standard")],
        ] {
            try await bench.expectRefused(.intake, command)
        }
        var swapped = try #require(RedisACLBench.declaredKeys["submit"])
        swapped[1] = "ticket"  // in the place of `seen`, which submit reads with HMGET
        try await bench.expectRefused(.intake, try await bench.call("submit", keys: swapped, ["60000", "1", "x", "n", "1", "", "d", "r1|n|n|0|1|1\np"]))

        // The other roles' functions.
        try await bench.expectRefused(.intake, try await bench.call("claim", ["intruder", "10", "30000", "0.25", "all", "0", "inline"]))
        try await bench.expectRefused(.intake, try await bench.call("acknowledge", ["1", "http-1", "1"]))
        try await bench.expectRefused(.intake, try await bench.call("purge_dead"))
        try await bench.expectRefused(.intake, try await bench.call("requeue_dead", ["0"]))
        try await bench.expectRefused(.intake, try await bench.call("promote", ["1000"]))
        try await bench.expectRefused(.intake, try await bench.call("restore_dedupe", ["86400000", "1", String(Int64(Date().timeIntervalSince1970 * 1000)), "cli-1"]))
        try await bench.expectRefused(.intake, try await bench.call("record_high_volume", ["mejurn", "1", "", "10"]))
        try await bench.expectRefused(.intake, try await bench.call("status", ["10"], readOnly: true))
        for command in RedisACLBench.administration {
            try await bench.expectRefused(.intake, command)
        }
        for command in [["status"], ["dlq", "list"], ["quarantine", "list"], ["deployment", "show"]] {
            let refused = try await ops.run(command, as: .intake)
            #expect(refused.status == 1 && refused.stderr.contains("refused a command to the user 'intake'"), "\(command): \(refused.stderr)")
        }

        #expect(try await bench.hashLength("ticket") == 101, "a ticket record was deleted")
        #expect(try await bench.hashLength("quarantine") == 2, "a quarantined message was deleted")
        #expect(try await bench.hashLength("quarantine:raw") == 2, "a quarantined message was deleted")
        #expect(await ops.outstanding() == 101)
        intake.terminate()
        #expect(await intake.waitForExit(timeout: .seconds(30)) == 0, "\(intake.logTail())")
        let log = intake.standardOutput + intake.standardError
        #expect(!log.contains("NOPERM") && !log.contains("can't"), "intake was refused a command:\n\(intake.logTail())")
    }
}
