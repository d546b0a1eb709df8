extension RedisURL {
    /// Advice for a refused or missing password when the URL names no user, or `nil` when it names one.
    ///
    /// Without a user, `AUTH` checks the password of the user `default`, which a deployment with
    /// ACL users (such as the shipped `ops/redis/users.acl`) disables; the password is then refused
    /// as `WRONGPASS` even though it is the right one for the intended user.
    public var aclUserHint: String? {
        guard user == nil else { return nil }
        let example = RedisURL(endpoint: endpoint, user: "worker", database: database)
        return "the URL names no user, so Redis authenticates as the user 'default'; "
            + "if the password belongs to an ACL user, name that user in the URL, e.g. \(example.redacted)"
    }
}
