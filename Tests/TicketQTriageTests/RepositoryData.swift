import Foundation
import TicketQTriage

/// The data files shipped in the repository's `data/` folder, found from this file's location.
enum RepositoryData {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("data")

    static var bitextCSV: URL { folder.appendingPathComponent("bitext-customer-support-utterances.csv") }

    static var shippedModel: URL { folder.appendingPathComponent("triage-model.bin") }

    static func bitextExamples() throws -> [LabelledUtterance] {
        try LabelledCSV.examples(path: bitextCSV.path)
    }

    /// Every `stride`-th example of each intent, a small but complete sample for fast tests.
    static func sample(_ examples: [LabelledUtterance], stride: Int) -> [LabelledUtterance] {
        var seen: [String: Int] = [:]
        return examples.filter { example in
            defer { seen[example.intent, default: 0] += 1 }
            return seen[example.intent, default: 0] % stride == 0
        }
    }
}
