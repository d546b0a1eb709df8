import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A minimal blocking HTTP/1.1 client over one loopback TCP connection, for tests of the
/// project's own servers. It sends requests byte for byte as given and parses only what the
/// tests need: the status, the headers and a `Content-Length` body.
public final class HTTPTestClient {
    /// A parsed response.
    public struct Response: Sendable {
        /// The status code.
        public let status: Int
        /// Header names lowercased → values.
        public let headers: [String: String]
        /// The body.
        public let body: [UInt8]
        /// The body as UTF-8 text.
        public var text: String { String(decoding: body, as: UTF8.self) }
    }

    /// Why a request failed.
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    private let descriptor: Int32
    private var buffer: [UInt8] = []

    /// Connects to `127.0.0.1:port` (or another IPv4 loopback `host`).
    public init(port: Int, host: String = "127.0.0.1") throws {
        #if canImport(Glibc)
        descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw Failure(description: "socket(): \(String(cString: strerror(errno)))") }
        var timeout = timeval(tv_sec: 60, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr(host)
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        let connectError = errno
        guard connected == 0 else {
            // No close here: an initializer that throws once every property is set still runs
            // `deinit`, which closes the socket. Closing it twice would close whatever another
            // thread was given the same descriptor number in between (a Redis connection of a
            // test running alongside, which then failed with EBADF).
            throw Failure(description: "connect(\(host):\(port)): \(String(cString: strerror(connectError)))")
        }
    }

    deinit {
        if descriptor >= 0 { close(descriptor) }
    }

    /// One-shot `GET` on a new connection.
    public static func get(port: Int, _ path: String) throws -> Response {
        try HTTPTestClient(port: port).request("GET", path)
    }

    /// Sends a request and reads its response, keeping the connection for the next one.
    public func request(_ method: String, _ path: String, headers: [String: String] = [:], body: [UInt8] = []) throws -> Response {
        var head = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\n"
        for (name, value) in headers { head += "\(name): \(value)\r\n" }
        if !body.isEmpty || method == "POST" { head += "Content-Length: \(body.count)\r\n" }
        head += "\r\n"
        try send(Array(head.utf8) + body)
        return try readResponse()
    }

    /// Sends raw bytes.
    public func send(_ bytes: [UInt8]) throws {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes[offset...].withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard sent > 0 else { throw Failure(description: "send(): \(String(cString: strerror(errno)))") }
            offset += sent
        }
    }

    /// Reads one response.
    public func readResponse() throws -> Response {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        var headEnd: Int?
        while headEnd == nil {
            headEnd = buffer.indices.dropLast(3).first { buffer[$0..<$0 + 4].elementsEqual(separator) }
            if headEnd == nil { try fill() }
        }
        let headText = String(decoding: buffer[..<headEnd!], as: UTF8.self)
        buffer.removeFirst(headEnd! + 4)
        var lines = headText.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw Failure(description: "bad status line in \(headText)") }
        var headers: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        if headers["transfer-encoding"]?.lowercased() == "chunked" {
            return Response(status: status, headers: headers, body: try readChunkedBody())
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        while buffer.count < length { try fill() }
        let body = Array(buffer[..<length])
        buffer.removeFirst(length)
        return Response(status: status, headers: headers, body: body)
    }

    /// Waits until the server closes the connection, expecting nothing more from it.
    ///
    /// - Throws: when bytes arrive instead, or when the connection is still open after the
    ///   receive timeout (60 s).
    public func waitUntilClosed() throws {
        guard buffer.isEmpty else { throw Failure(description: "\(buffer.count) unread bytes before the close") }
        var chunk = [UInt8](repeating: 0, count: 4096)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        let failure = count < 0 ? errno : 0
        if count == 0 || failure == ECONNRESET { return }
        if count > 0 { throw Failure(description: "expected the server to close the connection, got \(count) more bytes") }
        if failure == EAGAIN || failure == EWOULDBLOCK { throw Failure(description: "the server kept the connection open for 60 s") }
        throw Failure(description: "recv(): \(String(cString: strerror(failure)))")
    }

    private func readChunkedBody() throws -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let sizeLine = try readLine()
            guard let size = Int(sizeLine.split(separator: ";").first ?? "", radix: 16) else {
                throw Failure(description: "bad chunk size line \(sizeLine)")
            }
            if size == 0 {
                while try !readLine().isEmpty {}  // trailers, then the blank line
                return body
            }
            while buffer.count < size + 2 { try fill() }
            body += buffer[..<size]
            buffer.removeFirst(size + 2)
        }
    }

    private func readLine() throws -> String {
        while true {
            if let end = buffer.indices.dropLast().first(where: { buffer[$0] == 13 && buffer[$0 + 1] == 10 }) {
                let line = String(decoding: buffer[..<end], as: UTF8.self)
                buffer.removeFirst(end + 2)
                return line
            }
            try fill()
        }
    }

    private func fill() throws {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let count = chunk.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        guard count > 0 else { throw Failure(description: count == 0 ? "connection closed by the server" : "recv(): \(String(cString: strerror(errno)))") }
        buffer += chunk[..<count]
    }
}

extension HTTPTestClient {
    /// Runs blocking client code on a thread outside Swift's cooperative pool, so that a server
    /// in the same process keeps being served while the client waits.
    public static func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result { try body() }) }
        }
    }
}
