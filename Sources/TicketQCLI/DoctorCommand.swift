import ArgumentParser
import TicketQRedis

/// `ticketq doctor`: checks a live Redis for the settings that lose tickets or block draining.
struct DoctorCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "doctor",
        abstract: "Check a live Redis for settings that lose tickets or block draining, and print what to change.",
        discussion: """
            Checks persistence (appendonly, save), appendfsync, the last append-only write, rewrite and snapshot, \
            maxmemory-policy, maxmemory, the default user's permissions with the append-only file (on Redis before 7.2 \
            a restricted default user, e.g. `user default off`, makes the writes of every function call vanish when the \
            file is replayed; 7.2 and later are assumed fixed), the runtime users of ops/redis/users.acl (intake, worker \
            and operator must call the function library with FCALL and may not run EVAL, SCRIPT LOAD, FUNCTION LOAD, \
            FLUSHALL, CONFIG SET or SELECT; a user that runs EVALSHA but not FCALL is the runtime user of a release before \
            the library), the replication role, min-replicas-to-write and loading. \
            Prints one line per check (error, warning or ok, what was found, what to change) and a summary. \
            CONFIG GET and the ACL commands need an admin user (e.g. redis://admin@host:6379/0): checks a user may not \
            make are named and count as warnings, not as passes. \
            --json prints one object: redis, version, findings [{severity, check, message, fix}], \
            summary {error, warning, ok}. \
            Exit codes: 0 no error found; 1 at least one error finding (or an unexpected Redis error); \
            64 usage error; 69 Redis is unreachable; 77 Redis refused the credentials, or the user may not even run PING.
            """
    )

    @Flag(help: "Print one JSON object instead of lines.")
    var json = false

    @OptionGroup var redis: RedisOptions

    func run() throws {
        let url: RedisURL
        do {
            url = try redis.resolvedURL()
        } catch {
            Diagnostics.error("\(error)")
            throw ExitStatus.usage
        }
        let facts: RedisDoctorFacts
        do {
            // No client name: CLIENT SETNAME is one more command a restricted user may lack.
            let connection = try RedisConnection(url: url)
            try Self.ping(connection)
            facts = try RedisDoctorReader(connection: connection).read()
        } catch {
            let (message, status) = Self.explain(error, url: url)
            Diagnostics.error(message)
            throw status
        }
        let findings = RedisDoctor.examine(facts)
        print(json ? Self.json(findings, facts: facts, url: url) : Self.text(findings, facts: facts, url: url))
        if RedisDoctor.worst(findings) == .error { throw ExitStatus.failure }
    }

    /// `PING`, except that a server still loading its dataset is examined anyway (INFO and CONFIG
    /// work while loading; the loading check reports it).
    private static func ping(_ connection: RedisConnection) throws(RedisError) {
        do {
            try connection.ping()
        } catch .server(let error) where error.isLoading {
            return
        }
    }

    /// The message and exit status for a Redis failure before the checks could run.
    static func explain(_ error: RedisError, url: RedisURL) -> (String, ExitCode) {
        let unauthorised = "Redis at \(url.redacted) is unauthorised for this client"
        switch error {
        case .connectionFailed(_, let reason), .connectionClosed(let reason), .timeout(let reason), .protocolError(let reason):
            return ("Redis at \(url.redacted) is unreachable: \(reason) (is redis-server running? set --redis or $\(RedisOptions.environmentVariable))", ExitStatus.unreachable)
        case .authenticationFailed(let detail):
            return ("\(unauthorised): authentication failed (\(detail)); give the right user and password in the URL or with --redis-password-file", ExitStatus.unauthorised)
        case .server(let serverError) where serverError.code == "NOAUTH":
            return ("\(unauthorised): it requires a password; give it with --redis-password-file or in the URL", ExitStatus.unauthorised)
        case .server(let serverError) where serverError.code == "WRONGPASS":
            return ("\(unauthorised): it refused the credentials (\(serverError.message))", ExitStatus.unauthorised)
        case .server(let serverError) where serverError.code == "NOPERM":
            let who = url.user.map { "user '\($0)'" } ?? "the default user"
            return ("\(unauthorised): \(who) may not even run PING (\(serverError.message)); \(RedisDoctor.adminHint)", ExitStatus.unauthorised)
        default:
            return ("Redis at \(url.redacted): \(error)", ExitStatus.failure)
        }
    }
}
