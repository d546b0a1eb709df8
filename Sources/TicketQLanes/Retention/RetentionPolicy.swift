/// How long and how many bytes of dead letters and quarantined messages a deployment keeps
/// (`{ns}:retention` in Redis, written by `ticketq deployment init` and `ticketq deployment
/// retention`, read by the function library). Older entries, and the oldest beyond the byte limit,
/// are evicted; evictions are counted and logged by id.
public struct RetentionPolicy: Sendable, Hashable {
    /// The schema this release writes.
    public static let currentSchema = 1
    /// The limits of a deployment that set none (the function library applies the same).
    public static let defaults = RetentionPolicy(
        deadLetterMaxAgeMillis: 30 * 86_400_000, deadLetterMaxBytes: 1 << 30,
        quarantineMaxAgeMillis: 30 * 86_400_000, quarantineMaxBytes: 512 << 20
    )

    /// The record's schema version.
    public let schema: Int
    /// Dead letters older than this are evicted.
    public var deadLetterMaxAgeMillis: Int64
    /// The dead letters' payloads and reasons together keep at most this many bytes.
    public var deadLetterMaxBytes: Int64
    /// Quarantined messages older than this are evicted.
    public var quarantineMaxAgeMillis: Int64
    /// The quarantined messages and what is known of them keep at most this many bytes.
    public var quarantineMaxBytes: Int64

    /// Creates a policy of the current schema.
    public init(deadLetterMaxAgeMillis: Int64, deadLetterMaxBytes: Int64, quarantineMaxAgeMillis: Int64, quarantineMaxBytes: Int64) {
        self.init(
            schema: Self.currentSchema, deadLetterMaxAgeMillis: deadLetterMaxAgeMillis, deadLetterMaxBytes: deadLetterMaxBytes,
            quarantineMaxAgeMillis: quarantineMaxAgeMillis, quarantineMaxBytes: quarantineMaxBytes
        )
    }

    init(schema: Int, deadLetterMaxAgeMillis: Int64, deadLetterMaxBytes: Int64, quarantineMaxAgeMillis: Int64, quarantineMaxBytes: Int64) {
        self.schema = schema
        self.deadLetterMaxAgeMillis = deadLetterMaxAgeMillis
        self.deadLetterMaxBytes = deadLetterMaxBytes
        self.quarantineMaxAgeMillis = quarantineMaxAgeMillis
        self.quarantineMaxBytes = quarantineMaxBytes
    }
}
