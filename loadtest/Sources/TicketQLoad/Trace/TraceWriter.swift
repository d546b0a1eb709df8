import Foundation

/// Writes a trace file line by line.
public final class TraceWriter {
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    /// Lines written so far.
    public private(set) var count = 0

    /// Creates (or truncates) the file at `path`.
    /// - Throws: ``LoadError`` when the file cannot be created.
    public init(path: String) throws(LoadError) {
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
            throw LoadError("--out: cannot create \(path)")
        }
        self.handle = handle
        buffer.reserveCapacity(1 << 20)
    }

    /// Appends one event.
    public func write(_ event: TraceEvent) {
        buffer.append(contentsOf: event.line.utf8)
        buffer.append(0x0A)
        count += 1
        if buffer.count >= 1 << 20 { flush() }
    }

    /// Writes what is buffered and closes the file.
    public func close() {
        flush()
        try? handle.close()
    }

    private func flush() {
        handle.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
