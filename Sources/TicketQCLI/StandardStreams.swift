import Foundation

/// Buffered writes to standard output and immediate writes to standard error.
///
/// JSONL output goes through one buffer flushed in large blocks, which keeps batch modes fast;
/// diagnostics go to standard error so they never mix with records on standard output.
final class OutputBuffer {
    private var buffer: [UInt8] = []
    private let handle: FileHandle
    private let limit: Int

    init(handle: FileHandle = .standardOutput, limit: Int = 1 << 16) {
        self.handle = handle
        self.limit = limit
        buffer.reserveCapacity(limit + 4096)
    }

    func writeLine(_ line: String) {
        buffer.append(contentsOf: line.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= limit { flush() }
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }

    deinit { flush() }
}

/// Writes diagnostics to standard error.
enum Diagnostics {
    static func warning(_ message: String) {
        FileHandle.standardError.write(Data("warning: \(message)\n".utf8))
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }

    /// Something the operator should know of that is not a problem of this command.
    static func note(_ message: String) {
        FileHandle.standardError.write(Data("note: \(message)\n".utf8))
    }
}
