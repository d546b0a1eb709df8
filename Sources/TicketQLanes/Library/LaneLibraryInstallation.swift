/// What ``LaneStore/installLibrary()`` did.
public enum LaneLibraryInstallation: Sendable, Equatable, CustomStringConvertible {
    /// Redis held no `ticketq` library; this build's version is loaded now.
    case loaded
    /// Redis already held exactly this build's library.
    case unchanged
    /// Redis held another library under the name (another version, or the same version with
    /// other code); it was replaced. `previousVersion` is nil when the old one did not say.
    case replaced(previousVersion: Int?)

    public var description: String {
        let current = "version \(LaneLibrary.version)"
        switch self {
        case .loaded: return "function library \(LaneLibrary.name) \(current) loaded"
        case .unchanged: return "function library \(LaneLibrary.name) \(current) already loaded"
        case let .replaced(previous?) where previous == LaneLibrary.version:
            return "function library \(LaneLibrary.name) \(current) reloaded (Redis held other code under the same version)"
        case let .replaced(previous?):
            return "function library \(LaneLibrary.name) \(current) loaded, replacing version \(previous)"
        case .replaced(nil):
            return "function library \(LaneLibrary.name) \(current) loaded, replacing a library of unknown version"
        }
    }
}
