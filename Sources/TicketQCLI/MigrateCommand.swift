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
            another version, and brings stored data up to what this release reads (retention's byte \
            counts and limits, delivery counts of tickets in flight, tickets kept in the payload and meta \
            hashes and the dedupe window of releases before ticket records, promotions kept in one sorted \
            set before lists by instant), saying what it did. Tickets move in batches, each \
            ticket whole in one atomic call, so a run stopped part-way is finished by running it again. Workers and intake only call the library: a release \
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
                let moved = try lanes.moveToTicketRecords()
                if moved > 0 {
                    print("deployment \(record.id): \(moved) tickets moved from the payload and meta hashes into ticket records")
                }
                let promotions = try lanes.moveToPromotionLists()
                if promotions > 0 {
                    print("deployment \(record.id): \(promotions) promotions moved into lists by instant")
                }
                let adjusted = try lanes.countDeliveriesOnEnd()
                if adjusted > 0 {
                    print("deployment \(record.id): \(adjusted) tickets in flight had their delivery counted at the claim; "
                        + "counted now when the delivery ends")
                }
                // Retention keeps byte counts and times that releases before it did not write.
                let counts = try lanes.recountRetention()
                if try !lanes.hasRetentionPolicy() {
                    try lanes.setRetentionPolicy(.defaults)
                    print("deployment \(record.id): retention limits written (the defaults; change them with `ticketq deployment retention`)")
                }
                print("deployment \(record.id): retention counts \(counts.deadLetterBytes) bytes of dead letters and \(counts.quarantineBytes) bytes of quarantined messages"
                    + (counts.quarantinedWithoutTime > 0 ? "; \(counts.quarantinedWithoutTime) quarantined messages count their age from now" : ""))
            } else {
                print("no deployment marker yet: run `ticketq deployment init` to create the deployment")
            }
        } catch {
            Diagnostics.error(RedisOptions.explain(error, url: lanes.connection.url))
            throw ExitStatus.failure
        }
    }
}
