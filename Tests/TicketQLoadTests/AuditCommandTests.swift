import Foundation
import Testing
import TicketQStore
import TicketQTestSupport

/// `ticketq-load audit` against a real deployment: a redis-server, `ticketq deployment init`,
/// a worker, tickets sent by the harness; then the books are damaged on purpose.
@Suite(.serialized)
struct AuditCommandTests {
    @Test(.timeLimit(.minutes(3)))
    func theAuditFindsEveryAcceptedTicketSettledThenLostAndDuplicatedOnes() async throws {
        let redis = try RedisServerProcess()
        defer { redis.stop() }
        let directory = try TemporaryDirectory(prefix: "ticketq-load-audit")
        let store = directory.file("worker.db").path
        let url = "redis://127.0.0.1:\(redis.port)/0"
        let initialized = try await ProcessRunner.runOffPool(ProcessRunner.product("ticketq"), ["deployment", "init", "--redis", url])
        #expect(initialized.status == 0, "\(initialized.stderr)")
        let worker = Process()
        worker.executableURL = ProcessRunner.product("ticketq")
        worker.arguments = ["worker", "--redis", url, "--db", store, "--id", "audit-1", "--metrics-addr", "127.0.0.1:0"]
        worker.standardOutput = FileHandle.nullDevice
        worker.standardError = FileHandle.nullDevice
        try worker.run()
        let run = try await LoadRun.run(["run", "drain", "--tickets", "500", "--redis", url, "--store", store])
        worker.terminate()
        worker.waitUntilExit()
        #expect(run.output.status == 0, "\(run.output.stderr)")

        let load = ProcessRunner.product("ticketq-load")
        let clean = try await ProcessRunner.runOffPool(load, ["audit", "--redis", url, "--store", store, "--json"])
        #expect(clean.status == 0, "\(clean.stderr)\n\(clean.stdout)")
        let books = try #require(try JSONSerialization.jsonObject(with: Data(clean.stdout.utf8)) as? [String: Any])
        #expect(books["accepted"] as? Int == 500 && books["settled"] as? Int == 500, "\(books)")
        #expect((books["lost"] as? [String])?.isEmpty == true && (books["duplicates"] as? [Any])?.isEmpty == true)

        // The same outcomes in a second store: every ticket is duplicated.
        let copy = directory.file("copy.db").path
        let database = try SQLiteDatabase(path: store, mode: .readWriteCreate)
        try database.execute("VACUUM INTO '\(copy)'")
        let duplicated = try await ProcessRunner.runOffPool(load, ["audit", "--redis", url, "--store", store, "--store", copy, "--json"])
        #expect(duplicated.status == 1, "\(duplicated.stderr)")
        let twice = try #require(try JSONSerialization.jsonObject(with: Data(duplicated.stdout.utf8)) as? [String: Any])
        #expect((twice["duplicates"] as? [Any])?.count == 500, "\(twice["duplicates"].map { "\($0)".prefix(300) } ?? "")")

        // An outcome gone from the only store: that ticket is lost, and named.
        let victim = try #require(try database.scalarString("SELECT ticket_id FROM outcome LIMIT 1"))
        _ = try database.run("DELETE FROM outcome WHERE ticket_id = ?1", [.text(victim)])
        let lost = try await ProcessRunner.runOffPool(load, ["audit", "--redis", url, "--store", store])
        #expect(lost.status == 1, "\(lost.stderr)")
        #expect(lost.stdout.contains("lost (no outcome, nothing in Redis): 1") && lost.stdout.contains("lost \(victim)"), "\(lost.stdout)")

        let unreadable = try await ProcessRunner.runOffPool(load, ["audit", "--redis", url, "--store", directory.file("missing.db").path])
        #expect(unreadable.status == 2 && unreadable.stderr.contains("missing.db"), "\(unreadable.stderr)")
    }
}
