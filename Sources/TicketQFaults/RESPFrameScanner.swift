/// Splits a byte stream of the Redis protocol (RESP2 and RESP3) into whole values, so that
/// ``FaultProxy`` can count commands and replies and drop exactly one reply.
///
/// Bytes are appended as they arrive; ``nextFrame()`` returns the bytes of the first complete
/// value and removes them. A request stream may also carry inline commands (`PING\r\n`), which
/// count as one frame each when ``allowsInline`` is set. The scanner checks framing only, not the
/// content of values.
struct RESPFrameScanner {
    /// Whether a line that does not start with a RESP type byte is an inline command.
    let allowsInline: Bool
    private var bytes: [UInt8] = []
    private var start = 0

    init(allowsInline: Bool) {
        self.allowsInline = allowsInline
    }

    /// Bytes received and not yet returned as a frame.
    var pendingCount: Int { bytes.count - start }

    /// Adds bytes received from the stream.
    mutating func append(_ more: some Sequence<UInt8>) {
        bytes.append(contentsOf: more)
    }

    /// The first complete value, removed from the pending bytes, or `nil` until one is complete.
    mutating func nextFrame() -> [UInt8]? {
        guard let end = end(ofValueAt: start) else { return nil }
        let frame = Array(bytes[start..<end])
        start = end
        if start == bytes.count {
            bytes.removeAll(keepingCapacity: true)
            start = 0
        } else if start > 65_536 {
            bytes.removeFirst(start)
            start = 0
        }
        return frame
    }

    /// The index just past the value starting at `index`, or `nil` when it is incomplete.
    private func end(ofValueAt index: Int) -> Int? {
        guard index < bytes.count else { return nil }
        let type = bytes[index]
        switch type {
        case UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: ":"), UInt8(ascii: "_"), UInt8(ascii: ","),
             UInt8(ascii: "#"), UInt8(ascii: "("):
            return lineEnd(from: index + 1)
        case UInt8(ascii: "$"), UInt8(ascii: "!"), UInt8(ascii: "="):
            guard let (length, after) = header(at: index) else { return nil }
            if length < 0 { return after }
            let end = after + length + 2
            return end <= bytes.count ? end : nil
        case UInt8(ascii: "*"), UInt8(ascii: "~"), UInt8(ascii: ">"):
            return aggregateEnd(at: index, perElement: 1)
        case UInt8(ascii: "%"), UInt8(ascii: "|"):
            return aggregateEnd(at: index, perElement: 2)
        default:
            // An inline command ends at its newline; a reply stream never holds one.
            guard allowsInline else { return lineEnd(from: index) }
            guard let newline = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            return newline + 1
        }
    }

    private func aggregateEnd(at index: Int, perElement: Int) -> Int? {
        guard let (count, after) = header(at: index) else { return nil }
        if count < 0 { return after }
        var position = after
        for _ in 0..<(count * perElement) {
            guard let next = end(ofValueAt: position) else { return nil }
            position = next
        }
        return position
    }

    /// The number after a type byte and the index past its line, or `nil` while the line is incomplete.
    private func header(at index: Int) -> (Int, Int)? {
        guard let after = lineEnd(from: index + 1) else { return nil }
        let digits = bytes[(index + 1)..<(after - 2)]
        return (Int(String(decoding: digits, as: UTF8.self)) ?? 0, after)
    }

    /// The index past the next `\r\n` at or after `index`, or `nil` when there is none yet.
    private func lineEnd(from index: Int) -> Int? {
        var position = index
        while position + 1 < bytes.count {
            if bytes[position] == UInt8(ascii: "\r") && bytes[position + 1] == UInt8(ascii: "\n") { return position + 2 }
            position += 1
        }
        return nil
    }
}
