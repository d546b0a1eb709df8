/// Writes a trace: a profile's arrivals, each with a sampled ticket.
public enum TraceGenerator {
    /// Generates the trace of `profile` into `writer`; returns the number of lines.
    public static func generate(profile: ArrivalProfile, sampler: inout TicketSampler, seed: UInt64, into writer: TraceWriter) -> Int {
        let offsets = profile.arrivals(seed: seed)
        for (index, offset) in offsets.enumerated() {
            writer.write(TraceEvent(atMillis: offset * 1000, ticketJSON: sampler.ticket(index: index)))
        }
        return offsets.count
    }
}
