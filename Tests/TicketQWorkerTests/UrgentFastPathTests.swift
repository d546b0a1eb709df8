import Foundation
import Synchronization
import TicketQCore
import TicketQWire
import TicketQLanes
import TicketQStore
import TicketQWorker
import Testing

/// The urgent fast path: same-business-day tickets are handled in reserved slots while every
/// general slot is held by the backlog.
struct UrgentFastPathTests {
    @Test(.timeLimit(.minutes(2)))
    func urgentTicketsAreHandledWhileTheBacklogHoldsEveryGeneralSlot() async throws {
        let bench = try WorkerTestBench()
        let path = bench.databasePath
        try bench.enqueue(8, prefix: "backlog", category: "general")
        let handler = BacklogGateHandler()
        var configuration = try bench.configuration(concurrency: 4)
        configuration.urgentSlots = 2
        let stop = try await bench.startWorker(configuration, handler: handler)
        #expect(try await eventually { handler.blocked == 4 })
        // Every general slot now holds a ticket that cannot finish until the gate opens.
        let planned = try bench.enqueuePlanned(6, prefix: "urgent", category: "order_modification")
        let sameDay = planned.filter { $0.lane == .sameBusinessDay }.count
        #expect(sameDay > 0, "the test needs tickets planned into the same-business-day lane")
        #expect(try await eventually { try Self.doneSameBusinessDay(path: path) == sameDay },
                "every urgent ticket is committed while the backlog holds the general slots")
        #expect(handler.blocked == 4, "the backlog kept every general slot meanwhile")
        handler.open()
        #expect(try await eventually { try WorkerTestBench.countByStatus(path)["done"] == 14 })
        try await stop()
        #expect(try bench.countByStatus() == ["done": 14, "dead": 0, "superseded": 0])
    }

    @Test(.timeLimit(.minutes(2)))
    func withNoReservedSlotsUrgentTicketsWaitForAGeneralSlot() async throws {
        let bench = try WorkerTestBench()
        let path = bench.databasePath
        try bench.enqueue(8, prefix: "backlog", category: "general")
        let handler = BacklogGateHandler()
        var configuration = try bench.configuration(concurrency: 4)
        configuration.urgentSlots = 0
        let stop = try await bench.startWorker(configuration, handler: handler)
        #expect(try await eventually { handler.blocked == 4 })
        try bench.enqueue(6, prefix: "urgent", category: "order_modification")
        // Several claim rounds (the idle wait is 200 ms); nothing can be claimed with every slot held.
        try await Task.sleep(for: .seconds(1))
        #expect(try WorkerTestBench.countByStatus(path)["done"] ?? 0 == 0)
        handler.open()
        #expect(try await eventually { try WorkerTestBench.countByStatus(path)["done"] == 14 })
        try await stop()
        #expect(try bench.countByStatus() == ["done": 14, "dead": 0, "superseded": 0])
    }

    private func eventually(_ condition: () throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            if try condition() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return try condition()
    }

    /// Done outcomes of same-business-day tickets in the store.
    private static func doneSameBusinessDay(path: String) throws -> Int {
        guard FileManager.default.fileExists(atPath: path) else { return 0 }
        var count = 0
        try OutcomeStore(path: path, mode: .readOnly).forEach(matching: OutcomeQuery()) { record in
            if record.lane == .sameBusinessDay && record.status == .done { count += 1 }
        }
        return count
    }
}

/// Holds every backlog (not same-business-day) ticket until ``open()``; urgent ones pass at once.
private final class BacklogGateHandler: TicketHandler {
    private struct State {
        var open = false
        var blocked = 0
    }

    private let state = Mutex(State())
    let name = "backlog-gate"
    let runsInline = false

    var blocked: Int { state.withLock { $0.blocked } }

    func open() { state.withLock { $0.open = true } }

    func handle(_ ticket: QueuedTicket, attempt: Int) async throws -> HandlerResult {
        if ticket.lane == .sameBusinessDay { return HandlerResult(action: "urgent") }
        state.withLock { $0.blocked += 1 }
        while !state.withLock({ $0.open }) { try await Task.sleep(for: .milliseconds(10)) }
        state.withLock { $0.blocked -= 1 }
        return HandlerResult(action: "backlog")
    }
}
