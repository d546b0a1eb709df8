import Foundation

/// The files shipped in the repository's `ops/` folder, found from this file's location.
enum OpsFiles {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let folder = repository.appendingPathComponent("ops")
    static let prometheus = folder.appendingPathComponent("prometheus")
    static let dashboard = folder.appendingPathComponent("grafana/ticketq.json")
    static let systemdUnit = folder.appendingPathComponent("systemd/ticketq-worker@.service")
    static let supervisorConfig = folder.appendingPathComponent("supervisor/ticketq.conf")
    static let redisACL = folder.appendingPathComponent("redis/users.acl")
    static let redisConfig = folder.appendingPathComponent("redis/redis.conf")
    static let procfile = repository.appendingPathComponent("Procfile")

    static func text(_ url: URL) throws -> String { try String(contentsOf: url, encoding: .utf8) }
}
