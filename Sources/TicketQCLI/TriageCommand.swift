import ArgumentParser

/// `ticketq triage`: the intent classifier's training and evaluation.
struct TriageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "triage",
        abstract: "Train and evaluate the intent classifier that decides a ticket's category.",
        subcommands: [TriageTrainCommand.self, TriageEvalCommand.self]
    )
}
