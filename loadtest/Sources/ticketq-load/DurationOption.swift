import ArgumentParser
import TicketQLoad

/// Checks a duration option in `validate()`, so that a bad one is a usage error (exit 64).
enum DurationOption {
    static func check(_ text: String?, _ option: String) throws {
        guard let text else { return }
        do {
            _ = try LoadDuration.seconds(text, option: option)
        } catch {
            throw ValidationError(error.description)
        }
    }
}
