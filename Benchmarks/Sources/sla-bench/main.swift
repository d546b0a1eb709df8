import Foundation
import TicketQConfig
import TicketQCore

// Measures due-date computations per second on one core (this process runs one thread) for the
// brand calendars: the raw engine per target unit, and full policy resolution per brand.
// Usage: sla-bench [--iterations N] [--smoke]

struct Options {
    var iterations = 2_000_000
    var smoke = false

    static func parse() -> Options {
        var options = Options()
        var arguments = CommandLine.arguments.dropFirst()
        while let argument = arguments.popFirst() {
            switch argument {
            case "--iterations": options.iterations = Int(arguments.popFirst() ?? "") ?? options.iterations
            case "--smoke": options.smoke = true
            default:
                FileHandle.standardError.write(Data("usage: sla-bench [--iterations N] [--smoke]\n".utf8))
                exit(64)
            }
        }
        return options
    }
}

let options = Options.parse()
let iterations = options.iterations
let smoke = options.smoke

let catalog = try PolicyCatalog.embedded()
var generator = SplitMix64(seed: 42)
// Receipts spread over 2025–2027, well inside coverage so that multi-day targets stay covered.
let start = try RFC3339.parse("2025-01-01T00:00:00Z").secondsSinceEpoch
let span: Int64 = 3 * 365 * 86_400
let receipts = (0..<4096).map { _ in Instant(secondsSinceEpoch: start + Int64.random(in: 0..<span, using: &generator)) }

func measure(_ label: String, _ body: (Instant) throws -> Int64) rethrows -> Double {
    var checksum: Int64 = 0
    let clock = ContinuousClock()
    let elapsed = try clock.measure {
        for index in 0..<iterations {
            checksum &+= try body(receipts[index & 4095])
        }
    }
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let rate = Double(iterations) / seconds
    let padded = label.padding(toLength: 50, withPad: " ", startingAt: 0)
    print("\(padded) \(String(format: "%12.0f", rate)) /s   (checksum \(checksum & 0xFFFF))")
    return rate
}

print("sla-bench: \(iterations) computations per row, one thread")
var rates: [Double] = []
for calendarID in ["pandorana-us-ny", "mejurn-uk-london"] {
    let calendar = catalog.calendars[calendarID]!
    let targets: [SLATarget] = [
        .calendarHours(minutes: 24 * 60), .businessHours(minutes: 24 * 60), .businessHours(minutes: 48 * 60),
        .businessDays(2), .sameBusinessDay(cutoff: WallTime("14:00")!),
    ]
    for target in targets {
        rates.append(try measure("\(calendarID) \(target)") { try calendar.due(for: target, receivedAt: $0).due.secondsSinceEpoch })
    }
}
for brand in ["pandorana", "mejurn"] {
    let policy = catalog.brands[brand]!
    let categories = policy.categories.keys.sorted()
    rates.append(try measure("\(brand) full policy resolution") { receipt in
        let category = categories[Int(receipt.secondsSinceEpoch & 7) % categories.count]
        let facts = TicketFacts(category: category, complex: receipt.secondsSinceEpoch & 16 == 0)
        return try SLAEngine.resolve(receivedAt: receipt, policy: policy, facts: facts).due.secondsSinceEpoch
    })
}
let slowest = rates.min() ?? 0
print(String(format: "slowest row: %.0f /s (target ≥ 1,000,000 /s)", slowest))
if !smoke && slowest < 1_000_000 { exit(1) }
