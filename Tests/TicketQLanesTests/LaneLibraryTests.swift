import Foundation
import Testing
import TicketQCore
@testable import TicketQLanes
import TicketQRedis
import TicketQTestSupport

/// The function library: what is compiled in, how it is loaded and replaced, and what a process
/// of another library version meets.
struct LaneLibraryTests {
    static let luaFile = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/TicketQLanes/Library/ticketq.lua")

    @Test("the compiled-in library is ticketq.lua (run scripts/embed-lua.sh after editing it)")
    func theEmbeddedSourceIsTheLuaFile() throws {
        let onDisk = try String(contentsOf: Self.luaFile, encoding: .utf8)
        #expect(LaneLibrary.source + "\n" == onDisk)
        #expect(onDisk.contains("\nlocal VERSION = \(LaneLibrary.version)\n"))
    }

    @Test("every function declares, by name and in order, the keys its Swift wrapper passes")
    func declaredKeysMatchTheWrappers() throws {
        let source = LaneLibrary.source
        let pattern = try NSRegularExpression(pattern: #"register\('([a-z_]+)',\s*\{([^}]*)\}"#)
        var declared: [String: [String]] = [:]
        for match in pattern.matches(in: source, range: NSRange(source.startIndex..., in: source)) {
            let name = String(source[Range(match.range(at: 1), in: source)!])
            let list = String(source[Range(match.range(at: 2), in: source)!])
            declared[name] = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespacesAndNewlines).trimmingCharacters(in: CharacterSet(charactersIn: "'")) }
                .filter { !$0.isEmpty }
        }
        #expect(declared.count == LaneFunction.all.count)
        #expect(Set(LaneFunction.all.map(\.name)).count == LaneFunction.all.count)
        for function in LaneFunction.all {
            #expect(declared[function.name] == function.keys.map(\.rawValue), "\(function.name)")
        }
    }

    @Test func loadingIsOwnedByOneCallAndASecondLoadChangesNothing() throws {
        let server = try RedisServerProcess()
        let store = LaneStore(connection: try RedisConnection(url: try RedisURL(server.url)), keys: try LaneKeys(namespace: "lib"))
        #expect(try store.installedLibraryVersion() == nil)
        // Without the library every operation names the command that loads it.
        let missing = #expect(throws: LanesError.self) { try store.snapshot() }
        #expect(missing.map { "\($0)" }?.contains("ticketq migrate") == true)
        #expect(try store.installLibrary() == .loaded)
        #expect(try store.installedLibraryVersion() == LaneLibrary.version)
        #expect(try store.installLibrary() == .unchanged)
        try store.requireLibrary()
        #expect(try store.snapshot().inFlight == 0)
    }

    @Test func aLibraryOfAnotherVersionIsReplacedNeverMixed() throws {
        let server = try RedisServerProcess()
        let connection = try RedisConnection(url: try RedisURL(server.url))
        let store = LaneStore(connection: connection, keys: try LaneKeys(namespace: "lib"))
        // What a later release would have loaded: the same library name, another version.
        let other = """
            #!lua name=ticketq
            redis.register_function{function_name='ticketq_version', flags={'no-writes'}, callback=function() return 99 end}
            redis.register_function{function_name='ticketq_v99_claim', callback=function() return 0 end}
            """
        try connection.command("FUNCTION", "LOAD", other)
        #expect(try store.installedLibraryVersion() == 99)
        let refused = #expect(throws: LanesError.self) { try store.requireLibrary() }
        guard case .libraryNotLoaded = refused else { Issue.record("expected libraryNotLoaded, got \(String(describing: refused))"); return }
        // This release's calls find none of their functions: nothing of version 99 runs for them.
        #expect(throws: LanesError.self) { try store.claim(worker: "w", batchSize: 1) }
        #expect(try store.installLibrary() == .replaced(previousVersion: 99))
        #expect(try store.installedLibraryVersion() == LaneLibrary.version)
        let libraries = try connection.command("FUNCTION", "LIST", "LIBRARYNAME", "ticketq")
        #expect(libraries.array?.count == 1)
        #expect("\(LaneLibraryInstallation.replaced(previousVersion: 99))".contains("replacing version 99"))
    }

    @Test func functionsADrainingClusterNeedsRunOverMaxmemoryAndSubmitsAreRefused() throws {
        let context = try LaneTestContext()
        let due = LaneTestContext.nowMillis
        let big = String(repeating: "x", count: 16 * 1024)
        _ = try context.store.submit((0..<40).map { LaneTestContext.entry("m\($0)", .standard, due: due + Int64($0), payload: big) })
        let used = try #require(try Self.usedMemory(context.store.connection))
        try context.store.connection.command("CONFIG", "SET", "maxmemory-policy", "noeviction")
        try context.store.connection.command("CONFIG", "SET", "maxmemory", String(used - 64 * 1024))
        // Full: a new ticket is refused with Redis's OOM error, nothing of it written.
        let refused = #expect(throws: LanesError.self) {
            try context.store.submit([LaneTestContext.entry("late", .standard, due: due)])
        }
        guard case let .redis(redisError) = refused else { Issue.record("expected a Redis error, got \(String(describing: refused))"); return }
        #expect(redisError.serverError?.code == "OOM")
        // Everything a worker does to drain still runs.
        #expect(try context.store.register(worker: "w", instance: "i", recordJSON: "{}", ttl: .seconds(30)))
        #expect(try context.store.heartbeat(worker: "w", instance: "i", recordJSON: "{}", ttl: .seconds(30)))
        #expect(try context.store.leadCollector(instance: "i", ttl: .seconds(30)))
        var acknowledged = 0
        while true {
            let batch = try context.store.claim(worker: "w", batchSize: 7)
            if batch.tickets.isEmpty { break }
            #expect(try context.store.renew(batch.tickets.map(\.lease)).allSatisfy { $0 })
            let flags = try context.store.acknowledge(batch.tickets.map(\.lease), journalWorker: "w")
            acknowledged += flags.filter { $0 }.count
        }
        #expect(acknowledged == 40)
        _ = try context.store.reap()
        try context.store.deregister(worker: "w", instance: "i")
        // The drained tickets made room: submits are accepted again.
        #expect(try context.store.submit([LaneTestContext.entry("late", .standard, due: due)]) == [.accepted])
    }

    static func usedMemory(_ connection: RedisConnection) throws -> Int? {
        let info = try connection.command("INFO", "memory").string ?? ""
        let line = info.split(whereSeparator: \.isNewline).first { $0.hasPrefix("used_memory:") }
        return line.flatMap { Int($0.dropFirst("used_memory:".count)) }
    }
}
