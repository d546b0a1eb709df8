extension LaneStore {
    /// Checks that Redis answers (`PING`).
    public func ping() throws(LanesError) {
        _ = try command(["PING"], "ping")
    }
}
