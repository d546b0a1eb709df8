import ArgumentParser
import TicketQLoad

/// `ticketq-load`: generate traces, replay them and run load scenarios against a cluster.
@main
struct TicketQLoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ticketq-load",
        abstract: "Replay peak ticket traffic against a ticketq cluster and measure it honestly.",
        discussion: """
            Load is open loop: every ticket is sent at its intended time whatever the cluster does, and \
            response time runs from that intended arrival to the ticket's durable outcome in a worker's \
            store. The harness's own lag behind its schedule is reported apart; above 1 ms at p99 the \
            run is marked "harness overloaded". Exit status: 0 passed, 1 failed, 99 a threshold failed.
            """,
        version: LoadVersion.current,
        subcommands: [GenerateCommand.self, ReplayCommand.self, RunCommand.self, ProfilesCommand.self, AuditCommand.self]
    )
}
