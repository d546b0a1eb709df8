import Foundation
import TicketQLocal

/// Finds the `ticketq` a local cluster runs: the one named by `--ticketq`, else the one next to
/// the harness's own executable — never one from PATH, so that a run measures the build beside it.
public enum TicketQExecutable {
    /// The executable to run.
    /// - Throws: ``LoadError`` saying where it looked.
    public static func locate(explicitPath: String?) throws(LoadError) -> URL {
        if let explicitPath {
            guard FileManager.default.isExecutableFile(atPath: explicitPath) else {
                throw LoadError("--ticketq: \(explicitPath) is not an executable file")
            }
            return URL(fileURLWithPath: explicitPath)
        }
        let sibling = ChildProcess.ownExecutable.deletingLastPathComponent().appendingPathComponent("ticketq")
        guard FileManager.default.isExecutableFile(atPath: sibling.path) else {
            throw LoadError("no ticketq next to ticketq-load (looked for \(sibling.path)); build it with `swift build -c release --product ticketq` or pass --ticketq PATH")
        }
        return sibling
    }
}
