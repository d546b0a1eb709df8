import ArgumentParser
import TicketQConfig

/// `--policies DIR`: where brand policies and calendars come from.
struct PolicyOptions: ParsableArguments {
    @Option(
        name: .customLong("policies"),
        help: ArgumentHelp(
            "Directory with brands/ and calendars/ (default: $TICKETQ_CONFIG_DIR, else /etc/ticketq, else the built-in policies).",
            valueName: "dir"
        )
    )
    var directory: String?

    /// Loads and validates the catalog; prints every problem and exits 78 when a file is bad.
    func loadCatalog() throws -> PolicyCatalog {
        do {
            let catalog = try PolicyCatalog.load(directory: directory)
            catalog.warnings.forEach(Diagnostics.warning)
            return catalog
        } catch {
            for problem in error.errors { Diagnostics.error(problem.description) }
            throw ExitStatus.configuration
        }
    }
}
