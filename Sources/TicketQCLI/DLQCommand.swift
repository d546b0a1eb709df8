import ArgumentParser

/// `ticketq dlq`: inspect and manage dead-lettered tickets.
struct DLQCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dlq",
        abstract: "List, show, requeue or purge dead-lettered tickets.",
        discussion: """
            A ticket is dead-lettered after too many failed deliveries or when its payload cannot be decoded. \
            Requeued tickets go back to their lanes with a fresh delivery count.
            """,
        subcommands: [List.self, Show.self, Requeue.self, Purge.self]
    )
}
