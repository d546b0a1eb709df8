import Foundation
import TicketQCore
@testable import TicketQLanes
import TicketQRedis
import Testing

/// Dead letters and quarantined messages are kept within an age and a byte limit; what is
/// evicted is returned by id and counted.
struct LaneRetentionTests {
    let due = LaneTestContext.nowMillis + 3_600_000
    let info = #"{"reason":"handler_failed"}"#

    /// The bytes a dead letter counts: its ticket record and its info.
    func stored(_ id: String) -> Int64 {
        let record = TicketRecord(
            lane: .standard, intakeLane: .standard, promoted: false, dueMillis: due, enqueuedMillis: LaneTestContext.nowMillis,
            payload: Array("payload-\(id)".utf8)
        )
        return Int64(record.encoded().count + info.count)
    }

    func deadLetter(_ context: LaneTestContext, _ ids: [String]) throws {
        _ = try context.store.submit(ids.map { LaneTestContext.entry($0, .standard, due: due) })
        for id in ids {
            // One at a time, so that each has its own dead-letter time.
            let ticket = try #require(try context.store.claim(worker: "w", batchSize: 1).tickets.first)
            #expect(ticket.lease.id == id)
            #expect(try context.store.deadLetter([(ticket.lease, info)]) == [true])
            Thread.sleep(forTimeInterval: 0.003)
        }
    }

    func counter(_ context: LaneTestContext, _ slot: LaneKeys.Slot) throws -> Int64 {
        try context.store.connection.command([Array("GET".utf8), context.store.keys.key(slot)]).string.flatMap { Int64($0) } ?? 0
    }

    @Test func deadLettersPastTheAgeLimitAreEvictedCountedAndGone() throws {
        let context = try LaneTestContext()
        var policy = RetentionPolicy.defaults
        policy.deadLetterMaxAgeMillis = 150
        try context.store.setRetentionPolicy(policy)
        try deadLetter(context, ["old-1", "old-2"])
        #expect(try counter(context, .deadBytes) == 2 * stored("old-1"))
        Thread.sleep(forTimeInterval: 0.3)
        try deadLetter(context, ["young"])
        let evicted = try context.store.enforceRetention()
        #expect(evicted.map(\.id) == ["old-1", "old-2"] && evicted.allSatisfy { $0.kind == .deadLetter && $0.reason == .age })
        #expect(evicted.first?.bytes == stored("old-1"))
        #expect(try context.store.deadLetters().map(\.id) == ["young"])
        #expect(try context.store.deadLetter(id: "old-1") == nil)
        #expect(try context.store.connection.command("HEXISTS", "{test}:ticket", "old-1").int == 0)
        #expect(try context.store.evictionCounts() == [.deadLetter: [.age: 2]])
        #expect(try counter(context, .deadBytes) == stored("young"))
        #expect(try context.store.enforceRetention().isEmpty)
    }

    @Test func theOldestDeadLettersGoWhileTheyHoldMoreThanTheByteLimit() throws {
        let context = try LaneTestContext()
        let each = stored("d1")
        var policy = RetentionPolicy.defaults
        policy.deadLetterMaxBytes = 2 * each
        try context.store.setRetentionPolicy(policy)
        try deadLetter(context, ["d1", "d2", "d3", "d4", "d5"])
        let evicted = try context.store.enforceRetention()
        #expect(evicted.map(\.id) == ["d1", "d2", "d3"] && evicted.allSatisfy { $0.reason == .bytes })
        #expect(try context.store.deadLetters().map(\.id) == ["d4", "d5"])
        #expect(try counter(context, .deadBytes) == 2 * each)
        // Requeueing and purging keep the count true.
        #expect(try context.store.requeueDeadLetters(["d4"]) == 1)
        #expect(try counter(context, .deadBytes) == each)
        #expect(try context.store.purgeDeadLetters() == 1)
        #expect(try counter(context, .deadBytes) == 0)
    }

