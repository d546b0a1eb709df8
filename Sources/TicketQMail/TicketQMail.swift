/// `TicketQMail` turns raw RFC 5322 / MIME messages into the customer's new text and ticket facts.
/// It is pure: it reads bytes it is given and performs no I/O.
public enum TicketQMail {}
