import ArgumentParser

/// `ticketq outcomes`: read the durable outcome store.
struct OutcomesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "outcomes",
        abstract: "List ticket outcomes from the SQLite outcome store, or show one.",
        discussion: """
            The store is opened read-only and is never created; a missing store exits 1 naming its path. \
            Without a subcommand, `outcomes` lists (see `ticketq outcomes list --help`).
            """,
        subcommands: [List.self, Get.self, Prune.self],
        defaultSubcommand: List.self
    )
}
