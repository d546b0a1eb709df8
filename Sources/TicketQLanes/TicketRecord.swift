import TicketQCore

/// What Redis keeps of one live ticket (queued, in flight, retrying or dead-lettered): its lane
/// state and its payload together, as one value of the deployment's `ticket` hash.
///
/// Intake writes records, workers and `dlq show` read them, and the library's functions read and
/// rewrite only the header (a promotion). The encoding is a header line, then the payload as
/// intake serialized it:
///
///     r1|<lane>|<intake lane>|<promoted 0/1>|<due ms>|<enqueued ms>\n<payload>
///
/// `r1` is the schema version; lanes are their one-letter codes (``LaneCode``). A positional
/// header keeps the record small (it is paid once per queued ticket) and cheap to read in Lua;
/// this type is the one definition of it in Swift, and the library's `parse_header` and
/// `format_header` the one in Lua.
public struct TicketRecord: Sendable, Hashable {
    /// The schema version this release writes.
    public static let currentVersion = 1

    /// The lane it waits in (the same-business-day lane once promoted).
    public var lane: Lane
    /// The lane intake put it in.
    public var intakeLane: Lane
    /// Whether it was promoted into the same-business-day lane.
    public var promoted: Bool
    /// The response due instant, milliseconds since the epoch.
    public var dueMillis: Int64
    /// When intake enqueued it, milliseconds since the epoch.
    public var enqueuedMillis: Int64
    /// The serialized ticket a worker decodes.
    public var payload: [UInt8]

    /// Creates a record.
    public init(lane: Lane, intakeLane: Lane, promoted: Bool, dueMillis: Int64, enqueuedMillis: Int64, payload: [UInt8]) {
        self.lane = lane
        self.intakeLane = intakeLane
        self.promoted = promoted
        self.dueMillis = dueMillis
        self.enqueuedMillis = enqueuedMillis
        self.payload = payload
    }

    /// The record as stored.
    public func encoded() -> [UInt8] {
        var header = "r\(Self.currentVersion)|\(LaneCode.code(lane))|\(LaneCode.code(intakeLane))|\(promoted ? 1 : 0)|"
        header += "\(dueMillis)|\(enqueuedMillis)\n"
        var bytes = Array(header.utf8)
        bytes.reserveCapacity(bytes.count + payload.count)
        bytes.append(contentsOf: payload)
        return bytes
    }

    /// Reads a stored record (a hot path of every claim: no `String` splitting).
    ///
    /// - Throws: ``StoredRecordError`` for a value that is not a record, a malformed header field,
    ///   or a version newer than this release reads.
    public init(decoding bytes: [UInt8]) throws(StoredRecordError) {
        guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) else {
            throw StoredRecordError(record: Self.name, problem: "no header line")
        }
        var fields: [ArraySlice<UInt8>] = []
        fields.reserveCapacity(6)
        var start = 0
        for index in 0..<newline where bytes[index] == UInt8(ascii: "|") {
            fields.append(bytes[start..<index])
            start = index + 1
        }
        fields.append(bytes[start..<newline])
        guard let tag = fields.first, tag.first == UInt8(ascii: "r"), let version = Self.integer(tag.dropFirst()) else {
            throw StoredRecordError(record: Self.name, problem: "the header does not start with a version (r1)")
        }
        guard version <= Int64(Self.currentVersion) else {
            throw StoredRecordError(record: Self.name, problem: "version \(version) is newer than this release reads (\(Self.currentVersion)); upgrade ticketq")
        }
        guard fields.count == 6 else {
            throw StoredRecordError(record: Self.name, problem: "the header has \(fields.count) fields, not 6")
        }
        func laneCode(_ field: ArraySlice<UInt8>, _ name: String) throws(StoredRecordError) -> Lane {
            guard field.count == 1, let lane = LaneCode.lane(field.first!) else {
                throw StoredRecordError(record: Self.name, problem: "\(name) is not a lane code")
            }
            return lane
        }
        func number(_ field: ArraySlice<UInt8>, _ name: String) throws(StoredRecordError) -> Int64 {
            guard let value = Self.integer(field) else { throw StoredRecordError(record: Self.name, problem: "\(name) is not an integer") }
            return value
        }
        lane = try laneCode(fields[1], "the lane")
        intakeLane = try laneCode(fields[2], "the intake lane")
        guard fields[3].count == 1, let flag = fields[3].first, flag == UInt8(ascii: "0") || flag == UInt8(ascii: "1") else {
            throw StoredRecordError(record: Self.name, problem: "promoted is not 0 or 1")
        }
        promoted = flag == UInt8(ascii: "1")
        dueMillis = try number(fields[4], "the due time")
        enqueuedMillis = try number(fields[5], "the enqueue time")
        payload = Array(bytes[(newline + 1)...])
    }

    private static let name = "ticket record"

    private static func integer(_ digits: ArraySlice<UInt8>) -> Int64? {
        guard !digits.isEmpty, digits.count <= 19 else { return nil }
        var value: Int64 = 0
        var negative = false
        for (offset, byte) in digits.enumerated() {
            if offset == 0, byte == UInt8(ascii: "-"), digits.count > 1 {
                negative = true
                continue
            }
            guard byte >= 48, byte <= 57 else { return nil }
            value = value &* 10 &+ Int64(byte - 48)
        }
        return negative ? -value : value
    }
}
