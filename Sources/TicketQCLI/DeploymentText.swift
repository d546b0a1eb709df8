import TicketQLanes
import TicketQStore

/// How a deployment marker is shown to operators.
enum DeploymentText {
    /// One line: id, origin, when, by which release.
    static func describe(_ record: DeploymentRecord) -> String {
        var text = "deployment \(record.id): \(record.origin.rawValue) \(instant(record.createdAtMillis)) by ticketq \(record.writtenBy)"
        if record.partitions > 1 { text += ", \(record.partitions) partitions" }
        if record.fenceBase > 0 { text += ", leases issued before the recovery end below token \(record.fenceBase)" }
        return text
    }

    /// An instant in UTC.
    static func instant(_ millis: Int64) -> String {
        UTCTimestamp.format(milliseconds: millis)
    }
}
