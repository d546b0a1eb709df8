import TicketQCore

/// Mutations that produce the defects the lenient parse recovers from: mbox `From ` lines,
/// RFC 2231 parameters (good and broken), unclosed and reused boundaries, a missing blank line
/// after the headers and odd folding.
enum DefectMutator {
    static func mutate(_ message: inout [UInt8], generator: inout SplitMix64) {
        switch generator.next() % 6 {
        case 0: message.insert(contentsOf: Array("From MAILER-DAEMON Mon Nov 23 09:00:00 2026\r\n".utf8), at: lineStart(in: message, generator: &generator, topBias: true))
        case 1: message.insert(contentsOf: pick(rfc2231, &generator), at: position(of: Array(";".utf8), in: message, generator: &generator))
        case 2:
            // Unclose a multipart: cut the message at its last "--".
            if let cut = lastIndex(of: [0x2D, 0x2D], in: message) { message.removeSubrange(cut...) }
        case 3: message.insert(contentsOf: pick(nested, &generator), at: lineStart(in: message, generator: &generator, topBias: false))
        case 4:
            // Drop a blank line (the header/body separator when it is the first one).
            let blank = Int(generator.next() % 3)
            var found = 0
            for index in message.indices.dropLast() where message[index] == 0x0A && (message[index + 1] == 0x0A || message[index + 1] == 0x0D) {
                if found == blank {
                    let end = message[index + 1] == 0x0D && index + 2 < message.count ? index + 3 : index + 2
                    message.removeSubrange((index + 1)..<min(end, message.count))
                    break
                }
                found += 1
            }
        default: message.insert(contentsOf: pick(folds, &generator), at: lineStart(in: message, generator: &generator, topBias: true))
        }
    }

    private static let rfc2231: [[UInt8]] = [
        "; boundary*=us-ascii''", "; boundary*0*=''000000000000; boundary*1=a1b2c3", "; boundary*=''XYZ", "; charset*=klingon''%FF%",
        "; name*0*=utf-8''%C3%A4; name*2=x", "; filename*=utf-8'en'%E2%82", "; boundary*18446744073709551616=x", "; charset*=''%ZZ",
    ].map { Array($0.utf8) }

    private static let nested: [[UInt8]] = [
        "Content-Type: multipart/alternative; boundary=\"000000000000a1b2c3\"\r\n", "Content-Type: multipart/related; boundary=XYZ\r\n\r\n",
        "--XYZ\r\nContent-Type: text/plain\r\nno blank line before this text\r\n", "--000000000000a1b2c3\r\n",
    ].map { Array($0.utf8) }

    private static let folds: [[UInt8]] = [" folded\r\n", "\t\r\n", " \r\n", "\r\n ", "\r\n\t=?utf-8?q?x?=\r\n"].map { Array($0.utf8) }

    private static func pick(_ list: [[UInt8]], _ generator: inout SplitMix64) -> [UInt8] {
        list[Int(generator.next() % UInt64(list.count))]
    }

    /// The start of a random line; with `topBias`, often the first line.
    private static func lineStart(in message: [UInt8], generator: inout SplitMix64, topBias: Bool) -> Int {
        if message.isEmpty || (topBias && generator.next() % 2 == 0) { return 0 }
        var index = Int(generator.next() % UInt64(message.count))
        while index > 0, message[index - 1] != 0x0A { index -= 1 }
        return index
    }

    /// Just after a random occurrence of `needle` (a random position when there is none).
    private static func position(of needle: [UInt8], in message: [UInt8], generator: inout SplitMix64) -> Int {
        guard !message.isEmpty else { return 0 }
        let start = Int(generator.next() % UInt64(message.count))
        if let hit = message[start...].firstIndex(of: needle[0]) { return hit + 1 }
        return start
    }

    private static func lastIndex(of needle: [UInt8], in message: [UInt8]) -> Int? {
        guard message.count >= needle.count else { return nil }
        return (0...(message.count - needle.count)).last { message[$0..<($0 + needle.count)].elementsEqual(needle) }
    }
}
