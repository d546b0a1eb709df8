import Foundation

/// Decodes the records Redis keeps as JSON (``DeadLetterInfo``, ``WorkerRegistryRecord``) with
/// Foundation's `JSONDecoder`, turning its errors into a ``StoredRecordError`` that names the field.
enum StoredRecordDecoding {
    static func decode<Record: Decodable>(_ type: Record.Type, from json: String, record: String) throws(StoredRecordError) -> Record {
        do {
            return try JSONDecoder().decode(type, from: Data(json.utf8))
        } catch let error as StoredRecordError {
            throw error
        } catch let DecodingError.keyNotFound(key, _) {
            throw StoredRecordError(record: record, problem: "field \"\(key.stringValue)\" is missing")
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            let field = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw StoredRecordError(record: record, problem: field.isEmpty ? "not a JSON object" : "field \"\(field)\" is of the wrong type")
        } catch {
            throw StoredRecordError(record: record, problem: "not a JSON object")
        }
    }

    /// The `v` field of a record: 1 when absent (records from before versioning), refused when
    /// below 1 or above `current`.
    static func version<Key: CodingKey>(
        in container: KeyedDecodingContainer<Key>, key: Key, current: Int, record: String
    ) throws -> Int {
        let version = try container.decodeIfPresent(Int.self, forKey: key) ?? 1
        guard version >= 1 else { throw StoredRecordError(record: record, problem: "field \"v\" is \(version); versions start at 1") }
        guard version <= current else {
            throw StoredRecordError(record: record, problem: "version \(version) is newer than this release reads (\(current)); upgrade ticketq")
        }
        return version
    }
}
