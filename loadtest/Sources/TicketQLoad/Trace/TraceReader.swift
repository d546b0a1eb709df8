import Foundation

/// Reads a trace file. A bad line is reported with its number and reason and skipped; the
/// others are kept.
public enum TraceReader {
    /// What was read.
    public struct Result: Sendable {
        /// The good events, in arrival order.
        public var events: [TraceEvent]
        /// The bad lines: number and reason.
        public var problems: [(line: Int, reason: String)]
    }

    /// Reads the trace at `path`.
    /// - Throws: ``LoadError`` when the file cannot be read or holds no usable line.
    public static func read(path: String) throws(LoadError) -> Result {
        guard let data = FileManager.default.contents(atPath: path) else { throw LoadError("cannot read the trace \(path)") }
        let result = parse(Array(data))
        guard !result.events.isEmpty else {
            let first = result.problems.first.map { " (line \($0.line): \($0.reason))" } ?? ""
            throw LoadError("the trace \(path) holds no usable line\(first)")
        }
        return result
    }

    /// Parses trace bytes.
    public static func parse(_ bytes: [UInt8]) -> Result {
        var events: [TraceEvent] = []
        var problems: [(line: Int, reason: String)] = []
        var lineNumber = 0
        var start = 0
        var sorted = true
        while start < bytes.count {
            lineNumber += 1
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let line = bytes[start..<end]
            start = end + 1
            guard line.contains(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }) else { continue }
            switch parseLine(line) {
            case let .success(event):
                if let last = events.last, event.atMillis < last.atMillis { sorted = false }
                events.append(event)
            case let .failure(error):
                problems.append((lineNumber, error.description))
            }
        }
        if !sorted { events.sort { $0.atMillis < $1.atMillis } }
        return Result(events: events, problems: problems)
    }

    /// One line: the fast path reads `{"at_ms":N,"ticket":{…}}` as written by ``TraceWriter``;
    /// anything else goes through a full JSON parser.
    static func parseLine(_ line: ArraySlice<UInt8>) -> Swift.Result<TraceEvent, LoadError> {
        let prefix = Array("{\"at_ms\":".utf8)
        let marker = Array(",\"ticket\":".utf8)
        if line.starts(with: prefix), line.last == 0x7D,
           let markerStart = line.firstRange(of: marker),
           let millis = Double(String(decoding: line[(line.startIndex + prefix.count)..<markerStart.lowerBound], as: UTF8.self)),
           millis.isFinite, millis >= 0 {
            let ticket = Array(line[markerStart.upperBound..<(line.endIndex - 1)])
            if ticket.first == 0x7B, ticket.last == 0x7D { return .success(TraceEvent(atMillis: millis, ticketJSON: ticket)) }
        }
        guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any] else {
            return .failure(LoadError("not a JSON object"))
        }
        guard let at = object["at_ms"] as? NSNumber, at.doubleValue.isFinite, at.doubleValue >= 0, !(object["at_ms"] is Bool) else {
            return .failure(LoadError("\"at_ms\" must be a number of milliseconds, zero or more"))
        }
        guard let ticket = object["ticket"] as? [String: Any],
              let encoded = try? JSONSerialization.data(withJSONObject: ticket, options: [.sortedKeys]) else {
            return .failure(LoadError("\"ticket\" must be a JSON object"))
        }
        return .success(TraceEvent(atMillis: at.doubleValue, ticketJSON: Array(encoded)))
    }
}
