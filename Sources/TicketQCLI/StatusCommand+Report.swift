import TicketQCore
import TicketQLanes
import TicketQRedis

extension StatusCommand {
    /// Everything `status` shows, read from Redis at one moment.
    struct Report {
        /// The lanes' figures (one consistent snapshot).
        let snapshot: LaneSnapshot
        /// Bytes of the dedupe window's set, when Redis reports it.
        let dedupeBytes: Int?
        /// Registry entries whose liveness key exists, by worker id.
        let workers: [WorkerRecord]
        /// Registry entries whose liveness key is gone (the reaper removes them).
        let staleWorkers: Int
        /// Each brand's high-volume switch now.
        let highVolume: [(brand: String, state: HighVolumeState)]
        /// The deployment marker, or nil when Redis holds none (data loss, or never initialised).
        let deployment: DeploymentRecord?

        /// The Redis server's clock at the snapshot, epoch milliseconds.
        var now: Int64 { snapshot.serverTimeMillis }

        /// Reads the report.
        ///
        /// - Parameter brands: brands to show even without a recorded switch.
        static func gather(from lanes: LaneStore, sample: Int, brands: [String]) throws(LanesError) -> Report {
            let deployment = try lanes.deployment()
            let snapshot = try lanes.snapshot(sample: sample)
            let dedupeBytes = try lanes.dedupeMemoryBytes()
            let registry = try lanes.liveWorkers()
            let workers = registry.live.sorted { $0.key < $1.key }.map { WorkerRecord(id: $0.key, json: $0.value) }
            let histories = try lanes.highVolumeHistories()
            let allBrands = Set(brands).union(histories.keys).sorted()
            let highVolume = allBrands.map { brand in
                switch histories[brand] {
                case let .success(history)?:
                    (brand, HighVolumeState(changes: history.changes.map { ($0.atMillis, $0.on) }, at: snapshot.serverTimeMillis))
                case let .failure(error)?:
                    (brand, HighVolumeState(unreadable: error.description))
                case nil:
                    (brand, HighVolumeState(changes: [], at: snapshot.serverTimeMillis))
                }
            }
            return Report(
                snapshot: snapshot, dedupeBytes: dedupeBytes, workers: workers,
                staleWorkers: registry.stale, highVolume: highVolume, deployment: deployment
            )
        }

        /// Dedupe bytes per remembered id, when both are known.
        var bytesPerID: Int? {
            guard let dedupeBytes, snapshot.dedupeEntries > 0 else { return nil }
            return Int((Double(dedupeBytes) / Double(snapshot.dedupeEntries)).rounded())
        }

        /// One lane's figures, or nil when the snapshot has none for it.
        func figures(_ lane: Lane) -> LaneSnapshot.LaneFigures? {
            snapshot.lanes[lane]
        }
    }
}
