import ArgumentParser
import Foundation
import TicketQLoad

/// Runs a scenario: sets up the context, prints the summary and exits with the run's status.
enum ScenarioLauncher {
    static func launch(_ name: String, _ cluster: ClusterOptions, peer: Bool = false, peersDirectory: String? = nil,
                       adjust: (inout ScenarioOptions) -> Void = { _ in },
                       _ body: (ScenarioContext) throws(LoadError) -> ScenarioResult) throws {
        let context: ScenarioContext
        do {
            var options = try cluster.scenarioOptions()
            options.peer = peer
            options.peersDirectory = peersDirectory
            adjust(&options)
            context = try ScenarioContext(options: options, scenario: name)
        } catch {
            FileHandle.standardError.write(Data("ticketq-load: error: \(error.description)\n".utf8))
            throw ExitCode(2)
        }
        let target = context.target
        let keep = context.options.keepCluster
        let interrupts = InterruptHandler { target.shutdown(keepDirectory: keep) }
        defer {
            withExtendedLifetime(interrupts) {}
            context.shutdown()
        }
        let result: ScenarioResult
        do {
            result = try body(context)
        } catch {
            FileHandle.standardError.write(Data("ticketq-load: error: \(error.description)\n".utf8))
            throw ExitCode(1)
        }
        print(SummaryText.render(result.summary))
        print("wrote \(result.files.joined(separator: ", "))")
        if result.exitStatus != 0 { throw ExitCode(result.exitStatus) }
    }
}
