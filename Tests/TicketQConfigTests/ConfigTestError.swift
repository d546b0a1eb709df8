/// A fixture problem in a configuration test itself.
struct ConfigTestError: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}
