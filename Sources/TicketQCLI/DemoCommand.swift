import ArgumentParser
import Foundation
import TicketQConfig
import TicketQCore
import TicketQIntake
import TicketQLanes
import TicketQRedis
import TicketQLocal
import TicketQStore
import TicketQTriage

/// `ticketq demo`: a demo cluster on a private redis-server — workers, a realistic burst of
/// tickets, live progress and a summary.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Run a demo cluster: a private redis-server, workers and a burst of realistic tickets.",
        discussion: """
            Without --redis the demo starts its own redis-server on a free loopback port in a temporary \
            directory and removes it afterwards. Ticket texts are a sample of the Bitext customer-support \
            utterances (CDLA-Sharing-1.0).
            """
    )

    @Option(help: "Worker processes to start.")
    var workers = 2

    @Option(help: "Tickets in the burst.")
    var tickets = 20_000

    @Option(help: ArgumentHelp(
        "Use this Redis instead of a private one (its lanes must be empty). The demo loads the function library and plays "
            + "every role, so with ops/redis/users.acl name its admin user: redis://admin@host:6379/0.",
        valueName: "url"
    ))
    var redis: String?

    @Option(help: ArgumentHelp("Worker handler: acknowledge or simulate:SPEC.", valueName: "handler"))
    var handler = "acknowledge"

    @Option(help: "Seed of the generated burst.")
    var seed: UInt64 = 2026

    @Option(help: ArgumentHelp("Give up after this many seconds.", valueName: "seconds"))
    var timeout: Double = 300

    @Flag(help: "Enqueue the whole burst before starting the workers (a drain benchmark).")
    var preload = false

    @Option(name: .customLong("worker-concurrency"), help: "Each worker's --concurrency (default: the worker's default).")
    var workerConcurrency: Int?

    @Option(name: .customLong("worker-batch"), help: "Each worker's --batch (default: the worker's default).")
    var workerBatch: Int?

    @OptionGroup var policies: PolicyOptions

    func validate() throws {
        guard (1...32).contains(workers) else { throw ValidationError("--workers must be between 1 and 32") }
        guard (1...5_000_000).contains(tickets) else { throw ValidationError("--tickets must be between 1 and 5,000,000") }
    }

    func run() throws {
        let catalog = try policies.loadCatalog()
        let started = Date()
        let server = redis == nil ? try startRedis() : nil
        defer { server?.stop() }
        let redisURL: RedisURL
        do {
            redisURL = try RedisURL(redis ?? server!.url)
        } catch {
            Diagnostics.error("--redis: \(error)")
            throw ExitStatus.usage
        }
        let workDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("ticketq-demo-\(getpid())")
        try FileManager.default.createDirectory(at: workDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: workDirectory) }
        // The workers get the password in a file only they and this process can read, never on
        // their command lines (where `ps` shows it).
        var redisArguments = ["--redis", redisURL.withPassword(nil).redacted]
        if let password = redisURL.password {
            let file = workDirectory.appendingPathComponent("redis-password")
            guard FileManager.default.createFile(atPath: file.path, contents: Data(password.utf8), attributes: [.posixPermissions: 0o600]) else {
                Diagnostics.error("cannot write the Redis password file in \(workDirectory.path)")
                throw ExitStatus.failure
            }
            redisArguments += ["--redis-password-file", file.path]
        }

        print("ticketq \(TicketQVersion.current) demo — redis \(redisURL.redacted)\(server == nil ? "" : " (private)"), \(workers) workers, \(tickets) tickets")
        let lanes = LaneStore(connection: try RedisConnection(url: redisURL), keys: try LaneKeys())
        // The demo's own Redis is a new deployment; so is an empty one given with --redis.
        if case .refusedExistingData = try lanes.createDeployment(origin: .initialized, release: TicketQVersion.current) {
            Diagnostics.error("\(redisURL.redacted) holds ticketq data without a deployment marker: see `ticketq deployment init --help`")
            throw ExitStatus.failure
        }
        let stores = (1...workers).map { workDirectory.appendingPathComponent("worker-\($0).db").path }
        var children: [ChildProcess] = []
        defer { for child in children { child.stop() } }
        var workersStarted = Date()
        func startWorkers() throws {
            workersStarted = Date()
            for (index, store) in stores.enumerated() {
                var arguments = ["worker"] + redisArguments + ["--db", store, "--id", "demo-\(index + 1)", "--handler", handler]
                if let directory = policies.directory { arguments += ["--policies", directory] }
                if let workerConcurrency { arguments += ["--concurrency", String(workerConcurrency)] }
                if let workerBatch { arguments += ["--batch", String(workerBatch)] }
                children.append(try ChildProcess(selfArguments: arguments, logPath: workDirectory.appendingPathComponent("worker-\(index + 1).log").path))
            }
        }
        if !preload { try startWorkers() }

        let burstStart = Date()
        let report = try submitBurst(catalog: catalog, lanes: lanes)
        let submitSeconds = Date().timeIntervalSince(burstStart)
        print(String(format: "submitted %d tickets in %.2f s (%.0f/s): %d accepted, %d duplicate, %d rejected",
                     tickets, submitSeconds, Double(tickets) / max(submitSeconds, 1e-6), report.accepted, report.duplicates, report.rejected.count))
        if preload { try startWorkers() }

        let drained = try followProgress(lanes: lanes, expected: report.accepted, children: children)
        for child in children { child.stop() }
        let summary = try DemoSummary(stores: stores)
        print("")
        print(summary.render(workersStartedAt: workersStarted))
        print(String(format: "\ndemo finished in %.1f s", Date().timeIntervalSince(started)))
        if !drained {
            Diagnostics.error("the cluster did not drain within \(Int(timeout)) s; worker logs were in \(workDirectory.path)")
            throw ExitStatus.failure
        }
    }

    private func startRedis() throws -> EmbeddedRedisServer {
        do {
            return try EmbeddedRedisServer()
        } catch {
            Diagnostics.error("\(error)")
            throw ExitStatus.failure
        }
    }

    /// Builds the burst from the sample utterances and submits it in batches.
    private func submitBurst(catalog: PolicyCatalog, lanes: LaneStore) throws -> SubmitReport {
        let keys = lanes.keys
        let url = lanes.connection.url
        let submitter = TicketSubmitter(catalog: catalog, highVolume: HighVolumeSchedule()) {
            LaneStore(connection: try RedisConnection(url: url), keys: keys)
        }
        var generator = SplitMix64(seed: seed)
        let now = Instant(secondsSinceEpoch: Int64(Date().timeIntervalSince1970))
        let samples = SampleUtterances.samples
        for index in 0..<tickets {
            let brand = generator.next() % 5 < 3 ? "pandorana" : "mejurn"
            let sample = samples[Int(generator.next() % UInt64(samples.count))]
            // Received over the last two hours, as a morning's inbox.
            let received = now.adding(seconds: -Int64(generator.next() % 7200))
            var line = JSONObjectWriter()
            line.add("id", "demo-\(seed)-\(index)")
            line.add("brand", brand)
            line.add("received_at", RFC3339.formatUTC(received))
            line.add("subject", "Question about my order")
            line.add("body", sample.text)
            // The sample's labelled intent, filed by the brand's own intent map (as triage would).
            line.add("category", catalog.brands[brand]?.category(forIntent: sample.intent))
            submitter.add(line: Array(line.json.utf8), number: index + 1, now: now)
        }
        submitter.finish()
        if let refusal = submitter.report.refusal {
            Diagnostics.error("Redis refused tickets: \(refusal)")
        }
        return submitter.report
    }

    /// Prints a progress line every half second until the lanes are empty.
    private func followProgress(lanes: LaneStore, expected: Int, children: [ChildProcess]) throws -> Bool {
        let interactive = isatty(STDOUT_FILENO) == 1
        let start = Date()
        var lastDone = 0
        var lastTime = start
        while Date().timeIntervalSince(start) < timeout {
            Thread.sleep(forTimeInterval: 0.5)
            let snapshot = try lanes.snapshot()
            let backlog = snapshot.lanes.values.map(\.depth).reduce(0, +)
            let done = max(0, expected - backlog - snapshot.inFlight - snapshot.deadLetters)
            let now = Date()
            let rate = Double(done - lastDone) / now.timeIntervalSince(lastTime)
            lastDone = done
            lastTime = now
            let lanesText = Lane.allCases.map { "\($0.rawValue) \(snapshot.lanes[$0]?.depth ?? 0)" }.joined(separator: ", ")
            let line = String(format: "[%5.1fs] done %d/%d  %.0f/s  backlog: %@  in flight %d",
                              now.timeIntervalSince(start), done, expected, rate, lanesText, snapshot.inFlight)
            print(interactive ? "\r\(line)\u{1B}[K" : line, terminator: interactive ? "" : "\n")
            FileHandle.standardOutput.synchronizeFile()
            if backlog == 0, snapshot.inFlight == 0 { return true }
            if children.allSatisfy({ !$0.process.isRunning }) {
                Diagnostics.error("every worker exited; see their logs")
                return false
            }
        }
        return false
    }
}
