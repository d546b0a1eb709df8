import Foundation
import TicketQTestSupport

/// A throw-away certificate authority and a server certificate for 127.0.0.1, made with
/// `openssl` for one test.
struct TestCertificates {
    let authority: URL
    let certificate: URL
    let key: URL

    /// Generates the files in `directory`.
    init(in directory: TemporaryDirectory) throws {
        let openssl = URL(fileURLWithPath: try RequiredTool.path("openssl", package: "openssl"))
        authority = directory.file("ca.crt")
        certificate = directory.file("server.crt")
        key = directory.file("server.key")
        let authorityKey = directory.file("ca.key")
        let request = directory.file("server.csr")
        let extensions = directory.file("san.ext")
        try "subjectAltName=IP:127.0.0.1\n".write(to: extensions, atomically: true, encoding: .utf8)
        let steps: [[String]] = [
            ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", authorityKey.path, "-out", authority.path, "-days", "2", "-subj", "/CN=ticketq-test-ca"],
            ["req", "-newkey", "rsa:2048", "-nodes", "-keyout", key.path, "-out", request.path, "-subj", "/CN=127.0.0.1"],
            ["x509", "-req", "-in", request.path, "-CA", authority.path, "-CAkey", authorityKey.path, "-CAcreateserial",
             "-out", certificate.path, "-days", "2", "-extfile", extensions.path],
        ]
        for step in steps {
            let output = try ProcessRunner.run(openssl, step, currentDirectory: directory.url)
            guard output.status == 0 else { throw Failure(step: step.prefix(2).joined(separator: " "), output: output.stderr) }
        }
    }

    /// An `openssl` step that failed.
    struct Failure: Error, CustomStringConvertible {
        let step: String
        let output: String
        var description: String { "openssl \(step) failed: \(output)" }
    }
}
