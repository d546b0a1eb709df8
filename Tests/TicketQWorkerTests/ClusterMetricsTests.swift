import Foundation
import TicketQTestSupport
import Testing

/// The workers' `/metrics`, `/healthz` and `/readyz` endpoints, the `--metrics-addr` rules and the
/// collector role, with real worker processes and a private redis-server.
struct ClusterMetricsTests {
    @Test(.timeLimit(.minutes(2)))
    func workerServesMetricsHealthAndReadinessAndReportsItsAddress() async throws {
        let bench = try ClusterTestBench()
        let port = try FreePort.allocate()
        try await bench.startReadyWorker(id: "m1", store: "m1", extra: ["--metrics-addr", "127.0.0.1:\(port)"])

        let metrics = try await HTTPTestClient.offPool { try HTTPTestClient.get(port: port, "/metrics") }
        #expect(metrics.status == 200)
        #expect(metrics.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
        #expect(metrics.text.contains("# HELP ticketq_tickets_processed_total"))
        #expect(try await HTTPTestClient.offPool { try HTTPTestClient.get(port: port, "/healthz") }.status == 200)
        let ready = try await HTTPTestClient.offPool { try HTTPTestClient.get(port: port, "/readyz") }
        #expect(ready.status == 200, "readyz: \(ready.text)")

        let workers = try await bench.status()["workers"] as? [[String: Any]] ?? []
        #expect(workers.first?["metrics_addr"] as? String == "127.0.0.1:\(port)", "status --json workers: \(workers)")

        bench.server.stop()
        let unready = try await bench.eventually("readyz 503", timeout: .seconds(20)) {
            let answer = try? HTTPTestClient.get(port: port, "/readyz")
            return answer?.status == 503 && answer?.text.contains("redis") == true
        }
        #expect(unready, "readyz should answer 503 naming Redis while Redis is down\n\(bench.logs)")
        #expect(try await HTTPTestClient.offPool { try HTTPTestClient.get(port: port, "/healthz") }.status == 200, "the process is still up")
    }

    @Test(.timeLimit(.minutes(2)))
    func explicitBusyAddressIsFatalAndTheBusyDefaultFallsBack() async throws {
        let bench = try ClusterTestBench()
        let port = try FreePort.allocate()
        try await bench.startReadyWorker(id: "first", store: "first", extra: ["--metrics-addr", "127.0.0.1:\(port)"])
        let clash = try await bench.run(["worker", "--redis", bench.server.url, "--db", bench.storePath("clash"), "--id", "clash", "--metrics-addr", "127.0.0.1:\(port)"])
        #expect(clash.status == 78, "an explicit address that cannot be bound must be fatal: \(clash.status) \(clash.stderr)")
        #expect(clash.stderr.contains("--metrics-addr") && clash.stderr.contains("already in use"), "\(clash.stderr)")

        // Two workers with the default address: whichever does not get 9464 warns and serves on
        // another loopback port, shown in the registry.
        let a = try await bench.startReadyWorker(id: "default-a", store: "da")
        let b = try await bench.startReadyWorker(id: "default-b", store: "db")
        let workers = try await bench.status()["workers"] as? [[String: Any]] ?? []
        let addresses = Dictionary(uniqueKeysWithValues: workers.compactMap { worker -> (String, String)? in
            guard let id = worker["id"] as? String, let address = worker["metrics_addr"] as? String else { return nil }
            return (id, address)
        })
        let addressA = try #require(addresses["default-a"], "\(workers)")
        let addressB = try #require(addresses["default-b"], "\(workers)")
        #expect(addressA != addressB)
        for (worker, address) in [(a, addressA), (b, addressB)] {
            #expect(address.hasPrefix("127.0.0.1:"))
            if address != "127.0.0.1:9464" {
                #expect(worker.standardError.contains("default metrics port is busy"), "\(worker.logTail())")
            }
            let port = try #require(Int(address.split(separator: ":").last ?? ""))
            #expect(try await ExpositionSamples.scrape(port: port)["ticketq_worker_up"] == 1)
        }
    }

