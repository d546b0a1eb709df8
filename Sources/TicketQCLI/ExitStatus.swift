import ArgumentParser

/// The exit codes shared by every command (documented in the README).
public enum ExitStatus {
    /// Everything succeeded.
    public static let success = ExitCode(0)
    /// A failure: a batch line failed, a computation error, an unreachable dependency.
    public static let failure = ExitCode(1)
    /// Some input lines were rejected; the valid ones were still processed.
    public static let rejectedInput = ExitCode(2)
    /// Bad or missing command-line options.
    public static let usage = ExitCode(64)
    /// A policy or calendar file is invalid.
    public static let configuration = ExitCode(78)
}
