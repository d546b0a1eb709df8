import Foundation
import TicketQCore
import TicketQLanes
import TicketQRedis
import TicketQTestSupport
import Testing

/// Idle workers block on the wake-up key instead of polling.
struct LaneWakeTests {
    @Test func submitWakesAWaitingWorker() throws {
        let context = try LaneTestContext()
        let url = try RedisURL(context.server.url)
        let keys = context.store.keys
        let woken = ResultBox()
        let started = DispatchSemaphore(value: 0)
        let finished = DispatchSemaphore(value: 0)
        // The waiter owns its connection on a thread of its own, as a worker's waiting thread does.
        Thread.detachNewThread {
            woken.set(Result {
                let waiter = LaneStore(connection: try RedisConnection(url: url), keys: keys)
                let idle = try waiter.waitForWork(timeout: .milliseconds(100))
                started.signal()
                return (idle, try waiter.waitForWork(timeout: .seconds(10)))
            })
            finished.signal()
        }
        started.wait()
        Thread.sleep(forTimeInterval: 0.1)
        _ = try context.store.submit([LaneTestContext.entry("t", .standard, due: 1_900_000_000_000)])
        #expect(finished.wait(timeout: .now() + 10) == .success)
        let (idle, rung) = try #require(try woken.value?.get())
        #expect(idle == false)
        #expect(rung == true)
    }
}

private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Result<(Bool, Bool), any Error>?

    func set(_ result: Result<(Bool, Bool), any Error>) { lock.withLock { stored = result } }
    var value: Result<(Bool, Bool), any Error>? { lock.withLock { stored } }
}
