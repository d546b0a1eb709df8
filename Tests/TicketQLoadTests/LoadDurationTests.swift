import Testing
import TicketQLoad

struct LoadDurationTests {
    @Test(arguments: [("250ms", 0.25), ("30s", 30), ("5m", 300), ("1h", 3600), ("1h30m", 5400), ("1.5s", 1.5), ("2d", 172_800), (" 10s ", 10)])
    func readsDurations(text: String, seconds: Double) throws {
        #expect(try LoadDuration.seconds(text, option: "--duration") == seconds)
    }

    @Test(arguments: ["", "30", "s", "10x", "-5s", "0s", "1h30", "five seconds"])
    func rejectsWhatIsNotADuration(text: String) {
        #expect {
            try LoadDuration.seconds(text, option: "--duration")
        } throws: { error in
            "\(error)".hasPrefix("--duration:")
        }
    }

    @Test func writesDurationsBack() {
        #expect(LoadDuration.format(90) == "1m30s")
        #expect(LoadDuration.format(0.25) == "250ms")
        #expect(LoadDuration.format(50_700) == "14h5m")
    }
}
