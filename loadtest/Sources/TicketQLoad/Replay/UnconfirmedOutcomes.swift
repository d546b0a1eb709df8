import Foundation
import TicketQStore

/// Outcome rows committed by a worker whose acknowledgement in Redis is not confirmed yet
/// (`pending_ack`). A worker settles them once it can (at once, or at its next start after a
/// crash); until then a ticket can have a committed row in two stores, one of which its worker
/// will mark superseded.
public enum UnconfirmedOutcomes {
    /// Unconfirmed rows across `storePaths` (0 for a store that does not exist yet), or nil when
    /// a store exists but could not be read (a worker starting up may hold it for its recovery):
    /// an unread store is not known to be settled.
    public static func count(in storePaths: [String]) -> Int? {
        var total = 0
        for path in storePaths where FileManager.default.fileExists(atPath: path) {
            guard let database = try? SQLiteDatabase(path: path, mode: .readOnly),
                  let rows = try? database.scalarInt64(
                      // Stores of releases before schema version 4 kept superseded rows' pending acks: nothing is left to confirm there.
                      "SELECT count(*) FROM pending_ack JOIN outcome USING (ticket_id) WHERE outcome.status <> 'superseded'"
                  ) else { return nil }
            total += Int(rows)
        }
        return total
    }
}
