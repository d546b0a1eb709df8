import ArgumentParser
import Foundation
import TicketQLanes
import TicketQRedis

/// `--redis`, `--redis-password-file` and `--namespace`: which Redis deployment a command talks to.
struct RedisOptions: ParsableArguments {
    /// The environment variable read when `--redis` is not given.
    static let environmentVariable = "TICKETQ_REDIS_URL"
    /// The environment variable naming the password file when `--redis-password-file` is not given.
    static let passwordFileVariable = "TICKETQ_REDIS_PASSWORD_FILE"

    @Option(
        name: .customLong("redis"),
        help: ArgumentHelp(
            "Redis URL: redis://[user:password@]host:port[/db] or unix:///path/to/redis.sock[?db=N] "
                + "(default: $\(environmentVariable), else redis://127.0.0.1:6379/0).",
            valueName: "url"
        )
    )
    var url: String?

    @Option(
        name: .customLong("redis-password-file"),
        help: ArgumentHelp(
            "Read the Redis password from this file (one trailing newline is ignored), so it stays off the command line "
                + "(default: $\(passwordFileVariable) when set).",
            valueName: "path"
        )
    )
    var passwordFile: String?

    /// How the shipped ACL file's passwords begin until an operator replaces them.
    static let placeholderPasswordPrefix = "REPLACE-WITH-"

    @Option(help: ArgumentHelp("Key namespace of the deployment (keys are {namespace}:…).", valueName: "name"))
    var namespace = "ticketq"

    mutating func validate() throws {
        do {
            _ = try resolvedURL()
            _ = try LaneKeys(namespace: namespace)
        } catch let error as InvalidOption {
            throw ValidationError(error.description)
        } catch {
            throw ValidationError("--namespace: \(error)")
        }
    }

    /// The URL to connect to, with the password from `--redis-password-file` applied.
    ///
    /// - Throws: ``InvalidOption`` naming the option (or environment variable) that is wrong.
    func resolvedURL() throws(InvalidOption) -> RedisURL {
        let (text, origin): (String, String)
        if let url {
            (text, origin) = (url, "--redis")
        } else if let fromEnvironment = ProcessInfo.processInfo.environment[Self.environmentVariable], !fromEnvironment.isEmpty {
            (text, origin) = (fromEnvironment, "$\(Self.environmentVariable)")
        } else {
            (text, origin) = ("redis://127.0.0.1:6379/0", "the default URL")
        }
        var parsed: RedisURL
        do {
            parsed = try RedisURL(text)
        } catch {
            // Some parse errors quote the text, which may carry a password.
            throw .url(origin: origin, reason: error.description.replacingOccurrences(of: text, with: Self.redactedText(text)))
        }
        let environment = ProcessInfo.processInfo.environment[Self.passwordFileVariable].flatMap { $0.isEmpty ? nil : $0 }
        if let passwordFile = passwordFile ?? environment {
            do {
                parsed = parsed.withPassword(try RedisPasswordFile.read(path: passwordFile))
            } catch {
                throw .passwordFile(error.description)
            }
        }
        if parsed.password?.hasPrefix(Self.placeholderPasswordPrefix) == true { throw .placeholderPassword(user: parsed.user) }
        return parsed
    }

    /// Connects, checks that the server answers (and accepts the credentials), and returns the
    /// deployment's lanes (with the partition count Redis holds).
    ///
    /// Prints a clear error with the redacted URL and exits 1 when Redis cannot be used.
    func openLaneStore(clientName: String) throws -> LaneStore {
        let redisURL: RedisURL
        let keys: LaneKeys
        do {
            redisURL = try resolvedURL()
            keys = try LaneKeys(namespace: namespace)
        } catch {
            Diagnostics.error("\(error)")
            throw ExitStatus.usage
        }
        let connection: RedisConnection
        do {
            connection = try RedisConnection(url: redisURL, options: RedisConnectionOptions(clientName: clientName))
            try connection.ping()
        } catch {
            Diagnostics.error(Self.explain(error, url: redisURL))
            throw ExitStatus.failure
        }
        do {
            return LaneStore(connection: connection, keys: try LaneStore.resolvedKeys(keys, connection: connection))
        } catch {
            Diagnostics.error(Self.explain(error, url: redisURL))
            throw ExitStatus.failure
        }
    }

