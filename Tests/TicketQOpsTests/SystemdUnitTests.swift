import Foundation
import TicketQTestSupport
import Testing

/// `systemd-analyze verify` on the shipped worker unit, with `ExecStart` pointing at the built
/// binary (verify checks that the executables exist).
struct SystemdUnitTests {
    private func verify(_ unit: String) async throws -> ProcessOutput {
        let tool = try RequiredTool.path("systemd-analyze", package: "systemd")
        let directory = try TemporaryDirectory(prefix: "unit")
        try unit.write(to: directory.file("ticketq-worker@.service"), atomically: true, encoding: .utf8)
        // A template is verified through an instance; the template file supplies it.
        return try await ProcessRunner.runOffPool(URL(fileURLWithPath: tool), ["verify", "./ticketq-worker@1.service"], currentDirectory: directory.url)
    }

    private func shippedUnitAtTheBuiltBinary() throws -> String {
        try OpsFiles.text(OpsFiles.systemdUnit)
            .replacingOccurrences(of: "/usr/local/bin/ticketq", with: ProcessRunner.product("ticketq").path)
    }

    @Test func shippedUnitVerifiesCleanly() async throws {
        let unit = try shippedUnitAtTheBuiltBinary()
        #expect(unit.contains(ProcessRunner.product("ticketq").path))
        let output = try await verify(unit)
        #expect(output.status == 0 && output.stderr.isEmpty && output.stdout.isEmpty, "systemd-analyze: \(output.stdout)\(output.stderr)")
    }

    @Test func verifyCatchesABrokenCopy() async throws {
        let broken = try shippedUnitAtTheBuiltBinary().replacingOccurrences(of: "KillSignal=SIGTERM", with: "KillSignal=SIGNOPE")
        let output = try await verify(broken)
        #expect(output.stderr.contains("SIGNOPE") || output.status != 0, "verify must read the unit: \(output.stderr)")
    }

    @Test func unitDrainsWithinTheStopTimeoutAndNeverGivesUp() throws {
        let unit = try OpsFiles.text(OpsFiles.systemdUnit)
        for setting in ["KillSignal=SIGTERM", "TimeoutStopSec=30", "Restart=always", "StartLimitIntervalSec=0", "NoNewPrivileges=yes", "ProtectSystem=strict", "StateDirectory=ticketq/worker-%i", "EnvironmentFile=-/etc/ticketq/worker.env"] {
            #expect(unit.contains("\n\(setting)\n"), "missing \(setting)")
        }
        #expect(unit.contains("$((9463 + %i))"), "metrics port from the instance number")
    }
}
