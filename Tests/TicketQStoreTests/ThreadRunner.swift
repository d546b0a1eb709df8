import Dispatch
import Foundation
import Synchronization

/// Runs `body(index)` on `count` separate threads released at the same moment, waits for all of
/// them, and returns the errors they threw.
func runOnThreads(_ count: Int, _ body: @escaping @Sendable (Int) throws -> Void) -> [any Error] {
    let errors = Mutex<[any Error]>([])
    let ready = DispatchGroup()
    let finished = DispatchGroup()
    let go = DispatchSemaphore(value: 0)
    for index in 0..<count {
        ready.enter()
        finished.enter()
        let thread = Thread {
            ready.leave()
            go.wait()
            do {
                try body(index)
            } catch {
                errors.withLock { $0.append(error) }
            }
            finished.leave()
        }
        thread.start()
    }
    ready.wait()
    for _ in 0..<count { go.signal() }
    finished.wait()
    return errors.withLock { $0 }
}
