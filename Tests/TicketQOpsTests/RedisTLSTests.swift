import Foundation
import TicketQTestSupport
import Testing

/// Redis over TLS, as ops/README.md documents it: hiredis 0.14 speaks no TLS, so ticketq
/// connects to a local stunnel client that verifies the server's certificate and forwards to
/// redis-server's `tls-port`. Submit, a worker and its outcomes all go through it.
struct RedisTLSTests {
    @Test(.timeLimit(.minutes(2)))
    func submitWorkerAndOutcomesThroughStunnel() async throws {
        let stunnel = try RequiredTool.path("stunnel4", package: "stunnel4")
        let scratch = try TemporaryDirectory(prefix: "tls")
        let certificates = try TestCertificates(in: scratch)
        let tlsPort = try FreePort.allocate()
        let bench = try OpsTestBench(redis: RedisServerOptions(extraConfiguration: [
            "tls-port \(tlsPort)",
            "tls-cert-file \"\(certificates.certificate.path)\"",
            "tls-key-file \"\(certificates.key.path)\"",
            "tls-ca-cert-file \"\(certificates.authority.path)\"",
            "tls-auth-clients no",
        ]))
        let localPort = try FreePort.allocate()
        let configuration = scratch.file("stunnel.conf")
        try """
            foreground = yes
            pid =
            [redis]
            client = yes
            accept = 127.0.0.1:\(localPort)
            connect = 127.0.0.1:\(tlsPort)
            CAfile = \(certificates.authority.path)
            verifyChain = yes
            checkIP = 127.0.0.1

            """.write(to: configuration, atomically: true, encoding: .utf8)
        let tunnel = try ManagedProcess(URL(fileURLWithPath: stunnel), [configuration.path], name: "stunnel", logDirectory: scratch.url)
        defer { if tunnel.isRunning { tunnel.kill() } }
        bench.environment["TICKETQ_REDIS_URL"] = "redis://127.0.0.1:\(localPort)/0"

        let listening = try await bench.eventually(timeout: .seconds(20)) { (try? await bench.run(["deployment", "init"]))?.status == 0 }
        #expect(listening, "\(tunnel.logTail())")
        let (file, ids) = try bench.writeTickets(500, prefix: "tls")
        #expect(try await bench.run(["submit", file]).status == 0)
        let store = bench.directory.file("tls.db").path
        let worker = try ManagedProcess(
            bench.executable, ["worker", "--db", store, "--id", "tls-worker", "--metrics-addr", "127.0.0.1:0"],
            name: "worker", logDirectory: bench.directory.url, environment: bench.environment
        )
        let drained = try await bench.eventually(timeout: .seconds(60)) { await bench.outstanding() == 0 }
        #expect(drained, "\(worker.logTail())")
        worker.terminate()
        #expect(await worker.waitForExit(timeout: .seconds(30)) == 0)

        let accepted = try await bench.ledger([store]).rows.filter(\.isAccepted)
        #expect(Set(accepted.map(\.ticketID)) == Set(ids) && accepted.count == ids.count)
        // Every byte went through the tunnel: stunnel verified the certificate and carried the traffic.
        #expect(tunnel.standardError.contains("Certificate accepted") || tunnel.standardOutput.contains("Certificate accepted"), "\(tunnel.logTail())")
    }
}
