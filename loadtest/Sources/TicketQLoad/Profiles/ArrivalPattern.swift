/// How arrivals are spread over a profile's duration.
public enum ArrivalPattern: Sendable, Hashable {
    /// A real recording's shape, with Poisson arrivals inside each bucket.
    case recorded(ArrivalShape)
    /// Evenly spaced arrivals at the peak rate.
    case constant
    /// Evenly spaced arrivals whose rate rises linearly from 5 % to 100 % of the peak.
    case ramp
    /// Four equal steps at 25, 50, 75 and 100 % of the peak.
    case step
    /// 10 % of the peak, with the middle tenth of the run at the full peak.
    case spike
    /// A Poisson process at the peak rate (exponential gaps).
    case poisson
    /// Bursts: a two-state Markov-modulated Poisson process switching between the peak rate
    /// and a tenth of it (mean bursts of 1/40 of the run, mean lulls twice as long).
    case bursty
}
