import Foundation
import TicketQTestSupport
import Testing

/// `ticketq intake`: the HTTP endpoints against a real redis-server.
struct ClusterIntakeTests {
    static let token = "test-token-0123456789abcdef"

    private func startIntake(_ bench: ClusterTestBench) async throws -> Int {
        let port = try FreePort.allocate()
        let tokens = bench.directory.file("tokens")
        try "# intake tokens\n\(Self.token)\n".write(to: tokens, atomically: true, encoding: .utf8)
        let process = try bench.startProcess(name: "intake", ["intake", "--redis", bench.server.url, "--listen", "127.0.0.1:\(port)", "--token-file", tokens.path, "--max-body", "4096"])
        let up = try await bench.eventually("intake up", timeout: .seconds(20)) {
            (try? HTTPTestClient.get(port: port, "/healthz"))?.status == 200 || !process.isRunning
        }
        #expect(up && process.isRunning, "\(process.logTail())")
        return port
    }

    private func post(_ port: Int, _ path: String, body: [UInt8], token: String? = token, contentType: String) async throws -> (status: Int, json: [String: Any], headers: [String: String]) {
        let response = try await HTTPTestClient.offPool {
            var headers = ["Content-Type": contentType]
            if let token { headers["Authorization"] = "Bearer \(token)" }
            return try HTTPTestClient(port: port).request("POST", path, headers: headers, body: body)
        }
        let json = (try? JSONSerialization.jsonObject(with: Data(response.body))) as? [String: Any] ?? [:]
        return (response.status, json, response.headers)
    }

