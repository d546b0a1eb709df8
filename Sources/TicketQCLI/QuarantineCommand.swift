import ArgumentParser

/// `ticketq quarantine`: mail intake could not turn into tickets.
struct QuarantineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quarantine",
        abstract: "List, show or retry emails intake could not turn into tickets.",
        discussion: """
            Mail that cannot be parsed or filed (broken MIME, no support address among the recipients, …) \
            is never dropped: it is kept in Redis with the reason. Fix the cause (a policy's \
            support_addresses, say) and retry it.
            """,
        subcommands: [List.self, Show.self, Retry.self]
    )
}
