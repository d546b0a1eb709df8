import Foundation
import TicketQCore

/// A worker's entry in the deployment's registry (the `workers` hash, by worker id), rewritten at
/// every heartbeat: who and where it is, what it has done since it started, and its settings.
///
/// Stored as one JSON object with a version field `v`; `extras` (e.g. `metrics_addr`) follow the
/// known fields as strings. The worker writes it, `ticketq status` reads it. Records written
/// before the version field read as version 1; a newer version than this release knows is refused.
public struct WorkerRegistryRecord: Sendable, Hashable, Decodable {
    /// The schema version this release writes.
    public static let currentVersion = 1

    /// What one worker process counted since it started.
    public struct Totals: Sendable, Hashable {
        public var done = 0, dead = 0, retried = 0, duplicates = 0, superseded = 0, released = 0

        /// Creates totals.
        public init(done: Int = 0, dead: Int = 0, retried: Int = 0, duplicates: Int = 0, superseded: Int = 0, released: Int = 0) {
            (self.done, self.dead, self.retried, self.duplicates, self.superseded, self.released) = (done, dead, retried, duplicates, superseded, released)
        }

        /// The totals by their field names, in display order.
        public var named: [(name: String, value: Int)] {
            [("done", done), ("dead", dead), ("retried", retried), ("duplicates", duplicates), ("superseded", superseded), ("released", released)]
        }
    }

    /// The record's schema version.
    public var version: Int
    /// The worker id.
    public var id: String
    /// The host name and process id.
    public var host: String?
    public var pid: Int?
    /// When the process started and when it last wrote the record (RFC 3339 UTC).
    public var started: String?
    public var lastSeen: String?
    /// What it counted since it started.
    public var totals: Totals
    /// Whether it holds the collector role, tickets in hand, and its store's state (`ok` or the
    /// SQLite error of failing commits).
    public var collector: Bool?
    public var inFlight: Int?
    public var store: String?
    /// Its settings.
    public var concurrency: Int?
    public var urgentSlots: Int?
    public var handler: String?
    /// Further fields, e.g. `metrics_addr`.
    public var extras: [String: String]

    /// Creates a record of the current version.
    public init(
        id: String, host: String?, pid: Int?, started: String?, lastSeen: String?, totals: Totals, collector: Bool?,
        inFlight: Int?, store: String?, concurrency: Int?, urgentSlots: Int?, handler: String?, extras: [String: String] = [:]
    ) {
        version = Self.currentVersion
        (self.id, self.host, self.pid, self.started, self.lastSeen, self.totals) = (id, host, pid, started, lastSeen, totals)
        (self.collector, self.inFlight, self.store) = (collector, inFlight, store)
        (self.concurrency, self.urgentSlots, self.handler, self.extras) = (concurrency, urgentSlots, handler, extras)
    }

    /// The stored JSON object.
    public var json: String {
        var object = JSONObjectWriter()
        object.add("v", Int64(version))
        object.add("id", id)
        object.add("host", host)
        object.add("pid", pid.map(Int64.init))
        object.add("started", started)
        object.add("last_seen", lastSeen)
        object.add("processed", Int64(totals.done + totals.dead))
        for (name, value) in totals.named { object.add(name, Int64(value)) }
        object.add("collector", collector)
        object.add("in_flight", inFlight.map(Int64.init))
        object.add("store", store)
        object.add("concurrency", concurrency.map(Int64.init))
        object.add("urgent_slots", urgentSlots.map(Int64.init))
        object.add("handler", handler)
        for (key, value) in extras.sorted(by: { $0.key < $1.key }) where !CodingKeys.names.contains(key) { object.add(key, value) }
        return object.json
    }

    /// Decodes a stored record.
    ///
    /// - Throws: ``StoredRecordError`` naming the field that is missing or of the wrong type, or a
    ///   version newer than this release knows.
    public init(json: String) throws(StoredRecordError) {
        self = try StoredRecordDecoding.decode(Self.self, from: json, record: "worker registry record")
    }

    private enum CodingKeys: String, CodingKey, CaseIterable {
        case version = "v", id, host, pid, started, lastSeen = "last_seen", processed
        case done, dead, retried, duplicates, superseded, released
        case collector, inFlight = "in_flight", store, concurrency, urgentSlots = "urgent_slots", handler

        static let names = Set(allCases.map(\.rawValue))
    }

    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try StoredRecordDecoding.version(in: container, key: .version, current: Self.currentVersion, record: "worker registry record")
        id = try container.decode(String.self, forKey: .id)
        host = try container.decodeIfPresent(String.self, forKey: .host)
        pid = try container.decodeIfPresent(Int.self, forKey: .pid)
        started = try container.decodeIfPresent(String.self, forKey: .started)
        lastSeen = try container.decodeIfPresent(String.self, forKey: .lastSeen)
        func count(_ key: CodingKeys) throws -> Int { try container.decodeIfPresent(Int.self, forKey: key) ?? 0 }
        totals = Totals(
            done: try count(.done), dead: try count(.dead), retried: try count(.retried), duplicates: try count(.duplicates),
            superseded: try count(.superseded), released: try count(.released)
        )
        collector = try container.decodeIfPresent(Bool.self, forKey: .collector)
        inFlight = try container.decodeIfPresent(Int.self, forKey: .inFlight)
        store = try container.decodeIfPresent(String.self, forKey: .store)
        concurrency = try container.decodeIfPresent(Int.self, forKey: .concurrency)
        urgentSlots = try container.decodeIfPresent(Int.self, forKey: .urgentSlots)
        handler = try container.decodeIfPresent(String.self, forKey: .handler)
        let all = try decoder.container(keyedBy: AnyKey.self)
        var extras: [String: String] = [:]
        for key in all.allKeys where !CodingKeys.names.contains(key.stringValue) {
            if let text = try? all.decode(String.self, forKey: key) {
                extras[key.stringValue] = text
            } else if let number = try? all.decode(Int64.self, forKey: key) {
                extras[key.stringValue] = String(number)
            }
        }
        self.extras = extras
    }
}