    @Test(.timeLimit(.minutes(2)))
    func ticketsAndEmailsOverHTTP() async throws {
        let bench = try ClusterTestBench()
        let port = try await startIntake(bench)
        let good = #"{"id":"h1","brand":"pandorana","received_at":"2026-11-27T15:00:00Z","subject":"Help","body":"I want to cancel my order"}"#
        let batch = Array((good + "\n" + #"{"id":"h2","brand":"nowhere","received_at":"2026-11-27T15:00:00Z","body":"x"}"# + "\n").utf8)

        let unauthenticated = try await post(port, "/tickets", body: batch, token: nil, contentType: "application/x-ndjson")
        #expect(unauthenticated.status == 401 && unauthenticated.headers["www-authenticate"] != nil)
        #expect(try await post(port, "/tickets", body: batch, token: "wrong-token-0123456789", contentType: "application/x-ndjson").status == 401)

        let accepted = try await post(port, "/tickets", body: batch, contentType: "application/x-ndjson")
        #expect(accepted.status == 202, "\(accepted.json)")
        #expect(accepted.json["accepted"] as? Int == 1)
        let rejected = accepted.json["rejected"] as? [[String: Any]] ?? []
        #expect(rejected.first?["line"] as? Int == 2 && (rejected.first?["reason"] as? String)?.contains("nowhere") == true, "\(rejected)")
        let again = try await post(port, "/tickets", body: Array(good.utf8), contentType: "application/json")
        #expect(again.status == 202 && again.json["duplicate"] as? Int == 1, "\(again.json)")
        let useless = try await post(port, "/tickets", body: Array("{not json".utf8), contentType: "application/json")
        #expect(useless.status == 400, "\(useless.json)")
        #expect(try await post(port, "/tickets", body: [UInt8](repeating: 0x20, count: 5000), contentType: "application/json").status == 413)

        let raw = Array("From: ann@example.com\r\nTo: care@mejurn.example\r\nSubject: Parcel\r\nMessage-ID: <h-1@example.com>\r\n\r\nMy parcel never arrived.\r\n".utf8)
        let mail = try await post(port, "/inbound/email", body: raw, contentType: "message/rfc822")
        #expect(mail.status == 202 && mail.json["accepted"] as? Int == 1, "\(mail.json)")
        let boundary = "form-boundary-42"
        var form = Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"recipient\"\r\n\r\ncare@mejurn.example\r\n--\(boundary)\r\nContent-Disposition: form-data; name=\"body-mime\"\r\n\r\n".utf8)
        form += Array("From: bob@example.com\r\nTo: care@mejurn.example\r\nSubject: Account\r\nMessage-ID: <h-2@example.com>\r\n\r\nHow do I reset my password?\r\n".utf8)
        form += Array("\r\n--\(boundary)--\r\n".utf8)
        let posted = try await post(port, "/inbound/email", body: form, contentType: "multipart/form-data; boundary=\(boundary)")
        #expect(posted.status == 202 && posted.json["accepted"] as? Int == 1, "\(posted.json)")
        let broken = try await post(port, "/inbound/email", body: Array("this is not a message\n\n".utf8), contentType: "message/rfc822")
        #expect(broken.status == 202 && (broken.json["quarantined"] as? String)?.hasPrefix("q-") == true, "\(broken.json)")
        #expect(try await post(port, "/inbound/email", body: raw, contentType: "image/png").status == 415)

        let metrics = try await ExpositionSamples.scrape(port: port)
        #expect(metrics[#"ticketq_intake_tickets_total{outcome="accepted"}"#] == 3)
        #expect(metrics[#"ticketq_intake_tickets_total{outcome="quarantined"}"#] == 1)
        #expect(metrics[#"ticketq_intake_requests_total{endpoint="/tickets",code="401"}"#] == 2)
        #expect(bench.outstanding() == 3)

        bench.server.stop()
        let unavailable = try await post(port, "/tickets", body: Array(good.utf8), contentType: "application/json")
        #expect(unavailable.status == 503 && unavailable.headers["retry-after"] != nil, "\(unavailable.json)")
        #expect(unavailable.json["error"] as? String == "the ticket queue is unavailable; retry later", "no Redis error text: \(unavailable.json)")
        // /readyz answers from a check made every second: it turns 503 shortly after Redis stops.
        let notReady = try await bench.eventually("readyz 503", timeout: .seconds(20)) {
            (try? HTTPTestClient.get(port: port, "/readyz"))?.status == 503
        }
        #expect(notReady)
        #expect(try await HTTPTestClient.offPool { try HTTPTestClient.get(port: port, "/readyz") }.text == "redis is unreachable\n")
    }

    @Test(.timeLimit(.minutes(2)))
    func aConflictingResubmitIsAnsweredWith422AndAConflictingEmailIsQuarantined() async throws {
        let bench = try ClusterTestBench()
        let port = try await startIntake(bench)
        let original = #"{"id":"c1","brand":"pandorana","received_at":"2026-11-27T15:00:00Z","subject":"Help","body":"I want to cancel my order"}"#
        let changed = original.replacingOccurrences(of: "cancel", with: "change")
        #expect(try await post(port, "/tickets", body: Array(original.utf8), contentType: "application/json").status == 202)
        #expect(try await post(port, "/tickets", body: Array(original.utf8), contentType: "application/json").json["duplicate"] as? Int == 1)

        let fresh = #"{"id":"c2","brand":"pandorana","received_at":"2026-11-27T15:00:00Z","body":"Is my parcel lost?"}"#
        let conflict = try await post(port, "/tickets", body: Array((fresh + "\n" + changed + "\n").utf8), contentType: "application/x-ndjson")
        #expect(conflict.status == 422, "\(conflict.json)")
        #expect(conflict.json["accepted"] as? Int == 1 && conflict.json["conflict"] as? Int == 1, "\(conflict.json)")
        let rejected = conflict.json["rejected"] as? [[String: Any]] ?? []
        #expect(rejected.count == 1 && rejected.first?["line"] as? Int == 2 && rejected.first?["field"] as? String == "id", "\(rejected)")
        #expect((rejected.first?["reason"] as? String)?.hasPrefix("conflict: ticket \"c1\"") == true, "\(rejected)")

        // One Message-ID, two different messages: the second is kept in the quarantine, not dropped.
        let mail = "From: ann@example.com\r\nTo: care@mejurn.example\r\nSubject: Parcel\r\nMessage-ID: <c-1@example.com>\r\n\r\n"
        let first = try await post(port, "/inbound/email", body: Array((mail + "My parcel never arrived.\r\n").utf8), contentType: "message/rfc822")
        #expect(first.status == 202 && first.json["accepted"] as? Int == 1, "\(first.json)")
        let retried = try await post(port, "/inbound/email", body: Array((mail + "My parcel never arrived.\r\n").utf8), contentType: "message/rfc822")
        #expect(retried.status == 202 && retried.json["duplicate"] as? Int == 1, "\(retried.json)")
        let other = try await post(port, "/inbound/email", body: Array((mail + "It arrived broken.\r\n").utf8), contentType: "message/rfc822")
        #expect(other.status == 202 && (other.json["quarantined"] as? String)?.hasPrefix("q-") == true, "\(other.json)")
        #expect((other.json["reason"] as? String)?.hasPrefix("conflict:") == true, "\(other.json)")

        let metrics = try await ExpositionSamples.scrape(port: port)
        #expect(metrics[#"ticketq_intake_tickets_total{outcome="accepted"}"#] == 3)
        #expect(metrics[#"ticketq_intake_tickets_total{outcome="conflict"}"#] == 1)
        #expect(metrics[#"ticketq_intake_tickets_total{outcome="quarantined"}"#] == 1)
        #expect(metrics[#"ticketq_intake_requests_total{endpoint="/tickets",code="422"}"#] == 1)
        #expect(bench.outstanding() == 3)
        let listed = try await bench.run(["quarantine", "list", "--redis", bench.server.url])
        #expect(listed.status == 0 && listed.stdout.contains("conflict"), "\(listed.stdout) \(listed.stderr)")
    }
}
