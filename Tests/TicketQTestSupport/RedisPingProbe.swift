#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Sends an inline `PING` to a loopback port over a raw socket, so the test support needs no Redis client.
enum RedisPingProbe {
    /// The first line the server answers (`+PONG`, `-NOAUTH …`, `-LOADING …`), or `nil` if it did not answer.
    static func firstReplyLine(port: Int) -> String? {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }

        var timeout = timeval(tv_sec: 1, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(descriptor, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))

        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { return nil }

        let request = Array("PING\r\n".utf8)
        guard send(descriptor, request, request.count, 0) == request.count else { return nil }
        var buffer = [UInt8](repeating: 0, count: 256)
        let received = recv(descriptor, &buffer, buffer.count, 0)
        guard received > 0 else { return nil }
        let line = buffer[..<received].prefix { $0 != UInt8(ascii: "\r") }
        return String(decoding: line, as: UTF8.self)
    }
}
