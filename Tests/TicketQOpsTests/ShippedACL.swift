import Foundation
import TicketQTestSupport
import Testing

/// The shipped `ops/redis/users.acl` as a test server loads it: every placeholder password
/// replaced by its role's test password, nothing else changed (unless a test asks for another
/// `default` user line).
enum ShippedACL {
    /// Writes the file into `directory` and returns its location.
    ///
    /// - Parameter defaultUserLine: replaces the shipped `user default …` line; nil keeps it.
    static func write(in directory: TemporaryDirectory, defaultUserLine: String? = nil) throws -> URL {
        var acl = try OpsFiles.text(OpsFiles.redisACL)
        for role in ShippedRole.allCases {
            #expect(acl.contains(">\(role.placeholder) "), "users.acl has no user \(role.rawValue) with the placeholder \(role.placeholder)")
            acl = acl.replacingOccurrences(of: role.placeholder, with: role.password)
        }
        #expect(!acl.contains("REPLACE-WITH-"), "users.acl has a placeholder of a user the tests do not know")
        if let defaultUserLine {
            acl = acl.split(separator: "\n", omittingEmptySubsequences: false)
                .map { $0.hasPrefix("user default ") ? defaultUserLine : String($0) }
                .joined(separator: "\n")
        }
        let file = directory.file("users.acl")
        try acl.write(to: file, atomically: true, encoding: .utf8)
        return file
    }
}
