import Foundation
import Testing
import TicketQCore
import TicketQStore
import TicketQTestSupport

/// A superseded row's ack is settled: marking it leaves no pending ack behind, and schema
/// version 4 drops those earlier releases left, keeping every other pending ack.
struct SupersededAckMigrationTests {
    @Test func supersedingARowDropsItsPendingAck() throws {
        let directory = try TemporaryDirectory()
        let store = try makeStore(in: directory)
        _ = try store.insert(batch: [sampleOutcome("a", fence: 1), sampleOutcome("b", fence: 1), sampleOutcome("c", fence: 1)])
        #expect(try store.database.scalarInt64("SELECT COUNT(*) FROM pending_ack") == 3)
        #expect(try store.markSuperseded([FencedTicket(ticketID: "a", fence: 1), FencedTicket(ticketID: "b", fence: 9)]) == 1)
        #expect(try store.markSuperseded(ticketIDs: ["c"]) == 1)
        // `b`'s fence did not match: its row and its pending ack stand.
        #expect(try store.database.scalarInt64("SELECT COUNT(*) FROM pending_ack") == 1)
        #expect(try store.database.scalarInt64("SELECT COUNT(*) FROM pending_ack WHERE ticket_id = 'b'") == 1)
    }

    @Test func aVersionThreeStoreLosesOnlyTheLeftoverPendingAcks() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("outcomes.db").path
        do {
            // The previous release's store: created at version 3, one row superseded with its
            // pending ack left behind, one row still unconfirmed.
            let store = try OutcomeStore(path: path)
            _ = try store.insert(batch: [sampleOutcome("gone", fence: 1), sampleOutcome("open", fence: 2)])
            try store.database.execute("""
                UPDATE outcome SET status = 'superseded' WHERE ticket_id = 'gone';
                PRAGMA user_version = 3;
                """)
        }
        let store = try OutcomeStore(path: path)
        #expect(try SchemaMigrator.version(of: store.database) == 4)
        #expect(try store.database.scalarInt64("SELECT COUNT(*) FROM pending_ack WHERE ticket_id = 'gone'") == 0)
        #expect(try store.unconfirmedOutcomes(olderThan: .max).map(\.ticketID) == ["open"])
        #expect(try store.get(ticketID: "gone")?.status == .superseded)
    }
}
