/// Reads little-endian values from a byte buffer, failing with a clear error at the end.
struct ByteReader {
    let bytes: [UInt8]
    var offset = 0

    mutating func bytes(_ count: Int) throws(TriageError) -> ArraySlice<UInt8> {
        guard count >= 0, count <= bytes.count - offset else {
            throw .invalidModel("file ends early: \(count) bytes needed at offset \(offset)")
        }
        defer { offset += count }
        return bytes[offset..<(offset + count)]
    }

    mutating func uint16() throws(TriageError) -> UInt16 { UInt16(try integer(width: 2)) }

    mutating func uint32() throws(TriageError) -> UInt32 { UInt32(try integer(width: 4)) }

    mutating func float32() throws(TriageError) -> Float { Float(bitPattern: try uint32()) }

    static func uint64(_ bytes: [UInt8], at offset: Int) -> UInt64 {
        var value: UInt64 = 0
        for index in (0..<8).reversed() { value = value << 8 | UInt64(bytes[offset + index]) }
        return value
    }

    private mutating func integer(width: Int) throws(TriageError) -> UInt64 {
        var value: UInt64 = 0
        for byte in try bytes(width).reversed() { value = value << 8 | UInt64(byte) }
        return value
    }
}
