import Foundation

/// A directory under the system temporary folder that is removed when the value is released.
///
/// Tests create one per test so that servers, databases and config files never share state.
public final class TemporaryDirectory: Sendable {
    /// The directory's absolute URL.
    public let url: URL

    /// Creates a fresh, empty directory whose name starts with `prefix`.
    public init(prefix: String = "ticketq-test") throws {
        let base = FileManager.default.temporaryDirectory
        let name = "\(prefix)-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"
        url = base.appendingPathComponent(name, isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    /// The absolute path of the directory.
    public var path: String { url.path }

    /// The URL of `name` inside the directory.
    public func file(_ name: String) -> URL { url.appendingPathComponent(name) }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
