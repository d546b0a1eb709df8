/// The 64-bit FNV-1a hash, fed incrementally.
///
/// Feature hashing, config fingerprints and derived reference numbers need a hash that is
/// identical on every run and every machine, which Swift's per-process seeded `Hasher` is not.
public struct FNV1a64: Sendable, Hashable {
    /// The FNV-1a 64-bit offset basis.
    public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
    /// The FNV-1a 64-bit prime.
    public static let prime: UInt64 = 0x0000_0100_0000_01b3

    /// The hash of everything fed so far.
    public private(set) var value: UInt64

    /// A hash that has been fed nothing.
    public init() {
        value = Self.offsetBasis
    }

    /// Feeds one byte.
    public mutating func combine(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* Self.prime
    }

    /// Feeds a Unicode scalar as its UTF-8 bytes, so ASCII text hashes the same as its bytes.
    public mutating func combine(scalar: UInt32) {
        if scalar < 0x80 {
            combine(UInt8(truncatingIfNeeded: scalar))
        } else if scalar < 0x800 {
            combine(UInt8(truncatingIfNeeded: 0xC0 | (scalar >> 6)))
            combine(UInt8(truncatingIfNeeded: 0x80 | (scalar & 0x3F)))
        } else if scalar < 0x10000 {
            combine(UInt8(truncatingIfNeeded: 0xE0 | (scalar >> 12)))
            combine(UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 6) & 0x3F)))
            combine(UInt8(truncatingIfNeeded: 0x80 | (scalar & 0x3F)))
        } else {
            combine(UInt8(truncatingIfNeeded: 0xF0 | (scalar >> 18)))
            combine(UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 12) & 0x3F)))
            combine(UInt8(truncatingIfNeeded: 0x80 | ((scalar >> 6) & 0x3F)))
            combine(UInt8(truncatingIfNeeded: 0x80 | (scalar & 0x3F)))
        }
    }

    /// Feeds a sequence of bytes.
    public mutating func combine<Bytes: Sequence>(contentsOf bytes: Bytes) where Bytes.Element == UInt8 {
        var hash = value
        // Contiguous bytes (a native string's UTF-8, an array) are read in place: iterating a
        // string's UTF-8 view byte by byte costs several times the hashing itself.
        let read: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            for byte in buffer { hash = (hash ^ UInt64(byte)) &* Self.prime }
        }
        if read == nil {
            for byte in bytes { hash = (hash ^ UInt64(byte)) &* Self.prime }
        }
        value = hash
    }

    /// The hash of `bytes`.
    public static func hash<Bytes: Sequence>(_ bytes: Bytes) -> UInt64 where Bytes.Element == UInt8 {
        var hasher = FNV1a64()
        hasher.combine(contentsOf: bytes)
        return hasher.value
    }
}
