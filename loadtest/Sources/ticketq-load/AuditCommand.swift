import ArgumentParser
import Foundation
import TicketQLanes
import TicketQLoad
import TicketQRedis

/// `ticketq-load audit --redis URL --store PATH…`: the books of a deployment after an incident.
struct AuditCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check that every ticket a deployment accepted has exactly one accepted outcome, or is still queued, in flight, retrying or dead-lettered.",
        discussion: """
            The accepted tickets are the ids in Redis's dedupe window (every ticket accepted within it, \
            24 hours by default); the outcomes are read from every worker's store. Prints the counts \
            and every exception: a ticket lost (no outcome and nothing left in Redis) or duplicated (an \
            accepted outcome in several stores). Outcome rows their worker has not confirmed yet are \
            counted apart: the worker settles them when it next runs. Exit status: 0 no exception, 1 \
            exceptions, 2 Redis or a store could not be read.
            """
    )

    @Option(help: ArgumentHelp("The deployment's Redis.", valueName: "url"))
    var redis: String

    @Option(name: .customLong("store"), help: ArgumentHelp("A worker's outcome store (repeat for every worker).", valueName: "path"))
    var stores: [String] = []

    @Option(help: "The lanes' key namespace.")
    var namespace = "ticketq"

    @Flag(help: "Print the audit as JSON.")
    var json = false

    func validate() throws {
        guard !stores.isEmpty else { throw ValidationError("give --store for every worker's outcome store") }
    }

    func run() throws {
        let audit: DeploymentAudit
        do {
            let url: RedisURL
            do { url = try RedisURL(redis) } catch { throw LoadError("--redis: \(error)") }
            let keys: LaneKeys
            do { keys = try LaneKeys(namespace: namespace) } catch { throw LoadError("--namespace: \(error)") }
            let connection: RedisConnection
            do { connection = try RedisConnection(url: url) } catch { throw LoadError("cannot connect to Redis at \(url): \(error)") }
            audit = try DeploymentAudit(lanes: LaneStore(connection: connection, keys: LaneStore.resolvedKeys(keys, connection: connection)), storePaths: stores)
        } catch {
            FileHandle.standardError.write(Data("ticketq-load: error: \(error)\n".utf8))
            throw ExitCode(2)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            let data = (try? encoder.encode(audit)) ?? Data()
            print(String(decoding: data, as: UTF8.self))
        } else {
            print(audit.text)
        }
        if !audit.passed { throw ExitCode(1) }
    }
}
