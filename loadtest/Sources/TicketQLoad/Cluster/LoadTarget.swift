import Foundation
import TicketQLanes
import TicketQRedis

/// The cluster a run drives: a local one the harness started, or an existing one named by its
/// Redis URL and the workers' outcome stores (the harness times tickets to the durable outcome,
/// so it must be able to read the stores).
public final class LoadTarget: @unchecked Sendable {
    /// Redis.
    public let url: RedisURL
    /// The lanes' keys.
    public let keys: LaneKeys
    /// The workers' outcome stores.
    public let storePaths: [String]
    /// The local cluster, when the harness started one.
    public let cluster: LocalCluster?
    /// Wall-clock time the workers started (µs since the epoch), once they have.
    public private(set) var workersStartedMicros: Int64?

    /// A local cluster of `options.count` workers on a private redis-server.
    /// - Parameters:
    ///   - appendOnly: redis-server keeps an append-only file fsynced on every write.
    ///   - proxied: each worker reaches Redis through a fault proxy of its own.
    public static func local(options: WorkerOptions, ticketq: URL, directory: URL, appendOnly: Bool = false, proxied: Bool = false) throws(LoadError) -> LoadTarget {
        let cluster = try LocalCluster(options: options, ticketq: ticketq, directory: directory, appendOnly: appendOnly, proxied: proxied)
        let target: LoadTarget
        do {
            target = LoadTarget(
                url: try RedisURL(cluster.url), keys: try LaneKeys(partitions: options.partitions), storePaths: cluster.storePaths, cluster: cluster
            )
        } catch {
            cluster.stop()
            throw LoadError("cannot address the private redis-server: \(error)")
        }
        do {
            // The private Redis is a new deployment.
            _ = try target.lanes().createDeployment(origin: .initialized, release: "ticketq-load", partitions: options.partitions)
        } catch {
            cluster.stop()
            throw LoadError("cannot initialise the deployment on the private redis-server: \(error)")
        }
        return target
    }

    /// An existing cluster; its workers already run.
    public static func existing(redis: String, namespace: String, stores: [String]) throws(LoadError) -> LoadTarget {
        guard !stores.isEmpty else {
            throw LoadError("--redis needs --store for each worker's outcome store: the harness times every ticket to its durable outcome")
        }
        let url: RedisURL
        do { url = try RedisURL(redis) } catch { throw LoadError("--redis: \(error)") }
        let named: LaneKeys
        do { named = try LaneKeys(namespace: namespace) } catch { throw LoadError("--namespace: \(error)") }
        let keys: LaneKeys
        do {
            keys = try LaneStore.resolvedKeys(named, connection: try RedisConnection(url: url))
        } catch {
            throw LoadError("cannot read the deployment at \(url): \(error)")
        }
        let target = LoadTarget(url: url, keys: keys, storePaths: stores, cluster: nil)
        target.workersStartedMicros = MonotonicClock.wallMicroseconds()
        return target
    }

    private init(url: RedisURL, keys: LaneKeys, storePaths: [String], cluster: LocalCluster?) {
        self.url = url
        self.keys = keys
        self.storePaths = storePaths
        self.cluster = cluster
    }

    /// Whether the workers run (an existing cluster's always do).
    public var workersStarted: Bool { workersStartedMicros != nil }

    /// Starts the local cluster's workers if they do not run yet; returns their start time.
    @discardableResult
    public func startWorkers() throws(LoadError) -> Int64 {
        if let workersStartedMicros { return workersStartedMicros }
        let started = try cluster?.startWorkers() ?? MonotonicClock.wallMicroseconds()
        workersStartedMicros = started
        return started
    }

    /// Stops the local cluster's workers, so that the next phase starts them afresh (an
    /// existing cluster's workers are left alone).
    public func stopWorkers() {
        guard let cluster else { return }
        cluster.stopWorkers()
        workersStartedMicros = nil
    }

    /// Stops the local cluster (nothing for an existing one).
    public func shutdown(keepDirectory: Bool) {
        cluster?.stop(keepDirectory: keepDirectory)
    }

    /// A new connection to the lanes.
    public func lanes() throws(LoadError) -> LaneStore {
        do {
            return LaneStore(connection: try RedisConnection(url: url), keys: keys)
        } catch {
            throw LoadError("cannot connect to Redis at \(url): \(error)")
        }
    }
}
