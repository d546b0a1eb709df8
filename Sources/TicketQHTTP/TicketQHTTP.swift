/// `TicketQHTTP` is the small HTTP/1.1 server (SwiftNIO) behind the workers' `/metrics`,
/// `/healthz` and `/readyz` endpoints and the HTTP intake.
public enum TicketQHTTP {}
