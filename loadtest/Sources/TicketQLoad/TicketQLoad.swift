/// `TicketQLoad` is the load-test harness behind `ticketq-load`: traces, profiles, open-loop
/// replay, scenarios and reports.
public enum TicketQLoad {}
