import Foundation
import TicketQLanes
import TicketQTestSupport
import Testing

/// `ticketq brand high-volume` against a real redis-server.
struct BrandHighVolumeCommandTests {
    @Test func onAndOffAreRecordedInInstantOrder() throws {
        let context = try OperatorTestContext()
        let on = try context.run(["brand", "high-volume", "pandorana", "on", "--at", "2026-11-27T05:00:00Z"])
        #expect(on.status == 0, "\(on.stderr)")
        #expect(on.stdout == "pandorana: high-volume on from 2026-11-27T05:00:00Z\n")
        let off = try context.run(["brand", "high-volume", "pandorana", "off", "--at", "2026-11-30T10:00:00-05:00"])
        #expect(off.status == 0)
        // Recorded late, but earlier in time: it goes first.
        let early = try context.run(["brand", "high-volume", "pandorana", "off", "--at", "2026-11-01T00:00:00Z"])
        #expect(early.status == 0)

        let changes = try context.lanes.highVolumeChanges(brand: "pandorana")
        #expect(changes.map(\.atMillis) == [1_793_491_200_000, 1_795_755_600_000, 1_796_050_800_000])
        #expect(changes.map(\.on) == [false, true, false])
        #expect(try context.lanes.highVolumeChanges()["mejurn"] == nil)
    }

    @Test func withoutAnInstantTheChangeIsNow() throws {
        let context = try OperatorTestContext()
        let before = OperatorTestContext.nowMillis
        let output = try context.run(["brand", "high-volume", "mejurn", "on"])
        #expect(output.status == 0, "\(output.stderr)")
        let change = try #require(try context.lanes.highVolumeChanges(brand: "mejurn").first)
        #expect(change.on)
        // The Redis server runs on this machine, so its clock is this clock.
        #expect(change.atMillis >= before - 1000 && change.atMillis <= OperatorTestContext.nowMillis + 1000)
    }

    @Test func showPrintsTheCurrentStateAndRecentChanges() throws {
        let context = try OperatorTestContext()
        let never = try context.run(["brand", "high-volume", "mejurn"])
        #expect(never.status == 0, "\(never.stderr)")
        #expect(never.stdout == "mejurn: high-volume off (never switched on)\n")

        let now = OperatorTestContext.nowMillis
        try context.lanes.setHighVolume(brand: "mejurn", on: true, atMillis: now - 7_200_000)
        try context.lanes.setHighVolume(brand: "mejurn", on: false, atMillis: now - 3_600_000)
        try context.lanes.setHighVolume(brand: "mejurn", on: true, atMillis: 1_764_232_200_000)
        try context.lanes.setHighVolume(brand: "mejurn", on: false, atMillis: 4_102_444_800_000)
        let shown = try context.run(["brand", "high-volume", "mejurn"])
        #expect(shown.status == 0)
        let lines = shown.stdout.split(separator: "\n")
        #expect(lines[0].hasPrefix("mejurn: high-volume off since "))
        #expect(lines[1] == "scheduled: off at 2100-01-01T00:00:00Z")
        #expect(shown.stdout.contains("recent changes"))
        let rows = lines.filter { $0.first?.isNumber == true }
        #expect(rows.count == 4)
        #expect(rows[0].hasPrefix("2100-01-01T00:00:00Z"))
        #expect(rows[0].hasSuffix("scheduled"))

        let limited = try context.run(["brand", "high-volume", "mejurn", "--recent", "1"])
        #expect(limited.stdout.split(separator: "\n").filter { $0.first?.isNumber == true }.count == 1)
    }

    @Test func unknownBrandIsRefusedAndNothingIsRecorded() throws {
        let context = try OperatorTestContext()
        let output = try context.run(["brand", "high-volume", "acme", "on"])
        #expect(output.status == 64)
        #expect(output.stderr.contains("unknown brand \"acme\""))
        #expect(output.stderr.contains("mejurn, pandorana"))
        #expect(try context.lanes.highVolumeChanges().isEmpty)
    }

    @Test func badPositionsAndInstantsAreUsageErrors() throws {
        let context = try OperatorTestContext()
        let position = try context.run(["brand", "high-volume", "mejurn", "maybe"])
        #expect(position.status == 64)
        let instant = try context.run(["brand", "high-volume", "mejurn", "on", "--at", "tomorrow"])
        #expect(instant.status == 64)
        #expect(instant.stderr.contains("--at"))
        let atWithoutPosition = try context.run(["brand", "high-volume", "mejurn", "--at", "2026-11-27T05:00:00Z"])
        #expect(atWithoutPosition.status == 64)
        #expect(try context.lanes.highVolumeChanges().isEmpty)
    }
}
