import Foundation

/// A real `prometheus` (Debian's package) on a free loopback port with its own storage in a
/// temporary directory, stopped by PID when released.
public final class PrometheusServerProcess {
    /// The HTTP port.
    public let port: Int
    /// The server process.
    public let process: ManagedProcess

    /// Starts Prometheus with `configuration` (the text of a prometheus.yml) written into
    /// `directory`, next to any rule files the caller put there; waits until it is ready.
    public init(configuration: String, directory: URL) async throws {
        let executable = try RequiredTool.path("prometheus", package: "prometheus")
        let configFile = directory.appendingPathComponent("prometheus.yml")
        try configuration.write(to: configFile, atomically: true, encoding: .utf8)
        port = try FreePort.allocate()
        process = try ManagedProcess(
            URL(fileURLWithPath: executable),
            [
                "--config.file=\(configFile.path)", "--storage.tsdb.path=\(directory.appendingPathComponent("data").path)",
                "--web.listen-address=127.0.0.1:\(port)", "--log.level=warn",
            ],
            name: "prometheus", logDirectory: directory
        )
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            let port = port
            if let ready = try? await HTTPTestClient.offPool({ try HTTPTestClient.get(port: port, "/-/ready") }), ready.status == 200 { return }
            guard process.isRunning else { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        process.kill()
        throw HTTPTestClient.Failure(description: "prometheus did not become ready:\n\(process.logTail())")
    }

    deinit {
        if process.isRunning { process.kill() }
    }

    /// The result of an instant query: `status` and the `data.result` array.
    public func query(_ expression: String) async throws -> (status: String, error: String?, result: [[String: Any]]) {
        let allowed = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-._~"))
        let encoded = expression.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
        let port = port
        let response = try await HTTPTestClient.offPool { try HTTPTestClient.get(port: port, "/api/v1/query?query=\(encoded)") }
        let object = try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] ?? [:]
        let data = object["data"] as? [String: Any] ?? [:]
        return (object["status"] as? String ?? "", object["error"] as? String, data["result"] as? [[String: Any]] ?? [])
    }

    /// A GET on the API, parsed as JSON.
    public func api(_ path: String) async throws -> [String: Any] {
        let port = port
        let response = try await HTTPTestClient.offPool { try HTTPTestClient.get(port: port, path) }
        return try JSONSerialization.jsonObject(with: Data(response.body)) as? [String: Any] ?? [:]
    }
}
