import Testing
import TicketQCore
import TicketQLanes

/// A ticket record reads back what was written, payload bytes untouched, and names what is wrong
/// with a value it cannot read.
@Suite struct TicketRecordTests {
    @Test func roundTripsWithAnyPayloadBytes() throws {
        let payload: [UInt8] = Array(#"{"v":1,"id":"a|b"}"#.utf8) + [0x0A, 0x00, 0xFF, 0x7C]
        let record = TicketRecord(
            lane: .sameBusinessDay, intakeLane: .extended, promoted: true, dueMillis: 1_800_000_000_123,
            enqueuedMillis: -5, payload: payload
        )
        let bytes = record.encoded()
        #expect(String(decoding: bytes.prefix(while: { $0 != 0x0A }), as: UTF8.self) == "r1|s|e|1|1800000000123|-5")
        #expect(try TicketRecord(decoding: bytes) == record)
        let empty = TicketRecord(lane: .standard, intakeLane: .standard, promoted: false, dueMillis: 0, enqueuedMillis: 0, payload: [])
        #expect(try TicketRecord(decoding: empty.encoded()) == empty)
    }

    @Test func namesWhatItCannotRead() {
        let cases: [(String, String)] = [
            ("no newline at all", "no header line"),
            ("x1|s|s|0|1|2\n{}", "the header does not start with a version (r1)"),
            ("r1|s|s|0|1\n{}", "the header has 5 fields, not 6"),
            ("r1|q|s|0|1|2\n{}", "the lane is not a lane code"),
            ("r1|s|ss|0|1|2\n{}", "the intake lane is not a lane code"),
            ("r1|s|s|2|1|2\n{}", "promoted is not 0 or 1"),
            ("r1|s|s|0|soon|2\n{}", "the due time is not an integer"),
            ("r1|s|s|0|1|\n{}", "the enqueue time is not an integer"),
            ("r2|s|s|0|1|2\n{}", "version 2 is newer than this release reads (1); upgrade ticketq"),
        ]
        for (stored, problem) in cases {
            #expect(throws: StoredRecordError(record: "ticket record", problem: problem), "\(stored)") {
                try TicketRecord(decoding: Array(stored.utf8))
            }
        }
    }
}
