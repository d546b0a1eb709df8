import ArgumentParser

/// `ticketq brand`: per-brand operating switches.
struct BrandCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brand",
        abstract: "Operate per-brand switches.",
        subcommands: [HighVolume.self]
    )
}
