import Foundation

/// A small line chart drawn as inline SVG: axes with ticks, one path per series and a legend.
struct SVGChart {
    struct Series {
        let name: String
        let points: [(x: Double, y: Double)]
    }

    var title: String
    var xLabel: String
    var yLabel: String
    var series: [Series]
    /// Tick positions and labels for x, when the axis is not linear seconds.
    var xTicks: [(value: Double, label: String)]?
    var width = 760.0
    var height = 260.0

    static let palette = ["#2563eb", "#dc2626", "#16a34a", "#9333ea", "#ea580c", "#0891b2"]

    func render() -> String {
        let left = 64.0, right = 16.0, top = 28.0, bottom = 40.0
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let xs = series.flatMap { $0.points.map(\.x) }
        let ys = series.flatMap { $0.points.map(\.y) }
        let xMin = xTicks?.first?.value ?? (xs.min() ?? 0)
        let xMax = max(xTicks?.last?.value ?? (xs.max() ?? 1), xMin + 1e-9)
        let yMax = Self.niceCeiling(max(ys.max() ?? 1, 1e-9))
        func px(_ x: Double) -> Double { left + (x - xMin) / (xMax - xMin) * plotWidth }
        func py(_ y: Double) -> Double { top + plotHeight - y / yMax * plotHeight }

        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" role=\"img\" aria-label=\"\(HTMLText.escape(title))\">"
        svg += "<rect x=\"0\" y=\"0\" width=\"\(Int(width))\" height=\"\(Int(height))\" fill=\"#ffffff\"/>"
        svg += "<text x=\"\(Int(left))\" y=\"18\" font-size=\"14\" font-weight=\"600\" fill=\"#111\">\(HTMLText.escape(title))</text>"
        for step in 0...4 {
            let value = yMax * Double(step) / 4
            let y = py(value)
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(y))\" stroke=\"#e5e7eb\"/>"
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(y + 4))\" font-size=\"11\" text-anchor=\"end\" fill=\"#444\">\(Self.label(value))</text>"
        }
        let ticks = xTicks ?? (0...5).map { step -> (value: Double, label: String) in
            let value = xMin + (xMax - xMin) * Double(step) / 5
            return (value, Self.label(value))
        }
        for tick in ticks {
            let x = px(tick.value)
            svg += "<line x1=\"\(f(x))\" y1=\"\(f(top + plotHeight))\" x2=\"\(f(x))\" y2=\"\(f(top + plotHeight + 4))\" stroke=\"#444\"/>"
            svg += "<text x=\"\(f(x))\" y=\"\(f(top + plotHeight + 16))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#444\">\(HTMLText.escape(tick.label))</text>"
        }
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(top + plotHeight))\" stroke=\"#444\"/>"
        svg += "<line x1=\"\(f(left))\" y1=\"\(f(top + plotHeight))\" x2=\"\(f(left + plotWidth))\" y2=\"\(f(top + plotHeight))\" stroke=\"#444\"/>"
        svg += "<text x=\"\(f(left + plotWidth / 2))\" y=\"\(f(height - 6))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#444\">\(HTMLText.escape(xLabel))</text>"
        svg += "<text transform=\"translate(14 \(f(top + plotHeight / 2))) rotate(-90)\" font-size=\"11\" text-anchor=\"middle\" fill=\"#444\">\(HTMLText.escape(yLabel))</text>"
        for (position, line) in series.enumerated() where !line.points.isEmpty {
            let color = Self.palette[position % Self.palette.count]
            var path = ""
            for (index, point) in line.points.enumerated() {
                path += "\(index == 0 ? "M" : "L")\(f(px(point.x))) \(f(py(point.y))) "
            }
            svg += "<path class=\"series\" data-series=\"\(HTMLText.escape(line.name))\" d=\"\(path)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.8\"/>"
            let legendX = left + 8 + Double(position) * 150
            svg += "<rect x=\"\(f(legendX))\" y=\"\(f(top + 4))\" width=\"10\" height=\"10\" fill=\"\(color)\"/>"
            svg += "<text x=\"\(f(legendX + 14))\" y=\"\(f(top + 13))\" font-size=\"11\" fill=\"#222\">\(HTMLText.escape(line.name))</text>"
        }
        svg += "</svg>"
        return svg
    }

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }

    /// A round number at or above `value` (1, 2 or 5 times a power of ten).
    static func niceCeiling(_ value: Double) -> Double {
        let magnitude = pow(10, (log10(value)).rounded(.down))
        for factor in [1.0, 2, 5, 10] where factor * magnitude >= value { return factor * magnitude }
        return 10 * magnitude
    }

    static func label(_ value: Double) -> String {
        if value >= 1_000_000 { return String(format: "%.1fM", value / 1_000_000) }
        if value >= 10_000 { return String(format: "%.0fk", value / 1000) }
        if value >= 100 || value == value.rounded() { return String(format: "%.0f", value) }
        if value >= 1 { return String(format: "%.1f", value) }
        return String(format: "%.2f", value)
    }
}
