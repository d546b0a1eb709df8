import ArgumentParser
import Foundation
import TicketQStore

extension OutcomesCommand {
    /// `--db PATH`: the outcome store to read.
    struct StoreOptions: ParsableArguments {
        /// The environment variable read when `--db` is not given.
        static let environmentVariable = "TICKETQ_DB"
        /// The file name used in the current directory when neither `--db` nor the variable is set.
        static let defaultFileName = "ticketq-outcomes.db"

        @Option(
            name: .customLong("db"),
            help: ArgumentHelp(
                "The outcome store (default: $\(environmentVariable), else \(defaultFileName) in the current directory).",
                valueName: "path"
            )
        )
        var path: String?

        /// The path to open.
        var resolvedPath: String {
            if let path { return path }
            if let fromEnvironment = ProcessInfo.processInfo.environment[Self.environmentVariable], !fromEnvironment.isEmpty {
                return fromEnvironment
            }
            return Self.defaultFileName
        }

        /// Opens the store read-only; prints the reason and exits 1 when it is missing or unusable.
        func openReadOnly() throws -> OutcomeStore {
            let path = resolvedPath
            do {
                return try OutcomeStore(path: path, mode: .readOnly)
            } catch let error as StoreError {
                Diagnostics.error(error.description)
                throw ExitStatus.failure
            } catch {
                Diagnostics.error("cannot open outcome store \(path): \(error)")
                throw ExitStatus.failure
            }
        }
    }
}
