import Foundation
import TicketQMail

/// Raw messages from `--format eml FILE…` (one message per file, `-` for standard input) or
/// `--format mbox FILE…`, each with a description of where it came from for reports.
enum MailInput {
    struct Message {
        /// `FILE`, or `FILE message N (line L)` inside an mbox.
        let source: String
        let raw: [UInt8]
    }

    /// Reads every message; a file that cannot be read is reported and skipped.
    static func messages(format: InputFormat, files: [String], unreadable: (String, String) -> Void) -> [Message] {
        var messages: [Message] = []
        for file in files.isEmpty ? ["-"] : files {
            let data: Data
            if file == "-" {
                data = FileHandle.standardInput.readDataToEndOfFile()
            } else {
                guard let contents = FileManager.default.contents(atPath: file) else {
                    unreadable(file, "cannot be opened for reading")
                    continue
                }
                data = contents
            }
            let name = file == "-" ? "standard input" : file
            if format == .mbox {
                for message in MboxReader.messages(Array(data)) {
                    messages.append(Message(source: "\(name) message \(message.index) (line \(message.line))", raw: message.raw))
                }
            } else {
                messages.append(Message(source: name, raw: Array(data)))
            }
        }
        return messages
    }
}