    @Test func theQuarantineEvictsItsOldestToMakeRoomAndRefusesAMessageLargerThanItAll() throws {
        let context = try LaneTestContext()
        let raw = [UInt8](repeating: 0x61, count: 1000)
        let infoJSON = #"{"reason":"no_text"}"#
        let each = Int64(raw.count + infoJSON.count)
        var policy = RetentionPolicy.defaults
        policy.quarantineMaxBytes = 2 * each + 10
        try context.store.setRetentionPolicy(policy)
        #expect(try context.store.quarantine(id: "q1", infoJSON: infoJSON, raw: raw) == QuarantineAdmission(stored: true, evicted: []))
        Thread.sleep(forTimeInterval: 0.003)
        #expect(try context.store.quarantine(id: "q2", infoJSON: infoJSON, raw: raw).evicted.isEmpty)
        Thread.sleep(forTimeInterval: 0.003)
        let third = try context.store.quarantine(id: "q3", infoJSON: infoJSON, raw: raw)
        #expect(third.stored && third.evicted == [Eviction(kind: .quarantine, id: "q1", reason: .bytes, bytes: each)])
        #expect(try context.store.quarantined().keys.sorted() == ["q2", "q3"])
        #expect(try context.store.quarantinedMessage(id: "q1") == nil)
        // The same message again is kept once and evicts nothing.
        #expect(try context.store.quarantine(id: "q3", infoJSON: infoJSON, raw: raw) == QuarantineAdmission(stored: true, evicted: []))
        // Larger than the limit on its own: refused, nothing written, nothing evicted.
        let huge = [UInt8](repeating: 0x62, count: Int(3 * each))
        #expect(try context.store.quarantine(id: "huge", infoJSON: infoJSON, raw: huge) == QuarantineAdmission(stored: false, evicted: []))
        #expect(try context.store.quarantined().keys.sorted() == ["q2", "q3"])
        try context.store.releaseFromQuarantine(id: "q2")
        #expect(try counter(context, .quarantineBytes) == each)
        #expect(try context.store.evictionCounts() == [.quarantine: [.bytes: 1]])
    }

    @Test func quarantinedMessagesPastTheAgeLimitAreEvictedByTheRetentionRound() throws {
        let context = try LaneTestContext()
        var policy = RetentionPolicy.defaults
        policy.quarantineMaxAgeMillis = 150
        try context.store.setRetentionPolicy(policy)
        _ = try context.store.quarantine(id: "stale", infoJSON: "{}", raw: Array("raw".utf8))
        Thread.sleep(forTimeInterval: 0.3)
        _ = try context.store.quarantine(id: "fresh", infoJSON: "{}", raw: Array("raw".utf8)).evicted
        let evicted = try context.store.enforceRetention()
        // The insertion of "fresh" may already have evicted "stale"; either way it went for its age, once.
        let counts = try context.store.evictionCounts()
        #expect(counts == [.quarantine: [.age: 1]], "\(counts) \(evicted)")
        #expect(try context.store.quarantined().keys.sorted() == ["fresh"])
    }

    @Test func recountingBringsDataOfAReleaseBeforeRetentionUnderItsLimits() throws {
        let context = try LaneTestContext()
        try deadLetter(context, ["a", "b"])
        // The release before retention kept no byte counts and no quarantine times.
        let connection = context.store.connection
        try connection.command("DEL", "{test}:dead:bytes")
        try connection.command("HSET", "{test}:quarantine", "old-q", #"{"reason":"no_text"}"#)
        try connection.command("HSET", "{test}:quarantine:raw", "old-q", "raw message")
        let counts = try context.store.recountRetention()
        let deadBytes = 2 * stored("a")
        #expect(counts == RetentionCounts(deadLetterBytes: deadBytes, quarantineBytes: Int64(#"{"reason":"no_text"}"#.count + 11), quarantinedWithoutTime: 1))
        #expect(try counter(context, .deadBytes) == deadBytes)
        #expect(try context.store.recountRetention().quarantinedWithoutTime == 0)
        var policy = RetentionPolicy.defaults
        policy.quarantineMaxBytes = 5
        try context.store.setRetentionPolicy(policy)
        #expect(try context.store.enforceRetention().map(\.id) == ["old-q"])
    }

    @Test func thePolicyIsReadBackAndItsDefaultsAreTheLibrarys() throws {
        let context = try LaneTestContext()
        #expect(try context.store.retentionPolicy() == .defaults)
        #expect(try !context.store.hasRetentionPolicy())
        let policy = RetentionPolicy(deadLetterMaxAgeMillis: 1, deadLetterMaxBytes: 2, quarantineMaxAgeMillis: 3, quarantineMaxBytes: 4)
        try context.store.setRetentionPolicy(policy)
        #expect(try context.store.retentionPolicy() == policy)
        // The library applies the same defaults to a deployment without a policy.
        let source = LaneLibrary.source
        for (name, value) in RetentionPolicy.defaults.fields where name != "schema" {
            #expect(source.contains("\(name) = \(value)"), "\(name)")
        }
    }

    @Test func aPolicyThatCannotBeReadNamesWhy() throws {
        let complete = Dictionary(uniqueKeysWithValues: RetentionPolicy.defaults.fields.map { ($0.name, $0.value) })
        for field in complete.keys {
            var fields = complete
            fields[field] = nil
            #expect(throws: RetentionPolicyError.missingField(field)) { try RetentionPolicy(fields: fields) }
            fields[field] = "-3"
            #expect(throws: RetentionPolicyError.malformedField(field, "-3")) { try RetentionPolicy(fields: fields) }
        }
        var newer = complete
        newer["schema"] = "2"
        #expect(throws: RetentionPolicyError.newerSchema(2)) { try RetentionPolicy(fields: newer) }
    }
}