    @Test(.timeLimit(.minutes(2)))
    func exactlyOneWorkerCollectsAndAnotherTakesOverWhenItDies() async throws {
        let bench = try ClusterTestBench()
        let ports = [try FreePort.allocate(), try FreePort.allocate()]
        let workers = [
            try await bench.startReadyWorker(id: "c0", store: "c0", extra: ["--metrics-addr", "127.0.0.1:\(ports[0])"]),
            try await bench.startReadyWorker(id: "c1", store: "c1", extra: ["--metrics-addr", "127.0.0.1:\(ports[1])"]),
        ]
        var leader: Int?
        let settled = try await bench.eventually("one collector", timeout: .seconds(15)) {
            let samples = ports.map { port in (try? HTTPTestClient.get(port: port, "/metrics")).map { ExpositionSamples($0.body) } }
            let leaders = samples.indices.filter { samples[$0]?["ticketq_collector_leader"] == 1 }
            let exporters = samples.indices.filter { !(samples[$0]?.family("ticketq_lane_depth").isEmpty ?? true) }
            guard leaders.count == 1, exporters == leaders else { return false }
            leader = leaders.first
            return true
        }
        #expect(settled, "exactly one worker should be the collector and only it should export lane gauges\n\(bench.logs)")
        let old = try #require(leader)
        workers[old].kill()
        let survivor = 1 - old
        let tookOver = try await bench.eventually("take-over", timeout: .seconds(15)) {
            guard let response = try? HTTPTestClient.get(port: ports[survivor], "/metrics") else { return false }
            let samples = ExpositionSamples(response.body)
            return samples["ticketq_collector_leader"] == 1 && samples["ticketq_lane_depth{lane=\"standard\"}"] != nil
        }
        #expect(tookOver, "the surviving worker did not become the collector after the leader died\n\(bench.logs)")
    }

    /// The per-status sums of `ticketq_tickets_processed_total` over all workers equal the rows per
    /// status in their stores, through retries, dead letters and a `kill -9`.
    ///
    /// A killed process takes its counters with it, so the kill is arranged to lose nothing: the
    /// victim's handler takes 60 s per ticket, so it holds tickets but commits nothing; it is
    /// scraped (all zero) and killed, and its store is then checked to be empty — proof that no
    /// outcome was committed unobserved. The same id is restarted (as a process manager would)
    /// with a fast handler, and from then on every row it writes is counted by the new process.
    @Test(.timeLimit(.minutes(3)))
    func processedCountersEqualTheStoresRowsThroughRetriesDeadLettersAndAKill() async throws {
        let bench = try ClusterTestBench()
        let (file, _) = try bench.writeTickets(600)
        let ports = [try FreePort.allocate(), try FreePort.allocate(), try FreePort.allocate()]
        let failing = "simulate:fixed=1ms,fail=0.3,seed=7"
        let victim = try await bench.startReadyWorker(
            id: "victim", store: "v", handler: "simulate:fixed=60s", concurrency: 16, extra: ["--metrics-addr", "127.0.0.1:\(ports[0])"]
        )
        let submitted = try await bench.submit(file)
        #expect(submitted.output.status == 0, "\(submitted.output)")
        let holding = try await bench.eventually("victim holds tickets", timeout: .seconds(20)) {
            (try? HTTPTestClient.get(port: ports[0], "/metrics")).map { ExpositionSamples($0.body)["ticketq_in_flight"] ?? 0 } ?? 0 >= 1
        }
        #expect(holding, "\(bench.logs)")
        try await bench.startReadyWorker(
            id: "steady", store: "s", handler: failing, extra: ["--metrics-addr", "127.0.0.1:\(ports[1])", "--max-deliveries", "2"]
        )
        let before = try await ExpositionSamples.scrape(port: ports[0])
        victim.kill()
        #expect(before.sum("ticketq_tickets_processed_total") == 0)
        #expect(bench.countByStatus("v").values.reduce(0, +) == 0, "the victim committed outcomes it never reported")

        try await bench.startReadyWorker(
            id: "victim", store: "v", handler: failing,
            extra: ["--metrics-addr", "127.0.0.1:\(ports[2])", "--max-deliveries", "2"], name: "victim-restarted"
        )
        let drained = try await bench.eventually("drained", timeout: .seconds(60)) { bench.outstanding() == 0 }
        #expect(drained, "\(bench.logs)")

        var metricTotals: [String: Double] = [:]
        var retries = 0.0
        var deadLetters = 0.0
        for port in ports.dropFirst() {
            let samples = try await ExpositionSamples.scrape(port: port)
            for status in ["done", "dead"] {
                metricTotals[status, default: 0] += samples.sum("ticketq_tickets_processed_total", matching: "status=\"\(status)\"")
            }
            retries += samples.sum("ticketq_retries_total")
            deadLetters += samples.sum("ticketq_dead_letters_total")
        }
        var rowTotals: [String: Int] = [:]
        for store in ["v", "s"] {
            for (status, count) in bench.countByStatus(store) { rowTotals[status, default: 0] += count }
        }
        #expect(metricTotals["done"] == Double(rowTotals["done"] ?? -1), "metrics \(metricTotals) vs rows \(rowTotals)")
        #expect(metricTotals["dead"] == Double(rowTotals["dead"] ?? -1), "metrics \(metricTotals) vs rows \(rowTotals)")
        #expect((rowTotals["done"] ?? 0) + (rowTotals["dead"] ?? 0) == 600, "rows \(rowTotals)")
        #expect(retries > 0 && deadLetters > 0, "the run must exercise retries (\(retries)) and dead letters (\(deadLetters))")
        #expect(deadLetters == metricTotals["dead"], "every dead row was dead-lettered once")
    }
}
