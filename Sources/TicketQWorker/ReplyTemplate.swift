/// A reply template parsed once into literal text and `{placeholder}` references, so rendering
/// a reply is a few appends rather than a scan of the template per ticket.
struct ReplyTemplate: Sendable {
    enum Segment: Sendable {
        case text(String)
        case placeholder(String)
    }

    let segments: [Segment]

    /// Parses `{name}` placeholders; an unclosed `{` is kept as text.
    init(_ template: String) {
        var segments: [Segment] = []
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            if open > rest.startIndex { segments.append(.text(String(rest[..<open]))) }
            segments.append(.placeholder(String(rest[rest.index(after: open)..<close])))
            rest = rest[rest.index(after: close)...]
        }
        if !rest.isEmpty { segments.append(.text(String(rest))) }
        self.segments = segments
    }

    /// Appends the rendered template; unknown placeholders are written back as `{name}`.
    func render(into output: inout String, _ value: (String) -> String?) {
        for segment in segments {
            switch segment {
            case let .text(text): output += text
            case let .placeholder(name): output += value(name) ?? "{\(name)}"
            }
        }
    }
}
