import Foundation
import TicketQCore
import TicketQLanes
import TicketQRedis
import TicketQTestSupport
import Testing

/// A private redis-server and a lane store over it, for one test.
final class LaneTestContext {
    let server: RedisServerProcess
    let store: LaneStore

    init(
        configuration: LaneConfiguration = LaneConfiguration(), options: RedisServerOptions = RedisServerOptions(), partitions: Int = 1
    ) throws {
        server = try RedisServerProcess(options: options)
        let connection = try RedisConnection(url: try RedisURL(server.url))
        store = LaneStore(connection: connection, keys: try LaneKeys(namespace: "test", partitions: partitions), configuration: configuration)
        _ = try store.createDeployment(origin: .initialized, release: "test", partitions: partitions)
    }

    /// A second store on its own connection (another worker or a promoter racing the first).
    func anotherStore() throws -> LaneStore {
        LaneStore(connection: try RedisConnection(url: try RedisURL(server.url)), keys: store.keys, configuration: store.configuration)
    }

    /// Milliseconds since the epoch now.
    static var nowMillis: Int64 { Int64(Date().timeIntervalSince1970 * 1000) }

    static func entry(_ id: String, _ lane: Lane, due: Int64, promoteAt: Int64? = nil, payload: String? = nil, digest: String? = nil) -> LaneEntry {
        let payload = payload ?? "payload-\(id)"
        return LaneEntry(
            id: id, lane: lane, dueMillis: due, promoteAtMillis: promoteAt, enqueuedMillis: nowMillis,
            contentDigest: digest ?? String(FNV1a64.hash(payload.utf8), radix: 16), payload: Array(payload.utf8)
        )
    }

    /// Records an issue unless a submit to `store` is refused with ``LanesError/migrationNeeded``
    /// (a deployment of an earlier layout, before `ticketq migrate`).
    static func expectSubmitNeedsMigration(_ store: LaneStore, due: Int64) {
        do {
            _ = try store.submit([entry("new", .standard, due: due)])
            Issue.record("submit wrote to a deployment of the earlier layout")
        } catch .migrationNeeded {
        } catch {
            Issue.record("expected migrationNeeded, got \(error)")
        }
    }

    deinit {
        server.stop()
    }
}
