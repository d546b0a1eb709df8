import TicketQHTTP
import Testing

@Suite struct HTTPListenAddressTests {
    @Test func parsesHostAndPort() throws {
        #expect(try HTTPListenAddress(parsing: "127.0.0.1:9464") == HTTPListenAddress(host: "127.0.0.1", port: 9464))
        #expect(try HTTPListenAddress(parsing: "localhost:0") == HTTPListenAddress(host: "localhost", port: 0))
        #expect(try HTTPListenAddress(parsing: "[::1]:8080") == HTTPListenAddress(host: "::1", port: 8080))
        #expect(HTTPListenAddress(host: "::1", port: 8080).description == "[::1]:8080")
    }

    @Test(arguments: [
        ("9464", "expected HOST:PORT"),
        (":9464", "the host is empty"),
        ("127.0.0.1:", "the port must be a number"),
        ("127.0.0.1:65536", "the port must be a number"),
        ("127.0.0.1:94x4", "the port must be a number"),
        ("::1:9464", "[ADDRESS]:PORT"),
        ("[::1:9464", "no closing ]"),
    ])
    func rejectsMalformedAddresses(text: String, reason: String) {
        #expect {
            try HTTPListenAddress(parsing: text)
        } throws: { error in
            "\(error)".contains(reason) && "\(error)".contains(text)
        }
    }
}
