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
    /// `ticketq doctor`: Redis cannot be reached (sysexits' EX_UNAVAILABLE), kept apart from 1,
    /// which there means "a setting is wrong".
    public static let unreachable = ExitCode(69)
    /// `ticketq doctor`: Redis refused the credentials, or the user may not even run PING
    /// (sysexits' EX_NOPERM).
    public static let unauthorised = ExitCode(77)
    /// A policy or calendar file is invalid.
    public static let configuration = ExitCode(78)
}
