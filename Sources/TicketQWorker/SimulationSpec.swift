import Foundation

/// The service-time model of the `simulate` handler, parsed from `simulate:SPEC`.
///
/// `SPEC` is a comma-separated list of `key=value`:
/// - `fixed=5ms` — every ticket takes 5 ms;
/// - `uniform=1ms..20ms` — uniform between the bounds;
/// - `exp=10ms` — exponential with that mean (capped at 50 × the mean);
/// - `fail=0.05` — each delivery fails with that probability (exercises retries and dead letters);
/// - `seed=42` — seeds the random draws for reproducible runs;
/// - `crash=ID` — the process aborts when it handles the ticket with that id (a poison ticket,
///   for fault tests and drills).
/// Durations take `us`, `ms` or `s`. An empty spec means no delay and no failures.
public struct SimulationSpec: Sendable, Hashable {
    /// The service-time distribution.
    public enum ServiceTime: Sendable, Hashable {
        case none
        case fixed(Duration)
        case uniform(Duration, Duration)
        case exponential(mean: Duration)
    }

    /// Why a spec was rejected.
    public struct ParseError: Error, Sendable, CustomStringConvertible {
        /// What is wrong, naming the offending part.
        public let reason: String
        public var description: String { "invalid simulate spec: \(reason)" }
    }

    /// The service time.
    public var serviceTime: ServiceTime = .none
    /// Probability that a delivery fails.
    public var failureProbability: Double = 0
    /// Seed of the random draws.
    public var seed: UInt64 = 1
    /// A ticket id whose handling aborts the process.
    public var crashingTicketID: String?

    /// Parses a spec (the part after `simulate:`).
    public init(_ text: String) throws(ParseError) {
        for part in text.split(separator: ",", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1).map(String.init)
            guard pieces.count == 2 else { throw ParseError(reason: "\"\(part)\" is not key=value") }
            let (key, value) = (pieces[0], pieces[1])
            switch key {
            case "fixed": serviceTime = .fixed(try Self.duration(value))
            case "exp": serviceTime = .exponential(mean: try Self.duration(value))
            case "uniform":
                let bounds = value.components(separatedBy: "..")
                guard bounds.count == 2 else { throw ParseError(reason: "uniform needs LOW..HIGH, got \"\(value)\"") }
                let low = try Self.duration(bounds[0])
                let high = try Self.duration(bounds[1])
                guard low <= high else { throw ParseError(reason: "uniform bounds \(value) are reversed") }
                serviceTime = .uniform(low, high)
            case "fail":
                guard let probability = Double(value), (0...1).contains(probability) else {
                    throw ParseError(reason: "fail must be a probability between 0 and 1, got \"\(value)\"")
                }
                failureProbability = probability
            case "seed":
                guard let seed = UInt64(value) else { throw ParseError(reason: "seed must be a whole number, got \"\(value)\"") }
                self.seed = seed
            case "crash":
                guard !value.isEmpty else { throw ParseError(reason: "crash needs a ticket id") }
                crashingTicketID = value
            default:
                throw ParseError(reason: "unknown key \"\(key)\"; expected fixed, uniform, exp, fail, seed or crash")
            }
        }
    }

    static func duration(_ text: String) throws(ParseError) -> Duration {
        let units: [(String, Double)] = [("us", 1e-6), ("ms", 1e-3), ("s", 1)]
        for (suffix, scale) in units where text.hasSuffix(suffix) {
            guard let number = Double(text.dropLast(suffix.count)), number >= 0, number.isFinite else { break }
            return .nanoseconds(Int64(number * scale * 1e9))
        }
        throw ParseError(reason: "\"\(text)\" is not a duration such as 500us, 5ms or 1s")
    }
}
