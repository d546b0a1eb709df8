import TicketQCore
import TicketQHTTP

/// The intake's bearer tokens and the check of a request's `Authorization` header, made from
/// the request head before any body byte is read.
struct BearerTokens: Sendable {
    /// The accepted tokens; empty accepts every request (loopback only).
    let tokens: Set<String>

    /// nil when `request` carries one of the tokens (or none are configured), else the `401`.
    func refusal(for request: HTTPRequest) -> HTTPResponse? {
        guard !tokens.isEmpty else { return nil }
        guard let header = request.header("Authorization"), header.lowercased().hasPrefix("bearer ") else {
            return .json(401, #"{"error":"missing bearer token"}"#, headers: [("WWW-Authenticate", "Bearer")])
        }
        let token = String(header.dropFirst("bearer ".count).trimmingBlanks())
        // Compare against every token in full, so timing does not reveal a matching prefix.
        var matched = false
        for known in tokens where Self.constantTimeEqual(known, token) { matched = true }
        return matched ? nil : .json(401, #"{"error":"invalid bearer token"}"#, headers: [("WWW-Authenticate", "Bearer error=\"invalid_token\"")])
    }

    private static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let (x, y) = (Array(a.utf8), Array(b.utf8))
        var difference = UInt8(x.count == y.count ? 0 : 1)
        for index in 0..<max(x.count, y.count) {
            difference |= (index < x.count ? x[index] : 0) ^ (index < y.count ? y[index] : 0)
        }
        return difference == 0
    }
}
