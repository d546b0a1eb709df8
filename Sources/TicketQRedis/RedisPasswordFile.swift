import Foundation

/// Reads a Redis password kept in a file, so secrets stay off the command line and out of `ps`.
public enum RedisPasswordFile {
    /// Returns the file's content with one trailing line ending (`\n` or `\r\n`) removed.
    ///
    /// Everything else, including leading or inner spaces, is part of the password.
    /// - Throws: ``RedisPasswordFileError`` when the file is missing, unreadable, empty or not UTF-8.
    public static func read(path: String) throws(RedisPasswordFileError) -> String {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadable(path: path, reason: Self.reason(for: error))
        }
        guard var text = String(data: data, encoding: .utf8) else {
            throw .notText(path: path)
        }
        // "\r\n" is one Character in Swift, so it needs its own check and is removed as a whole.
        if text.hasSuffix("\r\n") || text.hasSuffix("\n") {
            text.removeLast()
        }
        guard !text.isEmpty else { throw .empty(path: path) }
        return text
    }

    private static func reason(for error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if nsError.domain == NSCocoaErrorDomain, nsError.code == NSFileReadNoSuchFileError {
            return "no such file"
        }
        return nsError.localizedDescription
    }
}
