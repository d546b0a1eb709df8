import Foundation
import Testing
@testable import TicketQLoad

struct ReportPageTests {
    @Test func chartsDrawOnePathPerSeriesAndEscapeText() {
        let chart = SVGChart(title: "A <b> & c", xLabel: "s", yLabel: "n", series: [
            SVGChart.Series(name: "one", points: [(0, 1), (1, 3), (2, 2)]),
            SVGChart.Series(name: "two", points: [(0, 0), (2, 5)]),
        ])
        let svg = chart.render()
        #expect(svg.hasPrefix("<svg") && svg.hasSuffix("</svg>"))
        #expect(svg.components(separatedBy: "<path class=\"series\"").count == 3)
        #expect(svg.contains("A &lt;b&gt; &amp; c"))
        #expect(svg.contains("d=\"M"))
    }

    @Test func axesEndOnRoundNumbers() {
        #expect(SVGChart.niceCeiling(7) == 10)
        #expect(SVGChart.niceCeiling(130) == 200)
        #expect(SVGChart.niceCeiling(0.3) == 0.5)
        #expect(SVGChart.label(45_000) == "45k")
    }
}
