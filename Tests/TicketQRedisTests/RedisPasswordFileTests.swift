import Foundation
import Testing
import TicketQRedis
import TicketQTestSupport

struct RedisPasswordFileTests {
    @Test(arguments: [
        ("s3cret\n", "s3cret"),
        ("s3cret", "s3cret"),
        ("s3cret\r\n", "s3cret"),
        ("s3cret\n\n", "s3cret\n"),
        (" spaced pass \n", " spaced pass "),
    ])
    func trimsExactlyOneTrailingLineEnding(content: String, expected: String) throws {
        let directory = try TemporaryDirectory()
        let file = directory.file("password")
        try content.write(to: file, atomically: true, encoding: .utf8)
        #expect(try RedisPasswordFile.read(path: file.path) == expected)
    }

    @Test func missingFileIsATypedError() throws {
        let directory = try TemporaryDirectory()
        let path = directory.file("absent").path
        let error = #expect(throws: RedisPasswordFileError.self) { try RedisPasswordFile.read(path: path) }
        guard case .unreadable(let reportedPath, _) = error else {
            Issue.record("expected .unreadable, got \(String(describing: error))")
            return
        }
        #expect(reportedPath == path)
        #expect(error?.description.contains(path) == true)
    }

    @Test func emptyFileIsATypedError() throws {
        let directory = try TemporaryDirectory()
        let file = directory.file("empty")
        try "\n".write(to: file, atomically: true, encoding: .utf8)
        #expect(throws: RedisPasswordFileError.empty(path: file.path)) { try RedisPasswordFile.read(path: file.path) }
    }

    @Test func binaryFileIsATypedError() throws {
        let directory = try TemporaryDirectory()
        let file = directory.file("binary")
        try Data([0xFF, 0xFE, 0x00]).write(to: file)
        #expect(throws: RedisPasswordFileError.notText(path: file.path)) { try RedisPasswordFile.read(path: file.path) }
    }
}
