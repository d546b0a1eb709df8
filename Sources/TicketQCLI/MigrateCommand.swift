import ArgumentParser
import TicketQLanes
import TicketQRedis

/// `ticketq migrate`: brings a deployment's Redis side to what this release runs on.
struct MigrateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Bring a deployment's Redis side up to this release (load its function library).",
        discussion: """
            Loads this release's `ticketq` Redis function library (FUNCTION LOAD), replacing a library of \
            another version, and says what it did. Workers and intake only call the library: a release \
            whose library is not loaded refuses to start (exit 78) and names this command. Run it with a \
            Redis user allowed to load functions (the shipped ACL's `admin`), after upgrading the binaries \
            and before starting the new workers. Safe to run again at any time: a second run changes nothing.
            """
    )

    @OptionGroup var redis: RedisOptions

    func run() throws {
        let lanes = try redis.openLaneStore(clientName: "ticketq-migrate")
        let target = "Redis \(lanes.connection.url.redacted), namespace \(lanes.keys.namespace)"
        do {
            print("\(target): \(try lanes.installLibrary())")
            if let record = try lanes.deployment() {
                print("deployment \(record.id): its data needs no change for this release")
            } else {
                print("no deployment marker yet: run `ticketq deployment init` to create the deployment")
            }
        } catch {
            Diagnostics.error(RedisOptions.explain(error, url: lanes.connection.url))
            throw ExitStatus.failure
        }
    }
}
