/// Where the sender puts tickets.
public enum SendSink: Sendable, Hashable {
    /// The lanes, through the same submit script as `ticketq submit`: the real intake path.
    case lanes
    /// A scratch Redis list (`RPUSH` of each ticket's payload): the harness's own sending
    /// capacity, apart from the cost of the lanes' submit script.
    case scratchList(key: String)
}
