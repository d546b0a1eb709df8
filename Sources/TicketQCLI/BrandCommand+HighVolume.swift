import ArgumentParser
import TicketQConfig
import TicketQCore
import TicketQLanes
import TicketQRedis
import TicketQStore

extension BrandCommand {
    /// `ticketq brand high-volume NAME [on|off] [--at T]`: record or show a brand's high-volume switch.
    struct HighVolume: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "high-volume",
            abstract: "Turn a brand's high-volume switch on or off, or show it.",
            discussion: """
                While the switch is on, the brand's eligible tickets get its high-volume response target \
                (e.g. up to 48 hours). Every change is recorded with its instant and intake evaluates the \
                switch at each ticket's receipt time, so tickets received before a change keep the old \
                state. --at records a change at another instant (default: now, by the Redis server's clock). \
                The last \(LaneStore.highVolumeHistoryLimit) changes per brand are kept. \
                Without on|off, prints the current state and the recent changes.
                """
        )

        /// The switch positions.
        enum Position: String, ExpressibleByArgument, CaseIterable {
            case on
            case off
        }

        @Argument(help: "The brand name (as in the policies).")
        var brand: String

        @Argument(help: "on or off; omit to show the switch.")
        var position: Position?

        @Option(help: ArgumentHelp("When the change takes effect, RFC 3339 (default: now).", valueName: "time"))
        var at: String?

        @Option(help: "How many recent changes to show.")
        var recent = 10

        @OptionGroup var policies: PolicyOptions

        @OptionGroup var redis: RedisOptions

        func validate() throws {
            if at != nil && position == nil { throw ValidationError("--at needs on or off: ticketq brand high-volume \(brand) on --at TIME") }
            guard recent >= 0 else { throw ValidationError("--recent must not be negative, got \(recent)") }
            _ = try atMillis()
        }

        func atMillis() throws(ValidationError) -> Int64? {
            guard let at else { return nil }
            do {
                return try RFC3339.parse(at).secondsSinceEpoch * 1000
            } catch {
                throw ValidationError("--at: \(error.reason)")
            }
        }

        func run() throws {
            let catalog = try policies.loadCatalog()
            guard catalog.brands[brand] != nil else {
                Diagnostics.error("unknown brand \"\(brand)\"; configured brands: \(catalog.brands.keys.sorted().joined(separator: ", "))")
                throw ExitStatus.usage
            }
            let lanes = try redis.openLaneStore(clientName: "ticketq-brand")
            do {
                if let position {
                    let recorded = try lanes.setHighVolume(brand: brand, on: position == .on, atMillis: try atMillis())
                    print("\(brand): high-volume \(position.rawValue) from \(UTCTimestamp.format(milliseconds: recorded))")
                } else {
                    try show(lanes)
                }
            } catch let error as LanesError {
                Diagnostics.error(RedisOptions.explain(error, url: lanes.connection.url))
                throw ExitStatus.failure
            }
        }

        private func show(_ lanes: LaneStore) throws(LanesError) {
            let changes = try lanes.highVolumeChanges(brand: brand)
            let now = try serverTimeMillis(lanes)
            let state = HighVolumeState(changes: changes, at: now)
            var line = "\(brand): high-volume \(state.isOn ? "on" : "off")"
            if let since = state.since { line += " since \(UTCTimestamp.format(milliseconds: since))" } else { line += " (never switched on)" }
            print(line)
            if let next = state.next {
                print("scheduled: \(next.on ? "on" : "off") at \(UTCTimestamp.format(milliseconds: next.atMillis))")
            }
            guard !changes.isEmpty, recent > 0 else { return }
            print("")
            print("recent changes (UTC), newest first:")
            let rows = changes.suffix(recent).reversed().map { change in
                [UTCTimestamp.format(milliseconds: change.atMillis), change.on ? "on" : "off", change.atMillis > now ? "scheduled" : ""]
            }
            print(TextTable.render(header: ["at", "switch", ""], rows: rows))
        }

        /// Redis `TIME` in epoch milliseconds: the clock intake and the lane scripts use.
        private func serverTimeMillis(_ lanes: LaneStore) throws(LanesError) -> Int64 {
            let reply: RedisReply
            do {
                reply = try lanes.connection.command("TIME")
            } catch {
                throw .redis(error)
            }
            guard let parts = reply.array, parts.count == 2, let seconds = parts[0].int, let micros = parts[1].int else {
                throw .unexpectedReply(operation: "time", reply: "\(reply)")
            }
            return seconds * 1000 + micros / 1000
        }
    }
}
