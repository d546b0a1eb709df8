import Foundation
import TicketQTestSupport

/// A small tmpfs mounted inside a test directory (needs root), for running an outcome store out
/// of disk space: ``fill()`` takes every free byte, ``free()`` gives them back.
final class SmallTmpfs {
    let path: String
    private var filler: String { path + "/filler" }
    private var mounted = true

    /// Mounts a tmpfs of `size` (e.g. `16m`) at `directory/name`.
    init(size: String, at directory: TemporaryDirectory, name: String) throws {
        path = directory.file(name).path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        let output = try ProcessRunner.run(URL(fileURLWithPath: "/bin/mount"), ["-t", "tmpfs", "-o", "size=\(size)", "tmpfs", path])
        guard output.status == 0 else { throw SmallTmpfsError(message: "mount failed: \(output.stderr)") }
    }

    deinit { unmount() }

    /// Writes a file until the file system reports ENOSPC.
    /// - Returns: the bytes written.
    @discardableResult
    func fill() -> Int {
        let descriptor = open(filler, O_WRONLY | O_CREAT | O_APPEND, 0o644)
        guard descriptor >= 0 else { return 0 }
        defer { close(descriptor) }
        var total = 0
        for chunkSize in [1 << 20, 4096, 512, 1] {
            let chunk = [UInt8](repeating: 0x5A, count: chunkSize)
            while true {
                let written = chunk.withUnsafeBytes { write(descriptor, $0.baseAddress, chunkSize) }
                guard written > 0 else { break }
                total += written
            }
        }
        return total
    }

    /// Removes what ``fill()`` wrote.
    func free() {
        unlink(filler)
    }

    /// Unmounts (lazily, in case a process still holds a file open).
    func unmount() {
        guard mounted else { return }
        mounted = false
        _ = try? ProcessRunner.run(URL(fileURLWithPath: "/bin/umount"), ["-l", path])
    }
}

struct SmallTmpfsError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
