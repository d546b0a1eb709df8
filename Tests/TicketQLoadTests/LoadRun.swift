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

    /// Why the run did not pass, leaving out what depends on how busy the machine is (a sender
    /// that fell behind its schedule, a rate below target): tests check correctness, not timing.
    var failuresBesidesTiming: [String] {
        (summary["failures"] as? [String] ?? []).filter { !$0.hasPrefix("harness overloaded") && !$0.hasPrefix("offered ") }
    }

    /// Exit 0, or exit 1 only for timing reasons.
    var completedCorrectly: Bool {
        output.status == 0 || (output.status == 1 && failuresBesidesTiming.isEmpty && !summary.isEmpty)
    }

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
