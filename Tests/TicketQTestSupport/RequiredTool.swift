import Foundation

/// Finds a command-line tool a test needs (promtool, supervisord, chromium, …).
///
/// A missing tool throws: tests never skip themselves, so a machine without the tool fails the
/// test with a message naming the Debian package to install.
public enum RequiredTool {
    /// Why a tool could not be found.
    public struct Missing: Error, CustomStringConvertible {
        /// The tool's name.
        public let name: String
        /// The Debian package that provides it.
        public let package: String
        public var description: String { "\(name) not found on PATH; install the Debian package \(package) (scripts/bootstrap.sh does)" }
    }

    /// The absolute path of `name`.
    public static func path(_ name: String, package: String) throws -> String {
        let entries = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
        for directory in entries + ["/usr/bin", "/usr/local/bin", "/usr/sbin", "/bin"] {
            let candidate = "\(directory)/\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw Missing(name: name, package: package)
    }
}
