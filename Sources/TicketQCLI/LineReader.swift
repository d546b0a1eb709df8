import Foundation

/// Reads a file or standard input in large chunks and yields its lines as byte slices, with
/// their 1-based numbers, without decoding text it does not need to.
struct LineReader {
    let handle: FileHandle
    let chunkSize: Int

    init(handle: FileHandle, chunkSize: Int = 1 << 20) {
        self.handle = handle
        self.chunkSize = chunkSize
    }

    /// Calls `body` for every line (without its `\n`).
    func forEachLine(_ body: (ArraySlice<UInt8>, Int) throws -> Void) throws {
        var carry: [UInt8] = []
        var number = 0
        while true {
            let chunk = try handle.read(upToCount: chunkSize) ?? Data()
            if chunk.isEmpty { break }
            var buffer = carry
            buffer.append(contentsOf: chunk)
            var start = 0
            while let newline = buffer[start...].firstIndex(of: 0x0A) {
                number += 1
                try body(buffer[start..<newline], number)
                start = newline + 1
            }
            carry = Array(buffer[start...])
        }
        if !carry.isEmpty {
            number += 1
            try body(carry[...], number)
        }
    }
}
