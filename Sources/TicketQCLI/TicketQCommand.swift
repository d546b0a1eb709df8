import ArgumentParser

/// The `ticketq` command line: the root command and its subcommands.
@available(macOS 15, *)
public struct TicketQCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "ticketq",
        abstract: "Deadline-aware customer-service ticket queue.",
        discussion: """
            Exit codes: 0 success; 1 failure (a batch line failed, an error occurred); \
            2 some submitted lines were rejected; 64 usage error; 69 Redis unreachable and 77 Redis unauthorised (doctor); \
            78 configuration error.
            """,
        version: TicketQVersion.current,
        subcommands: [DemoCommand.self, DeploymentCommand.self, MigrateCommand.self, SLACommand.self, PoliciesCommand.self, TriageCommand.self, SubmitCommand.self, WorkerCommand.self, StatusCommand.self, DoctorCommand.self, OutcomesCommand.self, DLQCommand.self, QuarantineCommand.self, IntakeCommand.self, BrandCommand.self]
    )

    public init() {}
}
