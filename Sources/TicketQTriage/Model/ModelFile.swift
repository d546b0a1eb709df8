import Foundation
import TicketQCore

/// The binary model file format, version 1. All integers and floats are little-endian.
///
/// ```
/// offset  size            content
/// 0       4               magic "TQIM"
/// 4       2               format version (UInt16) = 1
/// 6       2               reserved, 0
/// 8       4               header length H (UInt32)
/// 12      H               header: UTF-8 JSON with sorted keys — modelVersion, intents, features,
///                         training, rowCount, notice
/// 12+H    4·R             bucket of each weight row (UInt32), strictly ascending
///         4·C             bias of each intent (Float32)
///         4·C             scale of each intent (Float32; 1 when weights are float32)
///         R·C·w           weights, row-major (row = bucket, column = intent), w = 1 byte (Int8,
///                         weight = value × scale) or 4 bytes (Float32), per `training.precision`
///         8               FNV-1a 64 of every preceding byte (UInt64)
/// ```
///
/// R is `rowCount`, C the number of intents. `modelVersion` is `<algorithm>-<16 hex digits>`, the
/// digits being the FNV-1a 64 hash of the header JSON written with an empty `modelVersion`
/// followed by the payload, so any change to configuration, intents or weights changes the
/// version. A reader rejects a file whose checksum or version does not match its content.
public enum ModelFile {
    /// The format version this code writes and reads.
    public static let formatVersion: UInt16 = 1
    private static let magic: [UInt8] = Array("TQIM".utf8)

    /// The bytes of `model` in the model file format.
    public static func encode(_ model: IntentModel) -> Data {
        let header = header(of: model, version: model.modelVersion)
        return assemble(headerJSON: headerJSON(header), payload: payload(of: model))
    }

    /// The model stored in `data`.
    public static func decode(_ data: Data) throws(TriageError) -> IntentModel {
        let bytes = [UInt8](data)
        var reader = ByteReader(bytes: bytes)
        guard bytes.count >= 20, Array(bytes[0..<4]) == magic else {
            throw .invalidModel("not a ticketq intent model (bad magic number)")
        }
        reader.offset = 4
        let foundFormatVersion = try reader.uint16()
        guard foundFormatVersion == formatVersion else {
            throw .invalidModel("format version \(foundFormatVersion) is not supported (expected \(formatVersion))")
        }
        _ = try reader.uint16()
        let storedChecksum = ByteReader.uint64(bytes, at: bytes.count - 8)
        guard storedChecksum == FNV1a64.hash(bytes[0..<(bytes.count - 8)]) else {
            throw .invalidModel("checksum mismatch: the file is truncated or corrupted")
        }
        let headerLength = Int(try reader.uint32())
        let headerBytes = try reader.bytes(headerLength)
        let header: ModelFileHeader
        do {
            header = try JSONDecoder().decode(ModelFileHeader.self, from: Data(headerBytes))
        } catch {
            throw .invalidModel("header is not valid JSON: \(error)")
        }
        try header.features.validate()
        try header.training.validate()
        let classCount = header.intents.count
        guard classCount >= 2, Set(header.intents).count == classCount else {
            throw .invalidModel("header must list at least two distinct intents")
        }
        let rowCount = header.rowCount
        guard rowCount >= 0, rowCount <= header.features.bucketCount else {
            throw .invalidModel("rowCount \(rowCount) is out of range")
        }
        let payloadStart = reader.offset
        var rowBuckets: [UInt32] = []
        rowBuckets.reserveCapacity(rowCount)
        for _ in 0..<rowCount {
            let bucket = try reader.uint32()
            guard Int(bucket) < header.features.bucketCount, bucket > (rowBuckets.last ?? 0) || rowBuckets.isEmpty else {
                throw .invalidModel("row buckets must be ascending and below the bucket count")
            }
            rowBuckets.append(bucket)
        }
        var biases: [Float] = []
        var scales: [Float] = []
        for _ in 0..<classCount { biases.append(try reader.float32()) }
        for _ in 0..<classCount { scales.append(try reader.float32()) }
        guard (biases + scales).allSatisfy(\.isFinite) else { throw .invalidModel("biases and scales must be finite") }
        let weightCount = rowCount * classCount
        let storedWeights: IntentModel.StoredWeights
        switch header.training.precision {
        case .int8:
            storedWeights = .int8(try reader.bytes(weightCount).map { Int8(bitPattern: $0) })
        case .float32:
            var weights: [Float] = []
            weights.reserveCapacity(weightCount)
            for _ in 0..<weightCount { weights.append(try reader.float32()) }
            guard weights.allSatisfy(\.isFinite) else { throw .invalidModel("weights must be finite") }
            storedWeights = .float32(weights)
        }
        guard reader.offset == bytes.count - 8 else {
            throw .invalidModel("\(bytes.count - 8 - reader.offset) unexpected bytes after the weights")
        }
        let payload = Array(bytes[payloadStart..<reader.offset])
        var unversioned = header
        unversioned.modelVersion = ""
        let expectedVersion = version(algorithm: header.training.algorithm, headerJSON: headerJSON(unversioned), payload: payload)
        guard header.modelVersion == expectedVersion else {
            throw .invalidModel("modelVersion '\(header.modelVersion)' does not match the content (\(expectedVersion))")
        }
        return IntentModel(
            intents: header.intents, featureConfiguration: header.features, trainingConfiguration: header.training,
            notice: header.notice, modelVersion: header.modelVersion, rowBuckets: rowBuckets,
            storedWeights: storedWeights, classScales: scales, biases: biases
        )
    }

