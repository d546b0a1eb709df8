import Synchronization
import Testing
@testable import TicketQWorker

/// The wait the graceful shutdown uses for handlers to finish. The deadlines either never pass
/// during a test (an hour) or have passed already, so no outcome depends on the machine's speed.
struct HandlerTasksTests {
    @Test func nothingRunningIsNoneLeftAtOnce() async {
        #expect(await HandlerTasks().waitUntilNoneLeft(before: .now + .seconds(3600)))
    }

    @Test func theWaitEndsWhenTheLastTaskFinishes() async {
        let tasks = HandlerTasks()
        let gates = (1...3).map { _ in AsyncStream<Void>.makeStream() }
        let finishedBeforeTheWaitEnded = Atomic<Int>(0)
        for (index, gate) in gates.enumerated() {
            let key = Int64(index)
            tasks.start(key, priority: nil) {
                for await _ in gate.stream { break }
                finishedBeforeTheWaitEnded.add(1, ordering: .relaxed)
                tasks.finished(key)
            }
        }
        let waiting = Task { await tasks.waitUntilNoneLeft(before: .now + .seconds(3600)) }
        for gate in gates { gate.continuation.yield() }
        #expect(await waiting.value)
        #expect(finishedBeforeTheWaitEnded.load(ordering: .relaxed) == 3)
        #expect(tasks.running.isEmpty)
    }

    @Test func aPassedDeadlineEndsTheWaitAndCancellingEndsTheTask() async {
        let tasks = HandlerTasks()
        tasks.start(7, priority: nil) {
            // Runs until cancelled, as a handler past the grace period does.
            while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
            tasks.finished(7)
        }
        #expect(await !tasks.waitUntilNoneLeft(before: .now - .seconds(1)))
        #expect(tasks.running.count == 1)
        tasks.cancelAll()
        #expect(await tasks.waitUntilNoneLeft(before: .now + .seconds(3600)))
    }
}
