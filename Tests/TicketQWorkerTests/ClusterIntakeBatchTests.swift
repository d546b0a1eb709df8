import Foundation
import TicketQRedis
import TicketQTestSupport
import Testing

/// `ticketq intake` coalesces concurrent submits into batches, against a real redis-server.
/// Redis's `CLIENT PAUSE WRITE` holds the first batch's submit script, so the requests sent
/// meanwhile wait for the next batch; the intake's batch counters then say how they were sent.
@Suite(.serialized)
struct ClusterIntakeBatchTests {
    static let token = "batch-token-0123456789abcdef"

    private func startIntake(_ bench: ClusterTestBench) async throws -> Int {
        let port = try FreePort.allocate()
        let tokens = bench.directory.file("tokens")
        try "\(Self.token)\n".write(to: tokens, atomically: true, encoding: .utf8)
        // One pooled connection: one batch at a time.
        let process = try bench.startProcess(
            name: "intake", ["intake", "--redis", bench.server.url, "--listen", "127.0.0.1:\(port)", "--token-file", tokens.path, "--redis-connections", "1"]
        )
        let up = try await bench.eventually("intake ready", timeout: .seconds(20)) {
            (try? HTTPTestClient.get(port: port, "/readyz"))?.status == 200 || !process.isRunning
        }
        #expect(up && process.isRunning, "\(process.logTail())")
        return port
    }

    private static func ticket(_ id: String, brand: String = "pandorana") -> String {
        #"{"id":"\#(id)","brand":"\#(brand)","received_at":"2026-11-27T15:00:00Z","subject":"Help","body":"Where is my order?"}"#
    }

