import Foundation
import Testing
import TicketQLoad

struct TraceTests {
    @Test func writtenTracesReadBack() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("trace-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let writer = try TraceWriter(path: path)
        let events = [
            TraceEvent(atMillis: 0, ticketJSON: Array(#"{"id":"a","brand":"mejurn","body":"hi"}"#.utf8)),
            TraceEvent(atMillis: 12.345, ticketJSON: Array(#"{"id":"b","brand":"mejurn","body":"hello"}"#.utf8)),
        ]
        for event in events { writer.write(event) }
        writer.close()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix(#"{"at_ms":0,"ticket":{"id":"a""#))
        #expect(text.contains(#"{"at_ms":12.345,"ticket":"#))
        let read = try TraceReader.read(path: path)
        #expect(read.events == events)
        #expect(read.problems.isEmpty)
    }

    @Test func badLinesAreReportedAndTheRestKept() {
        let text = """
            {"at_ms":5,"ticket":{"id":"late"}}
            not json
            {"ticket":{"id":"x"}}
            {"at_ms":-1,"ticket":{"id":"x"}}

            { "ticket" : {"id":"spaced", "brand":"b"}, "at_ms" : 1.5 }
            {"at_ms":2,"ticket":"text"}
            """
        let result = TraceReader.parse(Array(text.utf8))
        #expect(result.events.map(\.atMillis) == [1.5, 5], "sorted by arrival")
        #expect(result.problems.map(\.line) == [2, 3, 4, 7])
        #expect(result.problems[1].reason.contains("at_ms"))
        let spaced = try? JSONSerialization.jsonObject(with: Data(result.events[0].ticketJSON)) as? [String: String]
        #expect(spaced?["id"] == "spaced")
    }

    @Test func aTraceWithNothingUsableIsAnError() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("trace-\(UUID().uuidString).jsonl").path
        try "garbage\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect { try TraceReader.read(path: path) } throws: { "\($0)".contains("no usable line") && "\($0)".contains("line 1") }
    }
}
