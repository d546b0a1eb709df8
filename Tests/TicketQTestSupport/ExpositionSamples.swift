/// The samples of a Prometheus text exposition: `name{labels}` → value.
public struct ExpositionSamples: Sendable {
    /// Every sample, keyed by its series as written (`name{label="value",…}`).
    public let values: [String: Double]

    /// Parses an exposition.
    public init(_ bytes: [UInt8]) {
        var values: [String: Double] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            values[String(line[..<space])] = value
        }
        self.values = values
    }

    /// The value of one series.
    public subscript(_ series: String) -> Double? { values[series] }

    /// Scrapes `http://127.0.0.1:port/metrics`.
    public static func scrape(port: Int) async throws -> ExpositionSamples {
        let response = try await HTTPTestClient.offPool { try HTTPTestClient.get(port: port, "/metrics") }
        guard response.status == 200 else { throw HTTPTestClient.Failure(description: "/metrics answered \(response.status)") }
        return ExpositionSamples(response.body)
    }

    /// The sum of every series of the family `name` whose labels contain `matching` (e.g.
    /// `status="done"`).
    public func sum(_ name: String, matching: String = "") -> Double {
        family(name).filter { matching.isEmpty || $0.key.contains(matching) }.values.reduce(0, +)
    }

    /// Series whose name (before any `{`) is `name`.
    public func family(_ name: String) -> [String: Double] {
        values.filter { $0.key == name || $0.key.hasPrefix(name + "{") }
    }
}
