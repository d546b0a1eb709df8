import Foundation
import TicketQTestSupport

/// Runs `ticketq-load` from the build and reads what it wrote.
struct LoadRun {
    let output: ProcessOutput
    let directory: TemporaryDirectory

    var summary: [String: Any] {
        guard let data = FileManager.default.contents(atPath: directory.file("summary.json").path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return [:] }
        return object
    }

    func lane(_ name: String) -> [String: Any] { (summary["lanes"] as? [String: Any])?[name] as? [String: Any] ?? [:] }

    func int(_ key: String) -> Int? { (summary[key] as? NSNumber)?.intValue }

    func double(_ key: String) -> Double? { (summary[key] as? NSNumber)?.doubleValue }

    /// Runs `ticketq-load ARGUMENTS --out DIR --quiet` (the local cluster runs the `ticketq` of this build).
    static func run(_ arguments: [String], out: Bool = true) async throws -> LoadRun {
        let directory = try TemporaryDirectory(prefix: "ticketq-load-test")
        let extra = out ? ["--out", directory.path, "--quiet"] : []
        let output = try await ProcessRunner.runOffPool(ProcessRunner.product("ticketq-load"), arguments + extra)
        return LoadRun(output: output, directory: directory)
    }
}
