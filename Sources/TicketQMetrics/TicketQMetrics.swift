/// `TicketQMetrics` names and registers ticketq's Prometheus metrics (with help text) and renders
/// the text exposition format 0.0.4.
public enum TicketQMetrics {}
