/// A problem with the harness's input or its run, described for the operator.
public struct LoadError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, naming the input at fault.
    public let description: String

    /// Creates the error.
    public init(_ description: String) { self.description = description }
}
