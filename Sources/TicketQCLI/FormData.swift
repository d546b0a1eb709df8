import Foundation
import TicketQMail

/// The fields of a `multipart/form-data` body, as mail providers' inbound webhooks post them.
enum FormData {
    /// The bytes of the first field among `names`, or nil.
    static func field(named names: [String], body: [UInt8], contentType: String) -> [UInt8]? {
        guard let boundary = parameter("boundary", in: contentType) else { return nil }
        let headerEnd = Array("\r\n\r\n".utf8)
        let delimiter = Array("--\(boundary)".utf8)
        var parts: [ArraySlice<UInt8>] = []
        var start: Int?
        var index = 0
        while index + delimiter.count <= body.count {
            if body[index..<index + delimiter.count].elementsEqual(delimiter), index == 0 || body[index - 1] == 0x0A {
                if let partStart = start {
                    var end = index
                    if end > partStart, body[end - 1] == 0x0A { end -= 1 }
                    if end > partStart, body[end - 1] == 0x0D { end -= 1 }
                    parts.append(body[partStart..<end])
                }
                var next = index + delimiter.count
                if next + 1 < body.count, body[next] == 0x2D, body[next + 1] == 0x2D { break }
                while next < body.count, body[next] != 0x0A { next += 1 }
                start = next + 1
                index = next
            }
            index += 1
        }
        for part in parts {
            guard let split = part.indices.first(where: { part[$0...].starts(with: headerEnd) }) else { continue }
            let headers = String(decoding: part[part.startIndex..<split], as: UTF8.self).lowercased()
            let value = part[(split + headerEnd.count)...]
            for name in names where headers.contains("name=\"\(name.lowercased())\"") { return Array(value) }
        }
        return nil
    }

    private static func parameter(_ name: String, in header: String) -> String? {
        for piece in header.split(separator: ";") {
            let trimmed = piece.trimmingCharacters(in: .whitespaces)
            if trimmed.lowercased().hasPrefix("\(name)=") {
                return String(trimmed.dropFirst(name.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            }
        }
        return nil
    }
}
