/// One command of a pipeline: plain arguments, or an `EVALSHA` of a ``RedisScript``.
///
/// ```swift
/// let replies = try connection.pipeline([
///     RedisCommand("SET", "greeting", "hello"),
///     .evalSHA(claimScript, keys: [Array("lane".utf8)], arguments: [Array("10".utf8)]),
/// ])
/// ```
public struct RedisCommand: Sendable, Hashable {
    /// The arguments sent on the wire, command name first.
    public let arguments: [[UInt8]]
    /// The script an `EVALSHA` command runs, so it can be loaded when the server does not know it.
    public let script: RedisScript?

    /// A command from binary-safe arguments, command name first.
    public init(_ arguments: [[UInt8]]) {
        self.arguments = arguments
        self.script = nil
    }

    /// A command from text arguments, command name first.
    public init(_ arguments: String...) {
        self.init(strings: arguments)
    }

    /// A command from text arguments, command name first.
    public init(strings arguments: [String]) {
        self.arguments = arguments.map { Array($0.utf8) }
        self.script = nil
    }

    private init(arguments: [[UInt8]], script: RedisScript) {
        self.arguments = arguments
        self.script = script
    }

    /// `EVALSHA sha numkeys key… arg…` for `script`.
    public static func evalSHA(_ script: RedisScript, keys: [[UInt8]] = [], arguments: [[UInt8]] = []) -> RedisCommand {
        var wire: [[UInt8]] = [Array("EVALSHA".utf8), Array(script.sha1.utf8), Array(String(keys.count).utf8)]
        wire.reserveCapacity(3 + keys.count + arguments.count)
        wire.append(contentsOf: keys)
        wire.append(contentsOf: arguments)
        return RedisCommand(arguments: wire, script: script)
    }
}
