import TicketQConfig
import TicketQCore
import TicketQIntake
import TicketQWire
import Testing

/// Intake's side of the queue payload: a planned ticket carries its plan to the worker.
struct QueuedTicketPlanTests {
    private func plannedTicket() throws -> QueuedTicket {
        let ticket = try Ticket(
            id: "CAFp1Xq-7Rk.2024-03-13@mail.example.com",
            brand: "pandorana",
            receivedAt: try TicketFixtures.instant("2024-03-13T10:04:31-04:00"),
            subject: "Re: Order #PA-1048213 still not delivered",
            body: String(repeating: "x", count: 40),
            from: "jane.customer@example.com",
            messageID: "<CAF=p1Xq-7Rk2+9sd@mail.example.com>",
            orderID: "PA-1048213"
        )
        let plan = try IntakePlanner(catalog: try TicketFixtures.catalog()).plan(ticket, now: ticket.receivedAt)
        return QueuedTicket(ticket: ticket, plan: plan, enqueuedAtMillis: 1_710_338_671_123)
    }

    @Test func plannedTicketRoundTripsWithItsPlan() throws {
        let queued = try plannedTicket()
        let decoded = try QueuedTicket.decode(queued.encode())
        #expect(decoded == queued)
        #expect(decoded.lane == .standard)
        #expect(decoded.receivedMillis == 1_710_338_671_000)
        #expect(decoded.dueMillis == (try TicketFixtures.instant("2024-03-18T10:04:31-04:00")).secondsSinceEpoch * 1000)  // 24 business hours
        #expect(decoded.resolutionDueMillis == nil)
        #expect(decoded.enqueuedAtMillis == 1_710_338_671_123)
        #expect(decoded.policyVersion == "1")
        #expect(!decoded.truncated)
    }
}
