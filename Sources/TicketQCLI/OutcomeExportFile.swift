import Foundation
import TicketQStore

/// A JSON Lines file that pruned outcomes are appended to, each batch on disk before it is deleted.
final class OutcomeExportFile {
    private let handle: FileHandle
    private let formatter = OutcomeJSONLFormatter()

    /// Opens (or creates) `path` for appending.
    init(path: String) throws {
        if !FileManager.default.fileExists(atPath: path) {
            guard FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o640]) else {
                throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
            }
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        try handle.seekToEnd()
    }

    deinit {
        try? handle.close()
    }

    /// Appends the outcomes and waits until they are on disk.
    func append(_ records: [OutcomeRecord]) throws {
        var text = ""
        for record in records { text += formatter.line(for: record) + "\n" }
        try handle.write(contentsOf: Data(text.utf8))
        try handle.synchronize()
    }
}
