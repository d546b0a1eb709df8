import Foundation

/// A brand's high-volume switch history, one value per brand in the deployment's `highvolume`
/// hash: the switch's changes, oldest first.
///
/// Stored as `{"v":1,"changes":[[instantMs,flag],…]}` (flag 1: on from that instant, 0: off).
/// The function library's `record_high_volume` writes it (its Lua counterpart is
/// `format_history`); intake, the workers and `ticketq brand` read it. Releases before the
/// version field stored the bare array `[[instantMs,flag],…]`: it reads as version 1, and
/// `record_high_volume` rewrites it in this form at the brand's next change. A newer version
/// than this release knows is refused.
public struct HighVolumeHistory: Sendable, Hashable, Decodable {
    /// The schema version this release writes.
    public static let currentVersion = 1
    static let name = "high-volume history"

    /// One change of the switch.
    public struct Change: Sendable, Hashable {
        /// When it takes effect, milliseconds since the epoch.
        public var atMillis: Int64
        /// The switch's state from then on.
        public var on: Bool

        /// Creates a change.
        public init(atMillis: Int64, on: Bool) {
            self.atMillis = atMillis
            self.on = on
        }
    }

    /// The record's schema version.
    public var version: Int
    /// The changes, oldest first.
    public var changes: [Change]

    /// Creates a history of the current version.
    public init(changes: [Change]) {
        version = Self.currentVersion
        self.changes = changes
    }

    /// Decodes a stored history.
    ///
    /// - Throws: ``StoredRecordError`` naming the change or field that is malformed, or a version
    ///   newer than this release reads.
    public init(json: String) throws(StoredRecordError) {
        self = try StoredRecordDecoding.decode(Self.self, from: json, record: Self.name)
    }

    /// The stored form, as `record_high_volume` writes it.
    public var json: String {
        let pairs = changes.map { "[\($0.atMillis),\($0.on ? 1 : 0)]" }.joined(separator: ",")
        return "{\"v\":\(version),\"changes\":[\(pairs)]}"
    }

    private enum CodingKeys: String, CodingKey {
        case version = "v", changes
    }

    public init(from decoder: any Decoder) throws {
        if var legacy = try? decoder.unkeyedContainer() {
            version = 1
            changes = try Self.decodeChanges(&legacy)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        version = try StoredRecordDecoding.version(in: container, key: .version, current: Self.currentVersion, record: Self.name)
        var list = try container.nestedUnkeyedContainer(forKey: .changes)
        changes = try Self.decodeChanges(&list)
    }

    private static func decodeChanges(_ list: inout any UnkeyedDecodingContainer) throws -> [Change] {
        var changes: [Change] = []
        while !list.isAtEnd {
            let position = changes.count + 1
            guard var pair = try? list.nestedUnkeyedContainer(), let instant = try? pair.decode(Int64.self),
                  let flag = try? pair.decode(Int.self), flag == 0 || flag == 1, pair.isAtEnd
            else {
                throw StoredRecordError(record: name, problem: "change \(position) is not a pair [instant in ms, 0 or 1]")
            }
            changes.append(Change(atMillis: instant, on: flag == 1))
        }
        return changes
    }
}