    /// Reads and decodes the model file at `path`.
    public static func load(path: String) throws(TriageError) -> IntentModel {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .io(path: path, reason: "cannot read model file: \(error.localizedDescription)")
        }
        return try decode(data)
    }

    /// Encodes `model` and writes it to `path` atomically.
    public static func save(_ model: IntentModel, path: String) throws(TriageError) {
        do {
            try encode(model).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw .io(path: path, reason: "cannot write model file: \(error.localizedDescription)")
        }
    }

    /// The version string for a model assembled from these parts.
    static func version(of model: IntentModel) -> String {
        version(
            algorithm: model.trainingConfiguration.algorithm,
            headerJSON: headerJSON(header(of: model, version: "")),
            payload: payload(of: model)
        )
    }

    private static func version(algorithm: TrainingAlgorithm, headerJSON: [UInt8], payload: [UInt8]) -> String {
        var hasher = FNV1a64()
        hasher.combine(contentsOf: headerJSON)
        hasher.combine(contentsOf: payload)
        let digits = String(hasher.value, radix: 16)
        return "\(algorithm.rawValue)-\(String(repeating: "0", count: 16 - digits.count))\(digits)"
    }

    private static func header(of model: IntentModel, version: String) -> ModelFileHeader {
        ModelFileHeader(
            modelVersion: version, intents: model.intents, features: model.featureConfiguration,
            training: model.trainingConfiguration, rowCount: model.rowCount, notice: model.notice
        )
    }

    private static func headerJSON(_ header: ModelFileHeader) -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings, numbers and booleans cannot fail.
        return Array(try! encoder.encode(header))
    }

    private static func payload(of model: IntentModel) -> [UInt8] {
        var writer = ByteWriter()
        for bucket in model.rowBuckets { writer.append(bucket) }
        for bias in model.biases { writer.append(bias.bitPattern) }
        for scale in model.classScales { writer.append(scale.bitPattern) }
        switch model.storedWeights {
        case .int8(let weights):
            writer.bytes.append(contentsOf: weights.map { UInt8(bitPattern: $0) })
        case .float32(let weights):
            for weight in weights { writer.append(weight.bitPattern) }
        }
        return writer.bytes
    }

    private static func assemble(headerJSON: [UInt8], payload: [UInt8]) -> Data {
        var writer = ByteWriter()
        writer.bytes.append(contentsOf: magic)
        writer.append(formatVersion)
        writer.append(UInt16(0))
        writer.append(UInt32(headerJSON.count))
        writer.bytes.append(contentsOf: headerJSON)
        writer.bytes.append(contentsOf: payload)
        writer.append(FNV1a64.hash(writer.bytes))
        return Data(writer.bytes)
    }
}
