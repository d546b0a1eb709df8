#if canImport(Glibc)
import Glibc
#endif

/// Real-time scheduling for the harness's timing threads (the sender and the outcome tail).
///
/// On a machine whose cores the cluster keeps busy, an ordinary thread wakes up milliseconds
/// late, and that lateness would show up as schedule lag and as latency the cluster did not
/// cause. A round-robin real-time priority makes the thread preempt the workers when its
/// deadline comes. It needs CAP_SYS_NICE (root has it); without it the thread keeps its normal
/// priority and the schedule lag in the summary shows the cost.
enum ThreadPriority {
    /// The sender's priority, above the tail's: a send on time matters more than reading an
    /// outcome a moment later (each outcome is timed by the read that sees it, so a late read
    /// only makes the measurement more pessimistic).
    static let sender: Int32 = 20
    /// The outcome tail's priority.
    static let tail: Int32 = 10

    /// Asks for real-time priority for the calling thread; returns whether it was granted.
    @discardableResult
    static func raiseCurrentThread(to priority: Int32) -> Bool {
        #if os(Linux)
        var parameters = sched_param()
        parameters.sched_priority = priority
        return pthread_setschedparam(pthread_self(), Int32(SCHED_RR), &parameters) == 0
        #else
        return false
        #endif
    }
}
