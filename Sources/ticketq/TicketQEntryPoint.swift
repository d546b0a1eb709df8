import ArgumentParser
import TicketQCLI

/// The `ticketq` executable: everything lives in the TicketQCLI library.
@main
extension TicketQCommand {}
