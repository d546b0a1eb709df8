/// The samples of a text exposition: `name{labels}` → value.
struct ExpositionSamples {
    let values: [String: Double]

    init(_ bytes: [UInt8]) {
        var values: [String: Double] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            values[String(line[..<space])] = value
        }
        self.values = values
    }

    subscript(_ series: String) -> Double? { values[series] }

    /// Series whose name (before any `{`) is `name`.
    func family(_ name: String) -> [String: Double] {
        values.filter { $0.key == name || $0.key.hasPrefix(name + "{") }
    }
}