    /// `text` with the password part of its user information replaced by `***`, for URLs that
    /// did not parse (a parsed URL redacts itself).
    static func redactedText(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@") else { return text }
        let start = text.range(of: "://")?.upperBound ?? text.startIndex
        guard start <= at, let colon = text[start..<at].firstIndex(of: ":") else { return text }
        return String(text[...colon]) + "***" + String(text[at...])
    }

    /// A message for a Redis failure that names the (redacted) server and what to do.
    static func explain(_ error: RedisError, url: RedisURL) -> String {
        switch error {
        case .connectionFailed(_, let reason):
            return "cannot connect to Redis at \(url.redacted): \(reason) (is redis-server running? set --redis or $\(environmentVariable))"
        case .authenticationFailed(let detail):
            // The connection's detail already carries the URL's user hint.
            return "Redis at \(url.redacted) refused the credentials: \(detail)"
        case .server(let serverError) where serverError.code == "NOAUTH":
            let user = url.aclUserHint.map { "; \($0)" } ?? ""
            return "Redis at \(url.redacted) requires a password: give it with --redis-password-file (or $\(passwordFileVariable)) or in the URL\(user)"
        case .server(let serverError) where serverError.code == "WRONGPASS":
            let user = url.aclUserHint.map { " (\($0))" } ?? ""
            return "Redis at \(url.redacted) refused the credentials: \(serverError.message)\(user)"
        case .server(let serverError) where isPermissionRefusal(serverError):
            let user = url.user.map { "the user '\($0)'" } ?? "the default user"
            return "Redis at \(url.redacted) refused a command to \(user): \(serverError.message) (\(Self.roleHint))"
        default:
            return "Redis at \(url.redacted): \(error)"
        }
    }

    /// Which user of the shipped ACL each command connects as.
    static let roleHint = "with ops/redis/users.acl, connect as the user of the command's role: intake for submit and intake, "
        + "worker for workers, operator for status, dlq, quarantine, brand and deployment show, "
        + "admin for deployment init and recover, migrate and doctor"

    /// An ACL refusal: of the command itself (`NOPERM`), or of a command run inside a library
    /// function (Redis reports that one as `ERR`).
    private static func isPermissionRefusal(_ serverError: RedisServerError) -> Bool {
        serverError.code == "NOPERM" || serverError.message.contains("The user executing the script can't")
    }

    /// A message for a failed lane operation, naming the (redacted) server.
    static func explain(_ error: LanesError, url: RedisURL) -> String {
        switch error {
        case .redis(let redisError): return explain(redisError, url: url)
        case .unexpectedReply, .deploymentUnreadable, .libraryNotLoaded, .migrationNeeded, .retentionUnreadable, .recordUnreadable,
             .partitionsMismatch, .partitionCountFixed:
            return "Redis at \(url.redacted): \(error)"
        case .deploymentMissing: return "Redis at \(url.redacted): \(error)"
        }
    }
}

extension RedisOptions {
    /// Why the Redis options cannot be used.
    enum InvalidOption: Error, CustomStringConvertible {
        /// The URL (from `origin`) does not parse.
        case url(origin: String, reason: String)
        /// The password file cannot be used.
        case passwordFile(String)
        /// The password (of `user`, nil: the default user) is still a placeholder of the shipped ACL file.
        case placeholderPassword(user: String?)

        var description: String {
            switch self {
            case let .url(origin, reason): return "\(origin): \(reason)"
            case let .passwordFile(reason): return "--redis-password-file: \(reason)"
            case .placeholderPassword(let user):
                let whose = user.map { "the password of the Redis user '\($0)'" } ?? "the Redis password"
                return "\(whose) is still the placeholder of ops/redis/users.acl (REPLACE-WITH-…): "
                    + "set a real password for the user in the ACL file and the same in the password file"
            }
        }
    }
}
