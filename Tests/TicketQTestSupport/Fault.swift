@_exported import TicketQFaults

extension ProcessPause: Fault {}
