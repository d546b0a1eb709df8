import ArgumentParser
import Foundation
import TicketQLoad

/// `ticketq-load profiles`: lists the built-in profiles.
struct ProfilesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "profiles", abstract: "List the built-in arrival profiles.")

    func run() throws {
        for (name, about) in ProfileCatalog.descriptions {
            let profile = try ProfileCatalog.profile(name)
            print("\(name.padding(toLength: 14, withPad: " ", startingAt: 0)) \(about); default peak \(Int(profile.peakRate))/s over \(LoadDuration.format(profile.duration)), about \(Int(profile.expectedCount)) tickets")
        }
    }
}
