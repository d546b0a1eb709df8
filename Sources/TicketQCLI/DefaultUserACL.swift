/// What `ACL GETUSER default` says about the `default` user.
///
/// Redis 7 reports `commands` as a rule string (`+@all -debug`) and `keys` as patterns (`~*`);
/// Redis 6 reports the flags `allcommands` and `allkeys` instead. Both forms are understood.
struct DefaultUserACL: Sendable, Hashable {
    /// The flags (`on`/`off`, `nopass`, and on Redis 6 `allcommands`, `allkeys`, …).
    let flags: [String]
    /// The command rules, e.g. `-@all` or `+@all`.
    let commands: String
    /// The key patterns, space separated, e.g. `~*` or `~{ticketq}:*`.
    let keys: String

    init(flags: [String], commands: String, keys: String) {
        self.flags = flags
        self.commands = commands
        self.keys = keys
    }

    /// Whether the user is enabled (`on`).
    var isEnabled: Bool { flags.contains("on") }

    /// Whether every command is allowed: `+@all` with nothing taken away after it.
    var allowsAllCommands: Bool {
        if flags.contains("allcommands") { return true }
        let rules = commands.split(separator: " ")
        return rules.contains("+@all") && !rules.contains { $0.hasPrefix("-") }
    }

    /// Whether every key can be read and written: a `~*` (or `%RW~*`) pattern.
    var allowsAllKeys: Bool {
        if flags.contains("allkeys") { return true }
        return keys.split(separator: " ").contains { $0 == "~*" || $0 == "%RW~*" || $0 == "%WR~*" }
    }

    /// Whether the user may run everything an append-only file replay needs.
    var hasFullPermissions: Bool { allowsAllCommands && allowsAllKeys }

    /// A short description for messages: `off, commands "-@all", keys ""`.
    var summary: String {
        "\(isEnabled ? "on" : "off"), commands \"\(commands)\", keys \"\(keys)\""
    }
}
