import Foundation
import Synchronization
import Testing
import TicketQExecution

/// A resource that remembers the thread that opened it and what was done with it.
private final class Probe: @unchecked Sendable {
    let index: Int
    let openedOn: Thread
    let log = Mutex<[String]>([])

    init(index: Int) {
        self.index = index
        openedOn = Thread.current
    }

    func record(_ entry: String) { log.withLock { $0.append(entry) } }
}

/// A gate a job on an executor thread waits at; the test opens it. Waits at most 10 minutes so
/// that a broken executor fails the test instead of hanging it: far longer than the test can be
/// held up on a loaded machine (the parallel suite can keep its task off the cooperative threads
/// for tens of seconds). The test side never blocks a thread of Swift's cooperative pool: it polls.
private final class Gate: Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let entered = Atomic<Bool>(false)

    func pass() -> Bool {
        entered.store(true, ordering: .releasing)
        return semaphore.wait(timeout: .now() + 600) == .success
    }

    func waitUntilEntered() async -> Bool {
        for _ in 0..<120_000 where !entered.load(ordering: .acquiring) {
            try? await Task.sleep(for: .milliseconds(5))
        }
        return entered.load(ordering: .acquiring)
    }

    func open() { semaphore.signal() }
}

struct ConfinedExecutorTests {
    @Test func eachThreadOpensItsOwnResourceAndOnlyTouchesItOnThatThread() async throws {
        let opened = Mutex<[Int]>([])
        let closed = Mutex<[Int]>([])
        let executor = ConfinedExecutor<Probe>(threadCount: 3, name: "probe") { index in
            opened.withLock { $0.append(index) }
            return Probe(index: index)
        } close: { probe in
            closed.withLock { $0.append(probe.index) }
        }
        let confined = try await withThrowingTaskGroup(of: Bool.self) { group in
            for _ in 0..<200 {
                group.addTask { try await executor.run { probe in probe.openedOn === Thread.current } }
            }
            return try await group.reduce(true) { $0 && $1 }
        }
        #expect(confined)
        await executor.shutdown()
        #expect(opened.withLock { $0.sorted() } == [0, 1, 2])
        #expect(closed.withLock { $0.sorted() } == [0, 1, 2])
    }

    @Test func jobsRunOnSeveralThreadsAtOnce() async throws {
        let executor = ConfinedExecutor<Probe>(threadCount: 2, name: "pair") { Probe(index: $0) }
        let first = Gate()
        let second = Gate()
        // Each job waits for the other to have started: only two threads at once finish both.
        async let a = executor.run { _ in first.open(); return second.pass() }
        async let b = executor.run { _ in second.open(); return first.pass() }
        #expect(try await a)
        #expect(try await b)
        await executor.shutdown()
    }

    @Test func errorsFromTheWorkReachTheCaller() async throws {
        struct Refused: Error, Equatable {}
        let executor = ConfinedExecutor<Probe>(name: "errors") { Probe(index: $0) }
        await #expect(throws: Refused()) {
            try await executor.run { _ in throw Refused() }
        }
        #expect(try await executor.run { _ in 42 } == 42)
        await executor.shutdown()
    }

    @Test func roundsTakeEverythingQueuedThenCallAfterRound() async throws {
        let rounds = Mutex<[Int]>([])
        let executor = ConfinedExecutor<Probe>(name: "rounds") { Probe(index: $0) } afterRound: { probe in
            let entries = probe.log.withLock { log in defer { log.removeAll() }; return log.count }
            rounds.withLock { $0.append(entries) }
        }
        let gate = Gate()
        executor.post { probe in probe.record("gate"); _ = gate.pass() }
        #expect(await gate.waitUntilEntered())
        for index in 0..<5 {
            executor.post { probe in probe.record("job \(index)") }
        }
        gate.open()
        await executor.shutdown(queued: .finish)
        #expect(rounds.withLock { $0 } == [1, 5])
    }

    @Test func aCancelledCallerDropsWorkNoThreadTookYet() async throws {
        let executor = ConfinedExecutor<Probe>(name: "cancel") { Probe(index: $0) }
        let gate = Gate()
        executor.post { _ in _ = gate.pass() }
        #expect(await gate.waitUntilEntered())
        let ran = Atomic<Bool>(false)
        let caller = Task { try await executor.run { _ in ran.store(true, ordering: .relaxed) } }
        // The work is queued behind the gate; cancelling the caller takes it out of the queue.
        try await Task.sleep(for: .milliseconds(50))
        caller.cancel()
        await #expect(throws: CancellationError.self) { try await caller.value }
        gate.open()
        #expect(try await executor.run { _ in 1 } == 1)
        let wasRun = ran.load(ordering: .relaxed)
        #expect(!wasRun)
        await executor.shutdown()
    }

    @Test func shutdownFailsQueuedWorkOrFinishesItAsAsked() async throws {
        for queued in [QueuedWork.fail, .finish] {
            let executor = ConfinedExecutor<Probe>(name: "shutdown") { Probe(index: $0) }
            let gate = Gate()
            let running = Task { try await executor.run { _ in gate.pass() } }
            #expect(await gate.waitUntilEntered())
            let ran = Atomic<Int>(0)
            let abandoned = Atomic<Int>(0)
            for _ in 0..<3 {
                executor.post({ _ in ran.add(1, ordering: .relaxed) }, abandoned: { error in
                    if case ConfinedExecutorError.shutDown? = error as? ConfinedExecutorError { abandoned.add(1, ordering: .relaxed) }
                })
            }
            let stopping = Task { await executor.shutdown(queued: queued) }
            if queued == .fail {
                // The queued work is failed as the shutdown begins, while the gate still holds the thread.
                for _ in 0..<120_000 where abandoned.load(ordering: .relaxed) < 3 { try await Task.sleep(for: .milliseconds(5)) }
            }
            gate.open()
            await stopping.value
            // The job that was running finished either way.
            #expect(try await running.value)
            let (runs, abandons) = (ran.load(ordering: .relaxed), abandoned.load(ordering: .relaxed))
            #expect(runs == (queued == .finish ? 3 : 0))
            #expect(abandons == (queued == .fail ? 3 : 0))
            await #expect(throws: ConfinedExecutorError.shutDown) { try await executor.run { _ in 1 } }
            #expect(!executor.post { _ in })
        }
    }

    @Test func postWithRoomHoldsASynchronousProducerBack() async throws {
        let executor = ConfinedExecutor<Probe>(name: "room") { Probe(index: $0) }
        let gate = Gate()
        executor.post { _ in _ = gate.pass() }
        #expect(await gate.waitUntilEntered())
        let posted = Atomic<Int>(0)
        let producer = Thread {
            for _ in 0..<3 {
                executor.post(room: 1) { _ in }
                posted.add(1, ordering: .relaxed)
            }
        }
        producer.start()
        // One job fits while the thread is held at the gate; the producer waits for room for the next.
        for _ in 0..<1_000 where posted.load(ordering: .relaxed) < 1 { try await Task.sleep(for: .milliseconds(5)) }
        try await Task.sleep(for: .milliseconds(100))
        let whileHeld = posted.load(ordering: .relaxed)
        #expect(whileHeld == 1)
        gate.open()
        for _ in 0..<120_000 where posted.load(ordering: .relaxed) < 3 { try await Task.sleep(for: .milliseconds(5)) }
        let afterwards = posted.load(ordering: .relaxed)
        #expect(afterwards == 3)
        executor.shutdownAndWait(queued: .finish)
    }
}
