import Foundation
import TicketQTestSupport
import Testing

/// Emails end to end: an mbox through `submit --format mbox`, triage, a worker, the outcome
/// store; the broken message goes to the quarantine without losing its neighbours, and comes
/// out again with `quarantine retry` once the policy knows its address.
struct ClusterEmailTests {
    @Test(.timeLimit(.minutes(2)))
    func mboxMessagesBecomeOutcomesAndTheBadOneIsQuarantined() async throws {
        let bench = try ClusterTestBench()
        let mbox = """
            From ann@example.com Mon Nov 23 09:00:00 2026
            From: Ann <ann@example.com>
            To: care@mejurn.example
            Subject: Parcel
            Date: Mon, 23 Nov 2026 09:00:00 +0000
            Message-ID: <m1@example.com>

            Hello, my parcel never arrived. Order MJ-1001.

            From bob@example.com Mon Nov 23 09:05:00 2026
            From: bob@example.com
            To: someone@unknown.example
            Subject: lost

            Where is my order?

            From cat@example.com Mon Nov 23 09:10:00 2026
            From: cat@example.com
            To: "Support" <support@pandorana.example>
            Subject: Password
            Date: Mon, 23 Nov 2026 09:10:00 +0000
            Message-ID: <m3@example.com>
            Content-Type: text/plain; charset=iso-8859-1
            Content-Transfer-Encoding: quoted-printable

            I forgot my password and can=27t log in.

            On Sun, 22 Nov 2026, Pandorana wrote:
            > Welcome!

            """
        let path = bench.directory.file("inbox.mbox")
        try mbox.write(to: path, atomically: true, encoding: .utf8)
        let submitted = try await bench.run(["submit", "--redis", bench.server.url, "--format", "mbox", "--json", path.path])
        #expect(submitted.status == 2, "a quarantined message makes the exit status 2: \(submitted.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(submitted.stdout.utf8)) as? [String: Any] ?? [:]
        #expect(summary["accepted"] as? Int == 2 && summary["quarantined"] as? Int == 1, "\(submitted.stdout)")
        #expect(submitted.stderr.contains("message 2 (line 10): quarantined as q-"), "\(submitted.stderr)")
        #expect(!submitted.stderr.contains("Where is my order"), "message text must not be logged")

        try await bench.startReadyWorker(id: "mail-worker", store: "mail")
        let drained = try await bench.eventually("drained", timeout: .seconds(30)) { bench.outstanding() == 0 }
        #expect(drained, "\(bench.logs)")
        let ledger = try await bench.ledger(["mail"])
        let rows = Dictionary(uniqueKeysWithValues: ledger.rows.map { ($0.ticketID, $0) })
        #expect(rows.count == 2)
        let outcomes = try await bench.run(["outcomes", "--db", bench.storePath("mail"), "--format", "jsonl"])
        let objects = try outcomes.stdout.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:] }
        let parcel = try #require(objects.first { $0["brand"] as? String == "mejurn" })
        #expect(parcel["category"] as? String == "shipping_undelivered")
        #expect(parcel["urgent"] as? Bool == true)
        #expect((parcel["triage_model_version"] as? String)?.hasPrefix("linear-svm-") == true)
        #expect(parcel["needs_review"] is Bool, "outcomes show whether triage asked for a review")
        #expect((parcel["received_at"] as? String)?.hasPrefix("2026-11-23T09:00:00") == true)
        let password = try #require(objects.first { $0["brand"] as? String == "pandorana" })
        #expect(password["category"] as? String == "general")

        let listed = try await bench.run(["quarantine", "list", "--redis", bench.server.url, "--json"])
        let entry = try JSONSerialization.jsonObject(with: Data((listed.stdout.split(separator: "\n").first ?? "").utf8)) as? [String: Any] ?? [:]
        let id = try #require(entry["id"] as? String, "\(listed.stdout)\(listed.stderr)")
        let info = entry["info"] as? [String: Any] ?? [:]
        #expect((info["reason"] as? String)?.contains("no recipient is a support address") == true)

        // Still unknown: the retry keeps it.
        let refused = try await bench.run(["quarantine", "retry", "--redis", bench.server.url, id])
        #expect(refused.status == 2, "\(refused.stderr)")
        // A policy directory that lists the address lets it through.
        let policies = bench.directory.file("policies")
        try FileManager.default.createDirectory(at: policies.appendingPathComponent("brands"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: policies.appendingPathComponent("calendars"), withIntermediateDirectories: true)
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for name in try FileManager.default.contentsOfDirectory(atPath: repository.appendingPathComponent("config/calendars").path) {
            try FileManager.default.copyItem(at: repository.appendingPathComponent("config/calendars/\(name)"), to: policies.appendingPathComponent("calendars/\(name)"))
        }
        for brand in ["pandorana", "mejurn"] {
            var text = try String(contentsOf: repository.appendingPathComponent("config/brands/\(brand).yaml"), encoding: .utf8)
            if brand == "pandorana" {
                text = text.replacingOccurrences(of: "support_addresses: [support@pandorana.example]", with: "support_addresses: [support@pandorana.example, someone@unknown.example]")
            }
            try text.write(to: policies.appendingPathComponent("brands/\(brand).yaml"), atomically: true, encoding: .utf8)
        }
        let retried = try await bench.run(["quarantine", "retry", "--redis", bench.server.url, "--policies", policies.path, "--all"])
        #expect(retried.status == 0, "\(retried.stderr)")
        #expect(retried.stdout.contains("submitted as ticket c-"), "\(retried.stdout)")
        let empty = try await bench.run(["quarantine", "list", "--redis", bench.server.url])
        #expect(empty.stdout.contains("quarantine: empty"), "\(empty.stdout)")
        let finished = try await bench.eventually("retried ticket handled", timeout: .seconds(30)) { bench.countByStatus("mail")["done"] == 3 }
        #expect(finished, "\(bench.logs)")
    }
}
