import Foundation
import TicketQCore
import TicketQStore
import TicketQTestSupport
import Testing

/// `ticketq outcomes` on real SQLite stores filled through `OutcomeStore`.
struct OutcomesCommandTests {
    let ticketq = ProcessRunner.product("ticketq")
    /// 2026-03-02T09:00:00Z in epoch milliseconds.
    let base: Int64 = 1_772_442_000_000

    func outcome(
        _ id: String, brand: String = "pandorana", lane: Lane = .standard, status: OutcomeStatus = .done,
        completedAt offset: Int64 = 60_000, dueIn: Int64 = 3_600_000, reply: String? = "Thanks, we got it."
    ) -> OutcomeRecord {
        OutcomeRecord(
            ticketID: id, brand: brand, category: "order_status", urgent: lane == .sameBusinessDay, lane: lane, promoted: false,
            receivedAt: base, effectiveReceiptAt: base, dueAt: base + dueIn, resolutionDueAt: nil, enqueuedAt: base + 5,
            startedAt: base + offset - 10, completedAt: base + offset, attempts: 1, worker: "w-1", status: status,
            slaMet: status == .dead ? nil : offset <= dueIn, action: status == .dead ? "dead_lettered" : "acknowledged",
            reply: status == .dead ? nil : reply, fence: 1, policyVersion: "p-1", calendarVersion: "c-1", ackConfirmed: true
        )
    }

    /// A store with six outcomes over two brands and three lanes, one breached and one superseded.
    func filledStore(in directory: TemporaryDirectory) throws -> String {
        let path = directory.file("outcomes.db").path
        let store = try OutcomeStore(path: path)
        _ = try store.insert(batch: [
            outcome("p-1"),
            outcome("p-2", lane: .sameBusinessDay, completedAt: 7_200_000, dueIn: 3_600_000),
            outcome("p-3", lane: .extended, completedAt: 86_400_000, dueIn: 172_800_000),
            outcome("m-1", brand: "mejurn", reply: "Hello, \"quoted\", and\nsecond line"),
            outcome("m-2", brand: "mejurn", status: .dead, completedAt: 90_000_000),
            outcome("m-3", brand: "mejurn", completedAt: 120_000),
        ])
        #expect(try store.markSuperseded(ticketIDs: ["m-3"]) == 1)
        return path
    }

