import Foundation
import TicketQCore

/// What Redis keeps about a quarantined message (the `quarantine` hash, by quarantine id; the raw
/// bytes are kept apart): why intake could not use it, where it came from, when, and its size.
///
/// Stored as one JSON object, `{"v":1,"reason":…,"source":…,"quarantined_at":…,"bytes":…}`:
/// intake and `ticketq submit` write it, `ticketq quarantine` reads it. Records written before the
/// version field read as version 1; a version newer than this release knows is refused.
public struct QuarantineInfo: Sendable, Hashable, Decodable {
    /// The schema version this release writes.
    public static let currentVersion = 1

    /// The record's schema version.
    public var version: Int
    /// Why the message could not become a ticket (for operators: may name addresses).
    public var reason: String
    /// Where it came from, e.g. `POST /inbound/email` or a file name.
    public var source: String?
    /// When it was quarantined (RFC 3339 UTC).
    public var quarantinedAt: String?
    /// The raw message's size in bytes.
    public var bytes: Int?

    /// Creates a record of the current version.
    public init(reason: String, source: String?, quarantinedAt: String?, bytes: Int?) {
        version = Self.currentVersion
        self.reason = reason
        self.source = source
        self.quarantinedAt = quarantinedAt
        self.bytes = bytes
    }

    /// The stored JSON object.
    public var json: String {
        var object = JSONObjectWriter()
        object.add("v", Int64(version))
        object.add("reason", reason)
        object.add("source", source)
        object.add("quarantined_at", quarantinedAt)
        object.add("bytes", bytes.map(Int64.init))
        return object.json
    }

    /// Decodes a stored record.
    ///
    /// - Throws: ``StoredRecordError`` naming the field that is missing or of the wrong type, or a
    ///   version newer than this release knows.
    public init(json: String) throws(StoredRecordError) {
        self = try StoredRecordDecoding.decode(Self.self, from: json, record: "quarantine record")
    }

    private enum CodingKeys: String, CodingKey {
        case version = "v", reason, source, quarantinedAt = "quarantined_at", bytes
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try StoredRecordDecoding.version(in: container, key: .version, current: Self.currentVersion, record: "quarantine record")
        reason = try container.decode(String.self, forKey: .reason)
        source = try container.decodeIfPresent(String.self, forKey: .source)
        quarantinedAt = try container.decodeIfPresent(String.self, forKey: .quarantinedAt)
        bytes = try container.decodeIfPresent(Int.self, forKey: .bytes)
    }
}