    /// One answer: its status and its JSON body.
    struct Answer: Sendable {
        let status: Int
        let body: [UInt8]
        var json: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(body))) as? [String: Any] ?? [:] }
    }

    private static func post(_ port: Int, _ body: String) throws -> Answer {
        let response = try HTTPTestClient(port: port).request(
            "POST", "/tickets", headers: ["Authorization": "Bearer \(token)", "Content-Type": "application/x-ndjson"], body: Array(body.utf8)
        )
        return Answer(status: response.status, body: response.body)
    }

    /// How often Redis ran `command` (from `INFO commandstats`).
    private static func calls(_ connection: RedisConnection, _ command: String) throws -> Int {
        let text = try connection.command("INFO", "commandstats").string ?? ""
        guard let line = text.split(whereSeparator: \.isNewline).first(where: { $0.hasPrefix("cmdstat_\(command):") }),
              let field = line.split(separator: ",").first, let value = field.split(separator: "=").last
        else { return 0 }
        return Int(value) ?? 0
    }

    /// Sends `first` and waits until a batch took it (its schedule read reached Redis), then
    /// sends `rest` at the same time and waits until `waiting` of them (those with a ticket)
    /// wait for the next batch.
    /// Redis's writes must be paused, so the first batch holds the only pooled connection.
    private func pileUp(
        _ bench: ClusterTestBench, port: Int, admin: RedisConnection, first: String, rest: [String], waiting: Int
    ) async throws -> (first: Task<Answer, any Error>, rest: Task<[Answer], any Error>) {
        let reads = try Self.calls(admin, "hgetall")
        let firstTask = Task { try await HTTPTestClient.offPool { try Self.post(port, first) } }
        let taken = try await bench.eventually("first batch started", timeout: .seconds(20)) { try Self.calls(admin, "hgetall") > reads }
        #expect(taken)
        let restTask = Task {
            try await withThrowingTaskGroup(of: (Int, Answer).self) { group in
                for (index, body) in rest.enumerated() {
                    group.addTask { (index, try await HTTPTestClient.offPool { try Self.post(port, body) }) }
                }
                var answers = [Answer?](repeating: nil, count: rest.count)
                for try await (index, answer) in group { answers[index] = answer }
                return answers.map { $0! }
            }
        }
        let allWaiting = try await bench.eventually("\(waiting) requests waiting", timeout: .seconds(30)) {
            ExpositionSamples((try? HTTPTestClient.get(port: port, "/metrics"))?.body ?? [])["ticketq_intake_submit_waiting"] == Double(waiting)
        }
        #expect(allWaiting)
        return (firstTask, restTask)
    }

    @Test(.timeLimit(.minutes(3)))
    func concurrentSubmitsAreCoalescedAndEachGetsItsOwnAnswer() async throws {
        let bench = try ClusterTestBench()
        let port = try await startIntake(bench)
        let admin = try RedisConnection(url: try RedisURL(bench.server.url))
        #expect(try await HTTPTestClient.offPool { try Self.post(port, Self.ticket("known")) }.status == 202)
        let before = try await ExpositionSamples.scrape(port: port)

        // 36 good tickets, a twin pair (same new id twice), a duplicate of an accepted ticket,
        // a ticket of an unknown brand, a line that is not JSON, and a request of two lines.
        // The pooled connection has a 5 s command timeout: all of this happens well within it.
        var rest = (0..<36).map { Self.ticket("b-\($0)") }
        rest += [Self.ticket("twin"), Self.ticket("twin"), Self.ticket("known"), Self.ticket("stray", brand: "nowhere"), "{not json"]
        rest.append(Self.ticket("pair-1") + "\n" + Self.ticket("pair-2", brand: "nowhere"))
        try admin.command("CLIENT", "PAUSE", "60000", "WRITE")
        let (first, others) = try await pileUp(bench, port: port, admin: admin, first: Self.ticket("first"), rest: rest, waiting: rest.count - 2)
        try admin.command("CLIENT", "UNPAUSE")
        let firstAnswer = try await first.value
        let answers = try await others.value

        #expect(firstAnswer.status == 202 && firstAnswer.json["accepted"] as? Int == 1, "\(firstAnswer.json)")
        for index in 0..<36 {
            #expect(answers[index].status == 202 && answers[index].json["accepted"] as? Int == 1, "b-\(index): \(answers[index].json)")
        }
        let twins = answers[36...37].map { ($0.json["accepted"] as? Int ?? -1, $0.json["duplicate"] as? Int ?? -1) }
        #expect(answers[36].status == 202 && answers[37].status == 202)
        #expect(twins.sorted { $0.0 > $1.0 }.map { [$0.0, $0.1] } == [[1, 0], [0, 1]], "one twin is accepted, the other a duplicate: \(twins)")
        #expect(answers[38].status == 202 && answers[38].json["duplicate"] as? Int == 1, "\(answers[38].json)")
        let stray = answers[39]
        #expect(stray.status == 400 && ((stray.json["rejected"] as? [[String: Any]])?.first?["reason"] as? String)?.contains("nowhere") == true, "\(stray.json)")
        #expect(answers[40].status == 400 && (answers[40].json["rejected"] as? [[String: Any]])?.first?["line"] as? Int == 1, "\(answers[40].json)")
        let pair = answers[41]
        #expect(pair.status == 202 && pair.json["accepted"] as? Int == 1, "\(pair.json)")
        #expect((pair.json["rejected"] as? [[String: Any]])?.first?["line"] as? Int == 2, "\(pair.json)")

        let after = try await ExpositionSamples.scrape(port: port)
        func delta(_ name: String) -> Double { (after[name] ?? 0) - (before[name] ?? 0) }
        // The first request went alone; the other 40 in one batch with one submit script call
        // (the line that is not JSON and the unknown brand are rejected when decoded, so those
        // requests have no ticket and join no batch).
        #expect(delta("ticketq_intake_submit_batches_total") == 2)
        #expect(delta("ticketq_intake_batched_requests_total") == 41)
        #expect(delta("ticketq_intake_submit_calls_total") == 2)
        #expect(delta(#"ticketq_intake_tickets_total{outcome="accepted"}"#) == 1 + 36 + 1 + 1)
        #expect(bench.outstanding() == 1 + 1 + 36 + 1 + 1)
    }

    @Test(.timeLimit(.minutes(3)))
    func aRefusedBatchAnswersEveryRequest503AndNothingIsAcceptedTwice() async throws {
        let bench = try ClusterTestBench()
        let port = try await startIntake(bench)
        let admin = try RedisConnection(url: try RedisURL(bench.server.url))
        let ids = (0..<20).map { "f-\($0)" }
        try admin.command("CLIENT", "PAUSE", "60000", "WRITE")
        let (first, others) = try await pileUp(bench, port: port, admin: admin, first: Self.ticket(ids[0]), rest: ids.dropFirst().map { Self.ticket($0) }, waiting: 19)
        // Both batches meet a Redis out of memory: their submit scripts are refused.
        try admin.command("CONFIG", "SET", "maxmemory", "1")
        try admin.command("CLIENT", "UNPAUSE")
        let refused = [try await first.value] + (try await others.value)
        for (id, answer) in zip(ids, refused) {
            #expect(answer.status == 503 && answer.json["not_accepted"] as? Int == 1 && answer.json["accepted"] as? Int == 0, "\(id): \(answer.json)")
        }
        #expect(bench.outstanding() == 0)
        try admin.command("CONFIG", "SET", "maxmemory", "0")

        // Sent again, every ticket is accepted as new: none was written by the refused batches.
        let again = try await withThrowingTaskGroup(of: Answer.self) { group in
            for id in ids { group.addTask { try await HTTPTestClient.offPool { try Self.post(port, Self.ticket(id)) } } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(again.allSatisfy { $0.status == 202 && $0.json["accepted"] as? Int == 1 }, "\(again.map(\.json))")
        #expect(bench.outstanding() == 20)
        let metrics = try await ExpositionSamples.scrape(port: port)
        #expect(metrics[#"ticketq_intake_tickets_total{outcome="not_accepted"}"#] == 20)
        #expect(metrics[#"ticketq_intake_tickets_total{outcome="accepted"}"#] == 20)
    }
}
