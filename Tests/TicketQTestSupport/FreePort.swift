#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Finds TCP ports on the loopback interface that nothing listens on.
public enum FreePort {
    /// Why no port could be found.
    public struct AllocationError: Error, CustomStringConvertible {
        /// The failing system call and its error text.
        public let description: String
    }

    /// Returns a port that was free a moment ago on 127.0.0.1.
    ///
    /// The kernel picks it (bind to port 0); the socket is closed again, so another process can take the port
    /// before the caller binds it. Callers that start servers should retry with a new port on "address in use".
    public static func allocate() throws -> Int {
        #if canImport(Glibc)
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
        let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw AllocationError(description: "socket(): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }

        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0 else { throw AllocationError(description: "bind(127.0.0.1:0): \(String(cString: strerror(errno)))") }

        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
        }
        guard named == 0 else { throw AllocationError(description: "getsockname(): \(String(cString: strerror(errno)))") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
