import Foundation
import TicketQCore

/// What Redis keeps with a dead letter (the deployment's `deadinfo` hash, by ticket id): why the
/// ticket was dead-lettered, after how many deliveries, the last handler error and the worker.
///
/// Stored as one JSON object, `{"v":1,"reason":…,"attempts":…,"last_error":…,"worker":…}`: the
/// worker writes it, `ticketq dlq` reads it. Records written before the version field read as
/// version 1; a version newer than this release knows is refused.
public struct DeadLetterInfo: Sendable, Hashable, Decodable {
    /// The schema version this release writes.
    public static let currentVersion = 1

    /// The record's schema version.
    public var version: Int
    /// Why: `delivery_limit`, `crashed_worker`, `undecodable_payload`, or what the handler said.
    public var reason: String
    /// Deliveries made, the last one included.
    public var attempts: Int?
    /// The last handler error, when there was one.
    public var lastError: String?
    /// The worker that dead-lettered the ticket.
    public var worker: String?

    /// Creates a record of the current version.
    public init(reason: String, attempts: Int?, lastError: String?, worker: String?) {
        version = Self.currentVersion
        self.reason = reason
        self.attempts = attempts
        self.lastError = lastError
        self.worker = worker
    }

    /// The stored JSON object.
    public var json: String {
        var object = JSONObjectWriter()
        object.add("v", Int64(version))
        object.add("reason", reason)
        object.add("attempts", attempts.map(Int64.init))
        object.add("last_error", lastError)
        object.add("worker", worker)
        return object.json
    }

    /// Decodes a stored record.
    ///
    /// - Throws: ``StoredRecordError`` naming the field that is missing or of the wrong type, or a
    ///   version newer than this release knows.
    public init(json: String) throws(StoredRecordError) {
        self = try StoredRecordDecoding.decode(Self.self, from: json, record: "dead-letter info")
    }

    private enum CodingKeys: String, CodingKey {
        case version = "v", reason, attempts, lastError = "last_error", worker
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try StoredRecordDecoding.version(in: container, key: .version, current: Self.currentVersion, record: "dead-letter info")
        reason = try container.decode(String.self, forKey: .reason)
        attempts = try container.decodeIfPresent(Int.self, forKey: .attempts)
        lastError = try container.decodeIfPresent(String.self, forKey: .lastError)
        worker = try container.decodeIfPresent(String.self, forKey: .worker)
    }
}
