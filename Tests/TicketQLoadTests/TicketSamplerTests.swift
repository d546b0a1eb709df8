import Foundation
import Testing
import TicketQConfig
import TicketQCore
import TicketQIntake
import TicketQLoad

struct TicketSamplerTests {
    private func sample(_ count: Int, seed: UInt64 = 5, mix: String = TicketSampler.defaultBrandMix) throws -> [[String: Any]] {
        var sampler = try TicketSampler(utterances: nil, brandMix: try TicketSampler.brandMix(mix), seed: seed)
        return try (0..<count).map { try JSONSerialization.jsonObject(with: Data(sampler.ticket(index: $0))) as? [String: Any] ?? [:] }
    }

    @Test func ticketsAreSeededAndUnique() throws {
        let first = try sample(500)
        let again = try sample(500)
        #expect(first.map { $0["body"] as? String } == again.map { $0["body"] as? String })
        #expect(Set(first.compactMap { $0["id"] as? String }).count == 500)
        #expect(try sample(50, seed: 6).map { $0["body"] as? String } != first.prefix(50).map { $0["body"] as? String })
    }

    @Test func ticketsFollowTheBrandAndIntentMix() throws {
        let tickets = try sample(20_000)
        let pandorana = tickets.filter { $0["brand"] as? String == "pandorana" }.count
        #expect(abs(Double(pandorana) / 20_000 - 0.6) < 0.02)
        let bodies = tickets.compactMap { $0["body"] as? String }
        let payment = bodies.filter { $0.lowercased().contains("pay") }.count
        let cancelOrder = bodies.filter { $0.lowercased().contains("cancel") && ($0.contains("order") || $0.contains("purchase")) }.count
        #expect(payment > 5 * cancelOrder, "payment issues are far more common than cancellations in the real mix")
        #expect(tickets.allSatisfy { $0["category"] == nil && $0["received_at"] == nil }, "intake triages them at their arrival")
        #expect(tickets.contains { ($0["subject"] as? String)?.contains("#") == true && $0["order_id"] != nil })
    }

    @Test func ticketsAreValidIntakeInput() throws {
        let catalog = try PolicyCatalog.embedded()
        let decoder = TicketDecoder(catalog: catalog)
        var sampler = try TicketSampler(utterances: nil, brandMix: [("mejurn", 1)], seed: 1)
        for index in 0..<2000 {
            var json = sampler.ticket(index: index, urgent: index % 2 == 0)
            json.removeLast()
            json += Array(#","received_at":"2026-11-27T10:00:00Z"}"#.utf8)
            let ticket = try decoder.decode(json)
            #expect(ticket.urgent == (index % 2 == 0))
        }
    }

    @Test func badBrandMixesAreNamed() {
        #expect { try TicketSampler.brandMix("pandorana") } throws: { "\($0)".contains("BRAND=WEIGHT") }
        #expect { try TicketSampler.brandMix("a=-1") } throws: { "\($0)".contains("\"a=-1\"") }
        #expect { try TicketSampler(utterances: nil, brandMix: [("a", 0)], seed: 1) } throws: { "\($0)".contains("positive weight") }
    }
}
