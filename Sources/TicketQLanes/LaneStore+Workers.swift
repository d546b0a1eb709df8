import TicketQRedis

extension LaneStore {
    /// Records a worker in the registry and sets its liveness key, refusing when another live
    /// process already uses the id.
    ///
    /// - Parameters:
    ///   - worker: the worker id.
    ///   - instance: a token unique to this process (e.g. host, pid and start time).
    ///   - recordJSON: the registry entry (id, host, pid, started, metrics address, …).
    ///   - ttl: how long the liveness key lives without a heartbeat.
    /// - Returns: false when another live instance holds the id.
    public func register(worker: String, instance: String, recordJSON: String, ttl: Duration) throws(LanesError) -> Bool {
        try call(.registerWorker, liveness(worker, instance, recordJSON, ttl), alive: keys.alive(worker: worker)).int == 1
    }

    /// Refreshes the liveness key and the registry entry.
    ///
    /// - Returns: false when the liveness key now belongs to another instance (this process was
    ///   presumed dead and replaced); the caller must stop claiming.
    public func heartbeat(worker: String, instance: String, recordJSON: String, ttl: Duration) throws(LanesError) -> Bool {
        try call(.heartbeat, liveness(worker, instance, recordJSON, ttl), alive: keys.alive(worker: worker)).int == 1
    }

    /// Removes a worker from the registry and deletes its liveness key (clean shutdown).
    public func deregister(worker: String, instance: String) throws(LanesError) {
        _ = try call(.deregisterWorker, [Array(worker.utf8), Array(instance.utf8)], alive: keys.alive(worker: worker))
    }

    private func liveness(_ worker: String, _ instance: String, _ record: String, _ ttl: Duration) -> [[UInt8]] {
        [Array(worker.utf8), Array(instance.utf8), Array(record.utf8), bytes(ttl.wholeMilliseconds)]
    }

    /// The registry: worker id → its JSON record.
    public func workers() throws(LanesError) -> [String: String] {
        try hashFields(keys.key(.workers), "workers")
    }

    /// The registry split by liveness: entries whose liveness key exists, and how many entries
    /// are stale (their process died; the reaper removes them).
    public func liveWorkers() throws(LanesError) -> (live: [String: String], stale: Int) {
        let registry = try workers()
        guard !registry.isEmpty else { return ([:], 0) }
        let ids = Array(registry.keys)
        let alive: [Bool]
        do {
            alive = try connection.pipeline(ids.map { [Array("EXISTS".utf8), keys.alive(worker: $0)] }).map { $0.int == 1 }
        } catch {
            throw .redis(error)
        }
        var live: [String: String] = [:]
        for (id, isAlive) in zip(ids, alive) where isAlive { live[id] = registry[id] }
        return (live, registry.count - live.count)
    }
}
