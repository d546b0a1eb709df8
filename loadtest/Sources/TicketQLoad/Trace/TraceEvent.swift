/// One line of a trace: a ticket and when it arrives.
public struct TraceEvent: Sendable, Hashable {
    /// The arrival, in milliseconds from the start of the trace.
    public var atMillis: Double
    /// The ticket as a JSON object (the format `ticketq submit` reads).
    public var ticketJSON: [UInt8]

    /// Creates an event.
    public init(atMillis: Double, ticketJSON: [UInt8]) {
        self.atMillis = atMillis
        self.ticketJSON = ticketJSON
    }

    /// The trace line: `{"at_ms": …, "ticket": {…}}`.
    public var line: String {
        "{\"at_ms\":\(Self.format(atMillis)),\"ticket\":\(String(decoding: ticketJSON, as: UTF8.self))}"
    }

    /// Milliseconds with microsecond precision and no trailing zeros.
    static func format(_ millis: Double) -> String {
        let micros = Int64((millis * 1000).rounded())
        let whole = micros / 1000
        let fraction = micros % 1000
        guard fraction != 0 else { return String(whole) }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 3 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(whole).\(digits)"
    }
}
