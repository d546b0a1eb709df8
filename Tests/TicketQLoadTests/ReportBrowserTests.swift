import Foundation
import Testing
import TicketQTestSupport

/// `report.html` opened in headless Chromium: every plot is an `<svg>` with data paths, and a
/// screenshot of it is not blank.
@Suite(.serialized)
struct ReportBrowserTests {
    private func chromium(_ arguments: [String]) async throws -> ProcessOutput {
        let browser = try RequiredTool.path("chromium", package: "chromium")
        let profile = try TemporaryDirectory(prefix: "chromium-profile")
        return try await ProcessRunner.runOffPool(URL(fileURLWithPath: browser), [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
            "--user-data-dir=\(profile.path)",
        ] + arguments)
    }

    @Test func theReportRendersEveryPlotInChromium() async throws {
        let run = try await LoadRun.run(["run", "drain", "--tickets", "3000"])
        #expect(run.output.status == 0, "\(run.output.stderr)")
        let report = run.directory.file("report.html")
        let html = try String(contentsOf: report, encoding: .utf8)
        #expect(!html.contains("<script") && !html.contains("src=\"http"), "self-contained")

        let dom = try await chromium(["--dump-dom", report.absoluteString])
        #expect(dom.status == 0, "\(dom.stderr)")
        let svgs = dom.stdout.components(separatedBy: "<svg").dropFirst()
        #expect(svgs.count >= 4, "throughput, backlog, percentiles over time and distribution")
        for svg in svgs {
            let paths = svg.components(separatedBy: "<path class=\"series\"").count - 1
            #expect(paths >= 1, "each plot draws data")
            #expect(svg.contains("d=\"M"))
        }
        #expect(dom.stdout.contains("Response time per lane"))
        #expect(dom.stdout.contains(run.summary["metadata"].flatMap { ($0 as? [String: Any])?["machine"] as? String } ?? "machine"))

        let shot = run.directory.file("report.png")
        let blankPage = run.directory.file("blank.html")
        try "<!DOCTYPE html><html><body style=\"background:#fafafa\"></body></html>".write(to: blankPage, atomically: true, encoding: .utf8)
        let blankShot = run.directory.file("blank.png")
        for (page, png) in [(report, shot), (blankPage, blankShot)] {
            let result = try await chromium(["--window-size=1000,1400", "--screenshot=\(png.path)", page.absoluteString])
            #expect(result.status == 0, "\(result.stderr)")
        }
        let reportBytes = try Data(contentsOf: shot)
        let blankBytes = try Data(contentsOf: blankShot)
        #expect(reportBytes.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG")
        #expect(reportBytes.count > 4 * blankBytes.count, "the report's screenshot (\(reportBytes.count) bytes) holds far more than a blank page's (\(blankBytes.count))")
    }
}
