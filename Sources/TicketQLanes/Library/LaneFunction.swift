/// One function of the `ticketq` Redis function library: its name and the keys it declares, in
/// the order the Lua source declares them (a test keeps the two in step).
///
/// ``LaneStore`` calls every function through a typed method of its own; nothing outside this
/// module sees a key's or an argument's position.
struct LaneFunction: Sendable, Hashable {
    /// The name in the source, e.g. `claim`; registered as `ticketq_v<version>_claim`.
    let name: String
    /// The keys the function takes, in order. Keys past these (the reaper's liveness keys) are
    /// passed as a list of their own.
    let keys: [LaneFunctionKey]
    /// Whether the function writes nothing (called with `FCALL_RO`).
    let readOnly: Bool
    /// Whether the function works on one partition's keys (false: on what belongs to the
    /// deployment as a whole, under the root's keys).
    let partitioned: Bool

    /// The name Redis knows the function by in this library version, e.g. `ticketq_v1_claim`.
    let registeredName: [UInt8]

    init(_ name: String, _ keys: [LaneFunctionKey], readOnly: Bool = false, partitioned: Bool = true) {
        self.name = name
        self.keys = keys
        self.readOnly = readOnly
        self.partitioned = partitioned
        registeredName = Array("ticketq_v\(LaneLibrary.version)_\(name)".utf8)
    }
}
