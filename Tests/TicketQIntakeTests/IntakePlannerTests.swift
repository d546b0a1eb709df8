import TicketQConfig
import TicketQCore
import TicketQIntake
import TicketQTriage
import TicketQWire
import Testing

struct IntakePlannerTests {
    private let now = Instant(secondsSinceEpoch: 1_800_000_000)  // 2027, after every receipt below

    private func at(_ text: String) throws -> Instant { try TicketFixtures.instant(text) }

    @Test func pandoranaDefaultsToStandardWithTheDefaultCategory() throws {
        let catalog = try TicketFixtures.catalog()
        let plan = try IntakePlanner(catalog: catalog).plan(try TicketFixtures.ticket(), now: now)
        #expect(plan.lane == .standard)
        #expect(plan.categoryResolved == "general")
        #expect(!plan.urgent)
        #expect(!plan.complex)
        #expect(!plan.highVolumeMode)
        #expect(!plan.categoryFellBack)
        #expect(plan.effectiveReceipt == (try at("2024-01-17T10:00:00-05:00")))
        #expect(plan.due == (try at("2024-01-22T10:00:00-05:00")))  // 24 business hours, 8 a day
        #expect(plan.resolutionDue == nil)
        #expect(plan.policyVersion == catalog.brands["pandorana"]?.version)
        #expect(plan.calendarVersion == catalog.brands["pandorana"]?.calendar.version)
        #expect(!plan.receivedInFuture)
    }

    @Test func pandoranaComplaintGetsAResolutionDue() throws {
        let ticket = try TicketFixtures.ticket(category: "complaint")
        let plan = try IntakePlanner(catalog: try TicketFixtures.catalog()).plan(ticket, now: now)
        #expect(plan.categoryResolved == "complaint")
        #expect(plan.lane == .standard)
        // Three business days after Wednesday: close of Monday.
        #expect(plan.resolutionDue == (try at("2024-01-22T17:00:00-05:00")))
    }

    @Test func pandoranaComplexGoesToExtended() throws {
        let ticket = try TicketFixtures.ticket(complex: true)
        let plan = try IntakePlanner(catalog: try TicketFixtures.catalog()).plan(ticket, now: now)
        #expect(plan.lane == .extended)
        #expect(plan.complex)
        #expect(plan.due == (try at("2024-01-25T10:00:00-05:00")))  // 48 business hours
        #expect(plan.promoteAt == (try at("2024-01-25T09:00:00-05:00")))
    }

    @Test func mejurnOrderDiscrepancyGoesToSameBusinessDay() throws {
        let ticket = try TicketFixtures.ticket(brand: "mejurn", received: "2024-01-17T10:00:00Z", category: "order_discrepancy")
        let plan = try IntakePlanner(catalog: try TicketFixtures.catalog()).plan(ticket, now: now)
        #expect(plan.lane == .sameBusinessDay)
        #expect(plan.urgent)
        #expect(plan.categoryResolved == "order_discrepancy")
        #expect(plan.due == (try at("2024-01-17T17:00:00Z")))  // before the 12:00 cutoff
        #expect(plan.resolutionDue == (try at("2024-01-18T17:00:00Z")))
        #expect(plan.promoteAt == nil)
    }

    @Test func givenUrgencyIsUsedAsIs() throws {
        let catalog = try TicketFixtures.catalog()
        let urgent = try IntakePlanner(catalog: catalog).plan(try TicketFixtures.ticket(urgent: true, complex: true), now: now)
        #expect(urgent.lane == .sameBusinessDay)
        #expect(urgent.urgent)
        #expect(urgent.due == (try at("2024-01-17T17:00:00-05:00")))
        let notUrgent = try IntakePlanner(catalog: catalog).plan(try TicketFixtures.ticket(urgent: false), now: now)
        #expect(notUrgent.lane == .standard)
    }

    @Test func unknownCategoryFallsBackToTheDefault() throws {
        let plan = try IntakePlanner(catalog: try TicketFixtures.catalog()).plan(try TicketFixtures.ticket(category: "teleportation"), now: now)
        #expect(plan.categoryResolved == "general")
        #expect(plan.categoryFellBack)
        #expect(plan.lane == .standard)
    }

    @Test func highVolumeAtReceiptSendsPandoranaToExtendedButNotMejurn() throws {
        var schedule = HighVolumeSchedule()
        let switchedOn = try at("2024-01-17T09:00:00-05:00")
        schedule.record(brand: "pandorana", isOn: true, at: switchedOn)
        schedule.record(brand: "mejurn", isOn: true, at: switchedOn)
        let planner = IntakePlanner(catalog: try TicketFixtures.catalog(), highVolume: schedule)

        let pandorana = try planner.plan(try TicketFixtures.ticket(), now: now)
        #expect(pandorana.highVolumeMode)
        #expect(pandorana.lane == .extended)
        #expect(pandorana.due == (try at("2024-01-25T10:00:00-05:00")))

        let mejurn = try planner.plan(try TicketFixtures.ticket(brand: "mejurn", received: "2024-01-17T15:00:00Z"), now: now)
        #expect(mejurn.highVolumeMode)
        #expect(mejurn.lane == .standard)
        #expect(mejurn.due == (try at("2024-01-19T17:00:00Z")))  // 2 business days

        let urgent = try planner.plan(try TicketFixtures.ticket(category: "order_modification"), now: now)
        #expect(urgent.lane == .sameBusinessDay)
    }

