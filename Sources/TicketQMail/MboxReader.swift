/// Splits an mbox file into raw messages: a message starts at a line beginning with "From "
/// (at the start of the file or after an empty line); ">From " lines inside messages are
/// unescaped (mboxrd: one ">" removed from lines matching ^>+From ).
public enum MboxReader {
    /// One message of the file: its position (1-based) and its raw bytes without the separator line.
    public struct Message: Sendable {
        /// The message's position in the file, from 1.
        public let index: Int
        /// The line number of its "From " separator.
        public let line: Int
        /// The raw message.
        public let raw: [UInt8]
    }

    /// The messages of `bytes`. Text before the first separator, if any, is returned as message 1.
    public static func messages(_ bytes: [UInt8]) -> [Message] {
        var messages: [Message] = []
        var current: [UInt8] = []
        var currentLine = 1
        var lineNumber = 0
        var previousBlank = true
        var started = false
        for line in MailLines.split(bytes[...]) {
            lineNumber += 1
            if previousBlank && line.starts(with: fromPrefix) {
                if started || !current.isEmpty {
                    messages.append(Message(index: messages.count + 1, line: currentLine, raw: trimTrailingBlank(current)))
                }
                current = []
                currentLine = lineNumber
                started = true
                previousBlank = false
                continue
            }
            if line.first == UInt8(ascii: ">") {
                let quotes = line.prefix { $0 == UInt8(ascii: ">") }
                if line.dropFirst(quotes.count).starts(with: fromPrefix) {
                    current += line.dropFirst()
                    current.append(0x0A)
                    previousBlank = false
                    continue
                }
            }
            current += line
            current.append(0x0A)
            previousBlank = line.isEmpty
        }
        if started || !current.allSatisfy({ $0 == 0x0A || $0 == 0x0D || $0 == 0x20 }) {
            messages.append(Message(index: messages.count + 1, line: currentLine, raw: trimTrailingBlank(current)))
        }
        return messages
    }

    private static let fromPrefix = Array("From ".utf8)

    private static func trimTrailingBlank(_ bytes: [UInt8]) -> [UInt8] {
        var end = bytes.count
        while end > 0, bytes[end - 1] == 0x0A || bytes[end - 1] == 0x0D { end -= 1 }
        return Array(bytes[..<end]) + (end > 0 ? [0x0A] : [])
    }
}
