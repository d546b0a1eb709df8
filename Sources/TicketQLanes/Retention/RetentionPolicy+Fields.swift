/// The policy as the fields of its Redis hash.
extension RetentionPolicy {
    /// The hash's field names (the function library reads the limits by these names).
    enum Field: String, CaseIterable {
        case schema
        case deadLetterMaxAge = "dead_letter_max_age_ms"
        case deadLetterMaxBytes = "dead_letter_max_bytes"
        case quarantineMaxAge = "quarantine_max_age_ms"
        case quarantineMaxBytes = "quarantine_max_bytes"
    }

    /// Field/value pairs for `HSET`, in ``Field`` order.
    public var fields: [(name: String, value: String)] {
        [
            (Field.schema.rawValue, String(schema)),
            (Field.deadLetterMaxAge.rawValue, String(deadLetterMaxAgeMillis)),
            (Field.deadLetterMaxBytes.rawValue, String(deadLetterMaxBytes)),
            (Field.quarantineMaxAge.rawValue, String(quarantineMaxAgeMillis)),
            (Field.quarantineMaxBytes.rawValue, String(quarantineMaxBytes)),
        ]
    }

    /// Reads a policy from its hash's fields.
    ///
    /// - Throws: ``RetentionPolicyError`` naming the field that is missing or malformed, or a
    ///   schema newer than this release knows.
    public init(fields: [String: String]) throws(RetentionPolicyError) {
        func positive(_ field: Field) throws(RetentionPolicyError) -> Int64 {
            guard let text = fields[field.rawValue] else { throw .missingField(field.rawValue) }
            guard let number = Int64(text), number > 0 else { throw .malformedField(field.rawValue, text) }
            return number
        }
        let schema = try positive(.schema)
        guard schema <= Int64(Self.currentSchema) else { throw .newerSchema(Int(schema)) }
        self.init(
            schema: Int(schema), deadLetterMaxAgeMillis: try positive(.deadLetterMaxAge),
            deadLetterMaxBytes: try positive(.deadLetterMaxBytes), quarantineMaxAgeMillis: try positive(.quarantineMaxAge),
            quarantineMaxBytes: try positive(.quarantineMaxBytes)
        )
    }
}
