/// What a WAL checkpoint reported.
public struct CheckpointResult: Sendable, Hashable {
    /// Frames in the write-ahead log when the checkpoint ran.
    public var logFrames: Int
    /// Frames of the log that are now in the database file.
    public var checkpointedFrames: Int

    /// Creates a result from its counts.
    public init(logFrames: Int, checkpointedFrames: Int) {
        self.logFrames = logFrames
        self.checkpointedFrames = checkpointedFrames
    }
}