    @Test func aSwitchFlippedAfterReceiptDoesNotApply() throws {
        var schedule = HighVolumeSchedule()
        schedule.record(brand: "pandorana", isOn: true, at: try at("2024-01-17T10:00:01-05:00"))
        let planner = IntakePlanner(catalog: try TicketFixtures.catalog(), highVolume: schedule)
        let before = try planner.plan(try TicketFixtures.ticket(), now: now)
        #expect(!before.highVolumeMode)
        #expect(before.lane == .standard)

        var offAgain = HighVolumeSchedule()
        offAgain.record(brand: "pandorana", isOn: true, at: try at("2024-01-16T08:00:00-05:00"))
        offAgain.record(brand: "pandorana", isOn: false, at: try at("2024-01-17T09:59:59-05:00"))
        let afterOff = try IntakePlanner(catalog: try TicketFixtures.catalog(), highVolume: offAgain).plan(try TicketFixtures.ticket(), now: now)
        #expect(afterOff.lane == .standard)
        let whileOn = try IntakePlanner(catalog: try TicketFixtures.catalog(), highVolume: offAgain)
            .plan(try TicketFixtures.ticket(received: "2024-01-16T12:00:00-05:00"), now: now)
        #expect(whileOn.lane == .extended)
    }

    @Test func receiptInTheFutureIsReported() throws {
        let planner = IntakePlanner(catalog: try TicketFixtures.catalog())
        let ticket = try TicketFixtures.ticket()
        #expect(try planner.plan(ticket, now: ticket.receivedAt.adding(seconds: -1)).receivedInFuture)
        #expect(try !planner.plan(ticket, now: ticket.receivedAt).receivedInFuture)
    }

    @Test func receiptOutsideCalendarCoverageIsRejectedOnReceivedAt() throws {
        let planner = IntakePlanner(catalog: try TicketFixtures.catalog())
        for received in ["2031-06-04T10:00:00Z", "2023-06-01T10:00:00Z", "2028-12-31T12:00:00-05:00"] {
            let ticket = try TicketFixtures.ticket(received: received)
            do {
                _ = try planner.plan(ticket, now: now)
                Issue.record("\(received) was accepted")
            } catch {
                #expect(error.field == "received_at")
                #expect(error.reason.contains("pandorana-us-ny"))
                #expect(error.description.hasPrefix("field \"received_at\": "))
            }
        }
    }

    @Test func brandWithoutPolicyIsRejectedOnBrand() throws {
        let planner = IntakePlanner(catalog: try TicketFixtures.catalog())
        #expect(throws: TicketRejection(field: "brand", reason: "unknown brand \"acme\"; configured brands: mejurn, pandorana")) {
            try planner.plan(try TicketFixtures.ticket(brand: "acme"), now: now)
        }
    }
}

/// Triage at intake: a ticket without a category takes triage's decision.
struct IntakeTriageTests {
    private let now = Instant(secondsSinceEpoch: 1_800_000_000)

    private func decision(category: String, urgent: Bool, complex: Bool) -> TriageDecision {
        TriageDecision(intent: "x", confidence: 0.9, category: category, urgent: urgent, complex: complex, needsReview: false, matchedCue: nil, modelVersion: "m-1")
    }

    @Test func ticketWithoutACategoryTakesTriagesDecision() throws {
        let planner = IntakePlanner(catalog: try TicketFixtures.catalog())
        let plan = try planner.plan(try TicketFixtures.ticket(), now: now, triage: decision(category: "order_modification", urgent: true, complex: false))
        #expect(plan.categoryResolved == "order_modification")
        #expect(plan.urgent && plan.lane == .sameBusinessDay)
    }

    @Test func givenFieldsWinOverTriage() throws {
        let planner = IntakePlanner(catalog: try TicketFixtures.catalog())
        let ticket = try TicketFixtures.ticket(category: "complaint")
        let plan = try planner.plan(ticket, now: now, triage: decision(category: "order_modification", urgent: true, complex: true))
        #expect(plan.categoryResolved == "complaint")
        #expect(!plan.urgent && !plan.complex)
    }

    @Test func triageModelVersionTravelsInThePayload() throws {
        let ticket = try TicketFixtures.ticket()
        let plan = try IntakePlanner(catalog: try TicketFixtures.catalog()).plan(ticket, now: now)
        let queued = QueuedTicket(ticket: ticket, plan: plan, enqueuedAtMillis: 1, triageModelVersion: "linear-svm-abc", needsReview: true)
        let decoded = try QueuedTicket.decode(queued.encode())
        #expect(decoded.triageModelVersion == "linear-svm-abc")
        #expect(decoded.needsReview)
        #expect(try QueuedTicket.decode(QueuedTicket(ticket: ticket, plan: plan, enqueuedAtMillis: 1).encode()).triageModelVersion == nil)
    }
}
