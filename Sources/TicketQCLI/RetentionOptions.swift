import ArgumentParser
import TicketQLanes

/// The retention limits of dead letters and quarantined messages, as options.
struct RetentionOptions: ParsableArguments {
    @Option(name: .customLong("dead-letter-retention"), help: ArgumentHelp("Dead letters older than this are evicted (default 30d).", valueName: "age"))
    var deadLetterRetention: String?

    @Option(name: .customLong("dead-letter-max-bytes"), help: ArgumentHelp("The dead letters keep at most this much; the oldest are evicted beyond it (default 1GiB).", valueName: "size"))
    var deadLetterMaxBytes: String?

    @Option(name: .customLong("quarantine-retention"), help: ArgumentHelp("Quarantined messages older than this are evicted (default 30d).", valueName: "age"))
    var quarantineRetention: String?

    @Option(name: .customLong("quarantine-max-bytes"), help: ArgumentHelp("The quarantine keeps at most this much; the oldest messages are evicted beyond it (default 512MiB).", valueName: "size"))
    var quarantineMaxBytes: String?

    /// Whether any limit was given.
    var isEmpty: Bool {
        deadLetterRetention == nil && deadLetterMaxBytes == nil && quarantineRetention == nil && quarantineMaxBytes == nil
    }

    /// `base` with the given limits in place of its own.
    ///
    /// - Throws: ``ExitStatus/usage`` after naming the option whose value is not an age or a size.
    func applied(to base: RetentionPolicy) throws -> RetentionPolicy {
        var policy = base
        if let age = try Self.parse(deadLetterRetention, "--dead-letter-retention", { try RetentionAge($0).milliseconds }) {
            policy.deadLetterMaxAgeMillis = age
        }
        if let age = try Self.parse(quarantineRetention, "--quarantine-retention", { try RetentionAge($0).milliseconds }) {
            policy.quarantineMaxAgeMillis = age
        }
        if let size = try Self.parse(deadLetterMaxBytes, "--dead-letter-max-bytes", { try ByteSize($0).bytes }) {
            policy.deadLetterMaxBytes = size
        }
        if let size = try Self.parse(quarantineMaxBytes, "--quarantine-max-bytes", { try ByteSize($0).bytes }) {
            policy.quarantineMaxBytes = size
        }
        return policy
    }

    /// The value of one option, nil when it was not given.
    private static func parse(_ text: String?, _ option: String, _ read: (String) throws -> Int64) throws -> Int64? {
        guard let text else { return nil }
        do {
            return try read(text)
        } catch {
            Diagnostics.error("\(option): \(error)")
            throw ExitStatus.usage
        }
    }

    /// The policy in one line per limit, for people.
    static func describe(_ policy: RetentionPolicy) -> String {
        """
        dead letters: kept \(age(policy.deadLetterMaxAgeMillis)), at most \(size(policy.deadLetterMaxBytes))
        quarantine:   kept \(age(policy.quarantineMaxAgeMillis)), at most \(size(policy.quarantineMaxBytes))
        """
    }

    private static func age(_ millis: Int64) -> String {
        for (unit, scale) in [("d", Int64(86_400_000)), ("h", 3_600_000), ("m", 60_000), ("s", 1_000)] where millis % scale == 0 {
            return "\(millis / scale)\(unit)"
        }
        return "\(millis)ms"
    }

    private static func size(_ bytes: Int64) -> String {
        for (unit, scale) in [("TiB", Int64(1) << 40), ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)] where bytes % scale == 0 {
            return "\(bytes / scale)\(unit)"
        }
        return "\(bytes) bytes"
    }
}
