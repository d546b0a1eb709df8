/// The version of this build of ticketq.
public enum TicketQVersion {
    /// Semantic version of the release.
    public static let current = "0.1.0"
}
