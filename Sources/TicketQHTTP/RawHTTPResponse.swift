import NIOCore

/// A complete `Connection: close` response written as bytes under the HTTP codec, for the
/// moments a connection is refused or timed out and no request is being answered.
enum RawHTTPResponse {
    /// The response `status reason` with a one-line text body.
    static func bytes(_ status: Int, _ reason: String, _ text: String, headers: [String] = []) -> ByteBuffer {
        let body = text + "\n"
        var head = "HTTP/1.1 \(status) \(reason)\r\nConnection: close\r\nContent-Type: text/plain; charset=utf-8\r\n"
        for header in headers { head += header + "\r\n" }
        head += "Content-Length: \(body.utf8.count)\r\n\r\n"
        return ByteBuffer(string: head + body)
    }
}
