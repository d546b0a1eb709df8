import Foundation

/// A failure to start or run a child process.
public struct EmbeddedProcessError: Error, CustomStringConvertible {
    /// What went wrong.
    public let description: String
    /// Creates the error.
    public init(_ description: String) { self.description = description }
}
