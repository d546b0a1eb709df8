import TicketQCore

/// Return authorization numbers derived from the ticket id, so every delivery of a ticket (and
/// every worker) quotes the same number: `RA-` and ten characters of Crockford base 32.
enum ReturnAuthorization {
    private static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)

    static func number(forTicket id: String) -> String {
        var hash = FNV1a64.hash(id.utf8)
        var characters: [UInt8] = []
        for _ in 0..<10 {
            characters.append(alphabet[Int(hash & 31)])
            hash >>= 5
        }
        return "RA-" + String(decoding: characters, as: UTF8.self)
    }
}
