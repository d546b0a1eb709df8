import TicketQCore
import TicketQWire
import Testing

/// The version 1 payload format is fixed: payloads already in Redis must decode, and new
/// payloads of tickets without MIME defects must be byte for byte what the previous release
/// wrote (so that its workers still read them).
struct QueuedTicketFormatTests {
    @Test func capturedPayloadsDecodeToTheirTickets() throws {
        for sample in try CapturedPayloads.all() {
            #expect(try QueuedTicket.decode(sample.payload) == sample.ticket, "\(sample.name)")
        }
    }

    @Test func encoderWritesTheCapturedBytes() throws {
        for sample in try CapturedPayloads.all() {
            let written = sample.ticket.encode()
            #expect(written == sample.payload, "\(sample.name): \(String(decoding: written, as: UTF8.self))")
        }
    }

    @Test func versionsOneAndTwoAreRead() {
        #expect(QueuedTicket.payloadVersion == 2)
        #expect(QueuedTicket.readableVersions == 1...2)
    }
}
