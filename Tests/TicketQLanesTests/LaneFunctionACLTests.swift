import Foundation
import Testing
@testable import TicketQLanes
import TicketQRedis
import TicketQTestSupport

/// Every function of the library against the shipped `ops/redis/users.acl`: `ACL DRYRUN` lets
/// each runtime user call the functions of its role with the keys they declare (so a key added to
/// a function must be granted to its callers), and refuses the others at the call.
struct LaneFunctionACLTests {
    static let aclFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("ops/redis/users.acl")

    /// The runtime users that call each function (`admin` calls every one). Functions of later
    /// library versions may be listed before this catalogue has them.
    static let callers: [String: Set<String>] = [
        "submit": ["intake", "operator"], "quarantine": ["intake"],
        "claim": ["worker"], "acknowledge": ["worker"], "dead_letter": ["worker"], "retry": ["worker"], "release": ["worker"],
        "renew": ["worker"], "reap": ["worker"], "requeue_worker": ["worker"], "promote": ["worker"],
        "register_worker": ["worker"], "heartbeat": ["worker"], "deregister_worker": ["worker"],
        "lead_collector": ["worker"], "resign_collector": ["worker"], "enforce_retention": ["worker"],
        "status": ["worker", "operator"],
        "requeue_dead": ["operator"], "purge_dead": ["operator"], "release_quarantined": ["operator"], "record_high_volume": ["operator"],
        "create_deployment": [], "restore_dedupe": [], "recount_retention": [], "count_deliveries_on_end": [], "move_to_ticket_records": [],
        "move_to_promotion_lists": [],
    ]

    /// Calls a user may start although it is not a caller, because it holds every key the
    /// function declares. Redis refuses a command inside before the function writes anything
    /// (the ops tests make these calls): `intake promote`, `intake restore_dedupe`, `worker
    /// quarantine`, `operator promote`. The others run: retention needs the
    /// same permissions (the worker evicts dead letters and quarantined messages, intake evicts
    /// quarantined messages), `operator` adds dedupe entries through `submit` anyway, and a
    /// recount only recomputes the byte counts, and the conversion of delivery counts runs once.
    static let beyondRole: Set<String> = [
        "worker count_deliveries_on_end",
        "intake promote", "intake restore_dedupe", "worker quarantine", "operator promote",
        "intake release_quarantined", "worker requeue_dead", "worker purge_dead", "worker release_quarantined",
        "worker recount_retention", "operator restore_dedupe", "operator recount_retention",
    ]

    @Test func eachUserMayCallTheFunctionsOfItsRoleAndNoOthers() throws {
        var acl = try String(contentsOf: Self.aclFile, encoding: .utf8)
        let users = ["admin", "intake", "worker", "operator"]
        for user in users {
            acl = acl.replacingOccurrences(of: "REPLACE-WITH-THE-\(user.uppercased())-PASSWORD", with: "\(user)-secret")
        }
        let scratch = try TemporaryDirectory(prefix: "acl")
        let file = scratch.file("users.acl")
        try acl.write(to: file, atomically: true, encoding: .utf8)
        let server = try RedisServerProcess(options: RedisServerOptions(extraConfiguration: ["aclfile \"\(file.path)\""]))
        var url = try RedisURL(server.url)
        url.user = "admin"
        let admin = try RedisConnection(url: url.withPassword("admin-secret"))
        let keys = try LaneKeys()

        let unassigned = Set(LaneFunction.all.map(\.name)).subtracting(Self.callers.keys)
        #expect(unassigned.isEmpty, "give every function of the library the roles that call it: \(unassigned.sorted())")
        for function in LaneFunction.all {
            let declared = function.keys.map { name in
                switch name {
                case .journal: return keys.ackJournal(worker: "w")
                case .alive: return keys.alive(worker: "w")
                default: return keys.functionKey(name)
                }
            }
            let call = [Array((function.readOnly ? "FCALL_RO" : "FCALL").utf8), function.registeredName, Array(String(declared.count).utf8)] + declared
            for user in users {
                let reply = try admin.command([Array("ACL".utf8), Array("DRYRUN".utf8), Array(user.utf8)] + call)
                let allowed = reply.string == "OK"
                let expected = user == "admin" || Self.callers[function.name]?.contains(user) == true || Self.beyondRole.contains("\(user) \(function.name)")
                #expect(allowed == expected, "\(user) \(function.name): \(reply)")
            }
        }
    }
}
