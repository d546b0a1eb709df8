/// The harness's version.
public enum LoadVersion {
    /// The version printed by `ticketq-load --version` and recorded in every summary.
    public static let current = "0.1.0"
}
