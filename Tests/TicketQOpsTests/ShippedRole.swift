/// A user of the shipped `ops/redis/users.acl`, with the password the tests put in place of its
/// placeholder.
enum ShippedRole: String, CaseIterable, Sendable {
    case admin, intake, worker, `operator`

    /// The placeholder password the shipped file gives the user.
    var placeholder: String { "REPLACE-WITH-THE-\(rawValue.uppercased())-PASSWORD" }

    /// The password a test sets instead.
    var password: String { "\(rawValue)-secret" }
}