    func run(_ arguments: [String], in directory: TemporaryDirectory, environment: [String: String] = [:]) throws -> ProcessOutput {
        let base = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("TICKETQ_") }
        return try ProcessRunner.run(ticketq, arguments, environment: base.merging(environment) { $1 }, currentDirectory: directory.url)
    }

    func ids(_ stdout: String) throws -> [String] {
        try stdout.split(separator: "\n").map { try #require(try OperatorTestContext.object($0)["ticket_id"] as? String) }
    }

    @Test func listsAcceptedOutcomesAsJSONLKeyedByColumn() throws {
        let directory = try TemporaryDirectory()
        let path = try filledStore(in: directory)
        let output = try run(["outcomes", "--db", path], in: directory)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(try ids(output.stdout) == ["p-1", "p-2", "p-3", "m-1", "m-2"])
        let first = try OperatorTestContext.object(try #require(output.stdout.split(separator: "\n").first))
        #expect(first["lane"] as? String == "standard")
        #expect(first["status"] as? String == "done")
        #expect(first["sla_met"] as? Bool == true)
        #expect(first["completed_at"] as? String == "2026-03-02T09:01:00Z")
        #expect(Set(first.keys) == Set(OutcomeColumn.allCases.map(\.rawValue)))
    }

    @Test func filtersCombine() throws {
        let directory = try TemporaryDirectory()
        let path = try filledStore(in: directory)
        func listed(_ filters: [String], subcommand: [String] = []) throws -> [String] {
            let output = try run(["outcomes"] + subcommand + ["--db", path] + filters, in: directory)
            #expect(output.status == 0, "\(output.stderr)")
            return try ids(output.stdout)
        }
        #expect(try listed(["--brand", "mejurn"]) == ["m-1", "m-2"])
        #expect(try listed(["--brand", "mejurn", "--all"]) == ["m-1", "m-2", "m-3"])
        #expect(try listed(["--lane", "same_business_day"]) == ["p-2"])
        #expect(try listed(["--breached"]) == ["p-2"])
        #expect(try listed(["--since", "2026-03-02T10:00:00Z"]) == ["p-2", "p-3", "m-2"])
        #expect(try listed(["--since", "2026-03-02T10:00:00Z", "--until", "2026-03-03T09:00:00Z"]) == ["p-2"])
        #expect(try listed(["--since", "2026-03-02T11:00:00+01:00", "--until", "2026-03-03T10:00:01+01:00"]) == ["p-2", "p-3"])
        #expect(try listed(["--brand", "pandorana", "--limit", "2"], subcommand: ["list"]) == ["p-1", "p-2"])
        #expect(try listed(["--brand", "nobody"]) == [])
    }

    @Test func csvHasAHeaderAndQuotesFieldsThatNeedIt() throws {
        let directory = try TemporaryDirectory()
        let path = try filledStore(in: directory)
        let output = try run(["outcomes", "--db", path, "--format", "csv", "--brand", "mejurn"], in: directory)
        #expect(output.status == 0, "\(output.stderr)")
        let records = output.stdout.components(separatedBy: "\r\n")
        #expect(records.count == 4)
        #expect(records[0] == OutcomeColumn.allCases.map(\.rawValue).joined(separator: ","))
        #expect(records[1].hasPrefix("m-1,mejurn,order_status,false,standard,false,2026-03-02T09:00:00Z,"))
        #expect(records[1].contains(",\"Hello, \"\"quoted\"\", and\nsecond line\","))
        #expect(records[2].hasPrefix("m-2,mejurn,"))
        #expect(records[2].contains(",dead,,dead_lettered,,"))
        #expect(records[3] == "")
    }

    @Test func badOptionsAreUsageErrors() throws {
        let directory = try TemporaryDirectory()
        let path = try filledStore(in: directory)
        let lane = try run(["outcomes", "--db", path, "--lane", "express"], in: directory)
        #expect(lane.status == 64)
        #expect(lane.stderr.contains("unknown lane \"express\""))
        #expect(lane.stderr.contains("same_business_day, extended, standard"))
        let since = try run(["outcomes", "--db", path, "--since", "yesterday"], in: directory)
        #expect(since.status == 64)
        #expect(since.stderr.contains("--since"))
        let format = try run(["outcomes", "--db", path, "--format", "xml"], in: directory)
        #expect(format.status == 64)
    }

    @Test func missingStoreExitsOneNamingThePathAndIsNotCreated() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("nowhere.db").path
        let output = try run(["outcomes", "--db", path], in: directory)
        #expect(output.status == 1)
        #expect(output.stderr.contains(path))
        #expect(output.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: path))

        let get = try run(["outcomes", "get", "x", "--db", path], in: directory)
        #expect(get.status == 1)
        #expect(get.stderr.contains(path))
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func defaultStoreIsTheEnvironmentVariableElseTheFileInTheCurrentDirectory() throws {
        let directory = try TemporaryDirectory()
        let path = try filledStore(in: directory)
        let fromEnvironment = try run(["outcomes", "--brand", "mejurn"], in: directory, environment: ["TICKETQ_DB": path])
        #expect(fromEnvironment.status == 0, "\(fromEnvironment.stderr)")
        #expect(try ids(fromEnvironment.stdout) == ["m-1", "m-2"])

        let missing = try run(["outcomes"], in: directory)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("ticketq-outcomes.db"))
        #expect(!FileManager.default.fileExists(atPath: directory.file("ticketq-outcomes.db").path))

        try FileManager.default.copyItem(atPath: path, toPath: directory.file("ticketq-outcomes.db").path)
        let inCurrentDirectory = try run(["outcomes", "--lane", "extended"], in: directory)
        #expect(inCurrentDirectory.status == 0, "\(inCurrentDirectory.stderr)")
        #expect(try ids(inCurrentDirectory.stdout) == ["p-3"])

        let help = try run(["outcomes", "list", "--help"], in: directory)
        #expect(help.stdout.contains("TICKETQ_DB"))
    }

    @Test func getPrintsOneObjectWhateverItsStatus() throws {
        let directory = try TemporaryDirectory()
        let path = try filledStore(in: directory)
        let output = try run(["outcomes", "get", "m-1", "--db", path], in: directory)
        #expect(output.status == 0, "\(output.stderr)")
        #expect(output.stdout.split(separator: "\n").count == 1)
        let object = try OperatorTestContext.object(output.stdout)
        #expect(object["ticket_id"] as? String == "m-1")
        #expect(object["reply"] as? String == "Hello, \"quoted\", and\nsecond line")
        #expect(Set(object.keys) == Set(OutcomeColumn.allCases.map(\.rawValue)))

        let superseded = try run(["outcomes", "get", "m-3", "--db", path], in: directory)
        #expect(try OperatorTestContext.object(superseded.stdout)["status"] as? String == "superseded")

        let missing = try run(["outcomes", "get", "zzz", "--db", path], in: directory)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no outcome for ticket zzz"))
        #expect(missing.stdout.isEmpty)
    }

    @Test func pruneExportsThenDeletesSettledOutcomesAndVacuumsAnOlderStoreOnRequest() throws {
        let directory = try TemporaryDirectory()
        let path = try filledStore(in: directory)
        // A store written before incremental vacuuming, as the previous release created them.
        let store = try OutcomeStore(path: path)
        try store.database.execute("PRAGMA auto_vacuum = NONE")
        try store.database.execute("VACUUM")
        #expect(try !store.vacuumsIncrementally)
        _ = try store.confirmAcks(ticketIDs: ["p-1", "p-2", "p-3", "m-1", "m-2"])

        let export = directory.file("pruned.jsonl").path
        let bad = try ProcessRunner.run(ticketq, ["outcomes", "prune", "--db", path, "--older-than", "soon"])
        #expect(bad.status == 64 && bad.stderr.contains("--older-than") && bad.stderr.contains("30d"), "\(bad.stderr)")
        let pruned = try ProcessRunner.run(ticketq, ["outcomes", "prune", "--db", path, "--older-than", "1d", "--export", export])
        #expect(pruned.status == 0, "\(pruned.stderr)")
        #expect(pruned.stdout.contains("deleted 6 settled outcomes") && pruned.stdout.contains("--vacuum"), "\(pruned.stdout)")
        let lines = try String(contentsOfFile: export, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 6 && lines.allSatisfy { $0.hasPrefix("{\"ticket_id\":") })
        #expect(try store.countByStatus().values.reduce(0, +) == 0)

        let vacuumed = try ProcessRunner.run(ticketq, ["outcomes", "prune", "--db", path, "--older-than", "1d", "--vacuum"])
        #expect(vacuumed.status == 0 && !vacuumed.stdout.contains("--vacuum"), "\(vacuumed.stdout)\(vacuumed.stderr)")
        #expect(try OutcomeStore(path: path).vacuumsIncrementally)
        let missing = try ProcessRunner.run(ticketq, ["outcomes", "prune", "--db", directory.file("nope.db").path, "--older-than", "1d"])
        #expect(missing.status == 1 && missing.stderr.contains("nope.db"))
    }
}
