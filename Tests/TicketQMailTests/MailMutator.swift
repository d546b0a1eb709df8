import TicketQCore

/// Byte-level mutations that imitate broken mail: flipped and inserted bytes, cut messages,
/// duplicated and deleted spans, broken boundaries, junk charsets and encodings, and the defects
/// of ``DefectMutator``.
enum MailMutator {
    static func mutate(_ message: inout [UInt8], generator: inout SplitMix64) {
        let count = 1 + Int(generator.next() % 4)
        for _ in 0..<count {
            guard !message.isEmpty else { message = [0x41]; return }
            let position = Int(generator.next() % UInt64(message.count))
            switch generator.next() % 13 {
            case 0: message[position] = UInt8(truncatingIfNeeded: generator.next())
            case 1: message.insert(UInt8(truncatingIfNeeded: generator.next()), at: position)
            case 2: message.removeSubrange(position..<min(message.count, position + Int(generator.next() % 64)))
            case 3: message = Array(message[..<position])
            case 4:
                let end = min(message.count, position + Int(generator.next() % 128))
                message.insert(contentsOf: message[position..<end], at: end)
            case 5: message.insert(contentsOf: pick(tokens, &generator), at: position)
            case 6: message.insert(contentsOf: [0x0D, 0x0A, 0x0D, 0x0A], at: position)
            case 7: message.insert(0, at: position)
            case 8: message.replaceSubrange(position..<min(message.count, position + 2), with: [0xC3, 0x28])
            case 9: message.insert(contentsOf: Array("=?x?Q?=ZZ?=".utf8), at: position)
            default: DefectMutator.mutate(&message, generator: &generator)
            }
        }
    }

    private static let tokens: [[UInt8]] = [
        "--000000000000a1b2c3", "--XYZ--", "Content-Type: multipart/mixed; boundary=", "charset=\"klingon\"",
        "Content-Transfer-Encoding: base64\r\n", "=\r\n", "=F", "<blockquote>", "</div>", "&#xFFFFFF;", "&#99999999;",
        "\r\n--XYZ\r\nContent-Type: multipart/alternative; boundary=XYZ\r\n\r\n", "Received: ;", "Date: 99 Foo 99999 99:99",
    ].map { Array($0.utf8) }

    private static func pick(_ list: [[UInt8]], _ generator: inout SplitMix64) -> [UInt8] {
        list[Int(generator.next() % UInt64(list.count))]
    }
}
