import ArgumentParser
import TicketQConfig
import TicketQCore

/// `ticketq demo`: a guided run of the SLA engine over a Black Friday weekend of sample tickets.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Show lanes and due times for sample tickets of both brands over Black Friday 2026."
    )

    @OptionGroup var policies: PolicyOptions

    /// Sample tickets: (brand, category, receipt, urgent flag, complex flag, high volume).
    static let samples: [(String, String, String, Bool, Bool, Bool)] = [
        ("pandorana", "order_tracking", "2026-11-26T15:00:00Z", false, false, false),  // Thanksgiving
        ("pandorana", "order_modification", "2026-11-27T14:30:00Z", false, false, false),  // Black Friday 09:30 EST
        ("pandorana", "order_modification", "2026-11-27T19:30:00Z", false, false, false),  // after the 14:00 cutoff
        ("pandorana", "complaint", "2026-11-27T16:00:00Z", false, false, false),
        ("pandorana", "product_information", "2026-11-28T12:00:00Z", false, false, true),  // Saturday, high volume
        ("pandorana", "refund_processing", "2026-11-30T15:00:00Z", false, true, false),  // Cyber Monday, complex
        ("mejurn", "order_discrepancy", "2026-11-27T10:15:00Z", false, false, false),
        ("mejurn", "shipping_undelivered", "2026-11-27T12:30:00Z", false, false, false),  // after the 12:00 cutoff
        ("mejurn", "return_refund", "2026-11-27T16:30:00Z", false, false, false),
        ("mejurn", "general", "2026-11-28T09:00:00Z", true, false, false),  // Saturday, flagged urgent
        ("mejurn", "account_assistance", "2026-12-24T15:00:00Z", false, false, false),  // before Christmas
    ]

    func run() throws {
        let catalog = try policies.loadCatalog()
        print("ticketq \(TicketQVersion.current) — SLA engine demo (policies: \(catalog.source))")
        print("")
        let header = ["brand", "category", "received (local)", "lane", "response due (local)", "resolution due (local)"]
        var rows: [[String]] = []
        for (brand, category, received, urgent, complex, highVolume) in Self.samples {
            let policy = try catalog.policy(for: brand)
            let receipt = try RFC3339.parse(received)
            let facts = TicketFacts(category: category, urgent: urgent, complex: complex, highVolumeMode: highVolume)
            let result = try SLAEngine.resolve(receivedAt: receipt, policy: policy, facts: facts)
            var categoryLabel = category
            if urgent { categoryLabel += " (urgent)" }
            if complex { categoryLabel += " (complex)" }
            if highVolume { categoryLabel += " (high volume)" }
            rows.append([
                brand, categoryLabel, policy.calendar.formatLocal(receipt), result.laneName,
                policy.calendar.formatLocal(result.due), result.resolutionDue.map(policy.calendar.formatLocal) ?? "—",
            ])
        }
        print(TextTable.render(header: header, rows: rows))
        print("")
        print("Try one yourself:  ticketq sla --brand mejurn --category order_discrepancy --received 2026-11-27T16:30:00Z")
    }
}
