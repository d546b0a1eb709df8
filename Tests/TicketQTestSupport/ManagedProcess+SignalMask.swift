import Foundation
import Synchronization

extension ManagedProcess {
    /// Runs `process` from a short-lived thread whose signal mask is empty.
    ///
    /// A spawned child inherits the signal mask of the thread that spawns it, and the threads the
    /// test runner gives to tests block SIGTERM; a worker started from them would never see the
    /// SIGTERM that asks it to drain.
    ///
    /// - Throws: whatever `Process.run()` throws.
    public static func runWithSignalsUnblocked(_ process: Process) throws {
        let failure = Mutex<(any Error)?>(nil)
        let started = DispatchSemaphore(value: 0)
        let thread = Thread {
            var all = sigset_t()
            sigfillset(&all)
            pthread_sigmask(SIG_UNBLOCK, &all, nil)
            do { try process.run() } catch { failure.withLock { $0 = error } }
            started.signal()
        }
        thread.start()
        started.wait()
        if let error = failure.withLock({ $0 }) { throw error }
    }
}
