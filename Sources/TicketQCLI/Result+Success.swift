extension Result {
    /// The value, or nil for a failure.
    var success: Success? {
        if case let .success(value) = self { return value }
        return nil
    }
}
