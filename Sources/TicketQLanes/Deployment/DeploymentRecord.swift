/// The marker of a deployment: written once when the deployment is created
/// (`ticketq deployment init`) and never deleted by ticketq.
///
/// Redis keeps it with the lanes. When Redis comes back without it — a restart without
/// persistence, a failover to an empty replica, an append-only file that did not load — the
/// lanes it guarded are gone too, and every script that writes refuses (see
/// ``LanesError/deploymentMissing``) until an operator acts (`ticketq deployment recover`).
///
/// Stored as a Redis hash of named fields; ``schema`` tells readers which fields to expect.
public struct DeploymentRecord: Sendable, Hashable {
    /// The schema this release writes.
    public static let currentSchema = 1

    /// How the marker came to be written.
    public enum Origin: String, Sendable, Hashable, CaseIterable {
        /// A new, empty deployment.
        case initialized
        /// A deployment created by a release before markers existed, adopted with its data.
        case adopted
        /// Written after the marker (and with it the data) was lost.
        case recovered
    }

    /// The schema version the record was written with.
    public var schema: Int
    /// A unique id of this marker (a new one after a recovery).
    public var id: String
    /// When the marker was written, in epoch milliseconds on the Redis server's clock.
    public var createdAtMillis: Int64
    /// How the marker came to be written.
    public var origin: Origin
    /// Fencing tokens below this value were issued before a recovery, by a Redis that lost them
    /// (0 when there was none). New tokens start above it, so a stale lease can never match a new one.
    public var fenceBase: Int64
    /// The release that wrote the marker.
    public var writtenBy: String
    /// How many partitions the deployment's tickets are spread over (fixed at its creation; 1
    /// for markers written before partitions existed).
    public var partitions: Int
    /// Which partition this marker guards, or nil for the deployment's root marker (the one
    /// marker of a deployment of one partition).
    public var partition: Int?

    /// Creates a record; see the properties for their meaning.
    public init(
        schema: Int = DeploymentRecord.currentSchema, id: String, createdAtMillis: Int64, origin: Origin,
        fenceBase: Int64 = 0, writtenBy: String, partitions: Int = 1, partition: Int? = nil
    ) {
        self.schema = schema
        self.id = id
        self.createdAtMillis = createdAtMillis
        self.origin = origin
        self.fenceBase = fenceBase
        self.writtenBy = writtenBy
        self.partitions = partitions
        self.partition = partition
    }
}
