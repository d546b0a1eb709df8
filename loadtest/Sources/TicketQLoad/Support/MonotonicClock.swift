#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Clocks for scheduling (monotonic) and for comparing with outcome rows (wall clock).
public enum MonotonicClock {
    /// Nanoseconds on the monotonic clock.
    @inline(__always)
    public static func nanoseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_MONOTONIC, &spec)
        return Int64(spec.tv_sec) * 1_000_000_000 + Int64(spec.tv_nsec)
    }

    /// Microseconds since the Unix epoch on the wall clock.
    @inline(__always)
    public static func wallMicroseconds() -> Int64 {
        var spec = timespec()
        clock_gettime(CLOCK_REALTIME, &spec)
        return Int64(spec.tv_sec) * 1_000_000 + Int64(spec.tv_nsec) / 1000
    }

    /// Sleeps until the monotonic clock reaches `deadline` (nanoseconds): a kernel sleep for
    /// the bulk, then a spin for the last `spinNanos`, because a sleeping thread wakes late —
    /// ~100 µs when the machine is quiet, and over a millisecond (measured on a 2-core virtual
    /// machine) when the cluster keeps both cores busy, even at real-time priority.
    public static func sleep(until deadline: Int64, spinNanos: Int64 = 150_000) {
        var now = nanoseconds()
        if deadline - now > spinNanos {
            var request = timespec(tv_sec: Int((deadline - now - spinNanos) / 1_000_000_000), tv_nsec: Int((deadline - now - spinNanos) % 1_000_000_000))
            nanosleep(&request, nil)
            now = nanoseconds()
        }
        while now < deadline {
            sched_yield()
            now = nanoseconds()
        }
    }

    /// Sleeps for `nanoseconds` (less than a second), for polling loops.
    public static func pause(nanoseconds: Int) {
        var interval = timespec(tv_sec: 0, tv_nsec: nanoseconds)
        nanosleep(&interval, nil)
    }
}
