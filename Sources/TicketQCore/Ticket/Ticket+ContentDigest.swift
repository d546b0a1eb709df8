extension Ticket {
    /// A digest of what the customer sent: brand, subject, body, sender, `Message-ID`, order and
    /// any triage given with the ticket — 16 hex digits of FNV-1a (64 bit) over the fields, each
    /// tagged and length-prefixed so that no two different tickets render alike.
    ///
    /// A resubmit of an id with the same digest is a duplicate (a retry); with another digest it is
    /// a conflict. The receipt time is left out: deliveries of one email through different relays
    /// carry different `Received` headers, and are still the same message.
    public var contentDigest: String {
        var hash = FNV1a64()
        func mix(_ tag: UInt8, _ value: String?) {
            hash.combine(tag)
            guard let value else {
                hash.combine(0)
                return
            }
            hash.combine(1)
            var length = UInt64(value.utf8.count)
            for _ in 0..<8 {
                hash.combine(UInt8(truncatingIfNeeded: length))
                length >>= 8
            }
            hash.combine(contentsOf: value.utf8)
        }
        mix(1, brand)
        mix(2, subject)
        mix(3, body)
        mix(4, from)
        mix(5, messageID)
        mix(6, orderID)
        mix(7, category)
        mix(8, urgent.map { $0 ? "1" : "0" })
        mix(9, complex.map { $0 ? "1" : "0" })
        let hex = String(hash.value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
