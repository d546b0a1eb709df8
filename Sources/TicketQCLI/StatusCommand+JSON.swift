import TicketQCore
import TicketQLanes
import TicketQStore

extension StatusCommand.Report {
    /// The `status --json` object.
    var json: String {
        var lanesObject = JSONObjectWriter()
        for lane in Lane.allCases {
            var object = JSONObjectWriter()
            let figures = figures(lane)
            object.add("depth", Int64(figures?.depth ?? 0))
            object.add("queued", Int64(figures?.queued ?? 0))
            object.add("retrying", Int64(figures?.retrying ?? 0))
            object.add("oldest_age_ms", figures?.oldestEnqueuedMillis.map { max(0, now - $0) })
            object.add("earliest_due", figures?.earliestDueMillis.map { UTCTimestamp.format(milliseconds: $0) })
            object.add("headroom_ms", figures?.earliestDueMillis.map { $0 - now })
            lanesObject.addRaw(lane.rawValue, object.json)
        }
        var dedupe = JSONObjectWriter()
        dedupe.add("entries", Int64(snapshot.dedupeEntries))
        dedupe.add("bytes", dedupeBytes.map(Int64.init))
        dedupe.add("bytes_per_id", bytesPerID.map(Int64.init))
        var switches = JSONObjectWriter()
        for (brand, state) in highVolume {
            // null: the brand's stored history cannot be read (the text report says why).
            switches.add(brand, state.problem == nil ? state.isOn : nil)
        }
        var marker = JSONObjectWriter()
        marker.add("present", deployment != nil)
        marker.add("id", deployment?.id)
        marker.add("origin", deployment?.origin.rawValue)
        marker.add("created_at", deployment.map { UTCTimestamp.format(milliseconds: $0.createdAtMillis) })
        marker.add("problem", deployment == nil ? DeploymentAdvice.missingMarker : nil)
        var object = JSONObjectWriter()
        object.addRaw("deployment", marker.json)
        object.add("server_time", UTCTimestamp.format(milliseconds: now))
        object.addRaw("lanes", lanesObject.json)
        object.add("in_flight", Int64(snapshot.inFlight))
        object.add("dead_letter", Int64(snapshot.deadLetters))
        object.addRaw("dedupe", dedupe.json)
        object.addRaw("workers", "[" + workers.map(\.json).joined(separator: ",") + "]")
        object.add("stale_workers", Int64(staleWorkers))
        object.addRaw("totals", totalsJSON)
        object.addRaw("high_volume", switches.json)
        return object.json
    }
}
