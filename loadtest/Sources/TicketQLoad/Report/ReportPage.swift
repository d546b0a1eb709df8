import Foundation

/// `report.html`: one self-contained page (no scripts, no external files) with the run's
/// results, its plots as inline SVG and its metadata.
public enum ReportPage {
    /// Renders the page.
    public static func render(summary: RunSummary, series: RunSeries) -> String {
        let seconds = series.offered.indices.map(Double.init)
        func line(_ name: String, _ values: [Double]) -> SVGChart.Series {
            SVGChart.Series(name: name, points: zip(seconds, values).map { (x: $0.0, y: $0.1) })
        }
        let throughput = SVGChart(
            title: "Throughput", xLabel: "seconds", yLabel: "tickets per second",
            series: [line("offered", series.offered.map(Double.init)), line("completed", series.completed.map(Double.init))]
        )
        let backlog = SVGChart(
            title: "Backlog per lane", xLabel: "seconds", yLabel: "tickets queued",
            series: series.backlog.keys.sorted().map { line($0, (series.backlog[$0] ?? []).map(Double.init)) }
        )
        let percentiles = SVGChart(
            title: "Response time over time (intended arrival → durable outcome)", xLabel: "seconds", yLabel: "milliseconds",
            series: [line("p50", series.p50_ms), line("p99", series.p99_ms)]
        )
        let spectrumTicks: [(value: Double, label: String)] = [(0, "0%"), (1, "90%"), (2, "99%"), (3, "99.9%"), (4, "99.99%")]
        let distribution = SVGChart(
            title: "Response-time distribution per lane", xLabel: "percentile", yLabel: "milliseconds",
            series: series.spectrum.keys.sorted().map { lane in
                SVGChart.Series(name: lane, points: (series.spectrum[lane] ?? []).map { point in
                    (x: min(4, -log10(max(1e-4, 1 - point[0] / 100))), y: point[1])
                })
            },
            xTicks: spectrumTicks
        )
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <title>ticketq-load: \(HTMLText.escape(summary.scenario))</title>
            <style>
            body { font-family: system-ui, sans-serif; margin: 24px; color: #111; background: #fafafa; }
            h1 { font-size: 22px; } h2 { font-size: 17px; margin-top: 28px; }
            table { border-collapse: collapse; margin: 8px 0; background: #fff; }
            td, th { border: 1px solid #ddd; padding: 4px 10px; text-align: right; font-size: 13px; }
            th { background: #f1f5f9; } td:first-child, th:first-child { text-align: left; }
            .pass { color: #15803d; font-weight: 600; } .fail { color: #b91c1c; font-weight: 600; }
            .chart { display: block; margin: 12px 0; border: 1px solid #ddd; }
            </style></head><body>
            <h1>ticketq-load — \(HTMLText.escape(summary.scenario))</h1>
            <p class="\(summary.passed ? "pass" : "fail")">\(summary.passed ? "PASSED" : "FAILED")</p>

            """
        if !summary.failures.isEmpty {
            html += "<ul>" + summary.failures.map { "<li class=\"fail\">\(HTMLText.escape($0))</li>" }.joined() + "</ul>\n"
        }
        html += "<h2>Results</h2>\n" + table(header: ["measure", "value"], rows: [
            ["sent", "\(summary.sent)"], ["completed", "\(summary.completed)"], ["lost", "\(summary.lost)"],
            ["duplicates (outcome in more than one store)", "\(summary.duplicates)"],
            ["duplicate executions", "\(summary.duplicate_executions)" + (summary.duplicate_executions_bound.map { " (bound \($0))" } ?? "")],
            ["workers killed", "\(summary.kills)"],
            ["duration", String(format: "%.2f s", summary.duration_s)],
            ["throughput", String(format: "%.0f /s", summary.throughput_per_s)],
            ["capacity", summary.capacity_per_s.map { String(format: "%.0f /s", $0) } ?? "—"],
            ["offered", String(format: "%.0f /s", summary.offered_per_s)],
            ["completed rate", String(format: "%.0f /s", summary.completed_per_s)],
            ["schedule lag p99 / max", String(format: "%.3f ms / %.3f ms", summary.schedule_lag_p99_ms, summary.schedule_lag_max_ms)],
            ["late sends (> 1 ms)", "\(summary.late_sends)"],
        ])
        var laneRows = summary.lanes.keys.sorted().map { lane -> [String] in
            let figures = summary.lanes[lane]!
            return [lane] + cells(figures)
        }
        laneRows.append(["all lanes"] + cells(summary.all_lanes))
        html += "<h2>Response time per lane (intended arrival → durable outcome)</h2>\n"
        html += table(header: ["lane", "tickets", "p50", "p90", "p99", "p99.9", "max"], rows: laneRows)
        if !summary.thresholds.isEmpty {
            html += "<h2>Thresholds</h2>\n" + table(header: ["threshold", "actual", "result"], rows: summary.thresholds.map {
                [$0.expression, $0.actual.map { String(format: "%.3f", $0) } ?? "—", $0.passed ? "✓ pass" : "✗ fail"]
            })
        }
        html += "<h2>Plots</h2>\n"
        html += [throughput, backlog, percentiles, distribution].map { $0.render() }.joined(separator: "\n") + "\n"
        if let peer = summary.peer {
            html += "<h2>Side by side with \(HTMLText.escape(peer.peer)) \(HTMLText.escape(peer.version)) (\(HTMLText.escape(peer.setup)), same Redis, same run)</h2>\n"
            var rows: [[String]] = []
            if let drain = peer.drain_throughput_per_s {
                rows.append(["drain throughput", String(format: "%.0f /s", summary.throughput_per_s), String(format: "%.0f /s", drain),
                             peer.drain_ratio.map { String(format: "%.2f×", $0) } ?? "—"])
            }
            if let p99 = peer.steady_p99_ms {
                rows.append(["steady p99 response", String(format: "%.2f ms", summary.all_lanes.p99_ms), String(format: "%.2f ms", p99), "—"])
                rows.append(["steady offered", String(format: "%.0f /s", summary.offered_per_s), String(format: "%.0f /s", peer.steady_offered_per_s ?? 0), "—"])
            }
            html += table(header: ["measure", "ticketq", peer.peer, "ratio"], rows: rows)
            if let drain = peer.drain_throughput_per_s {
                html += SVGChart(title: "Drain throughput", xLabel: "", yLabel: "tickets per second", series: [
                    SVGChart.Series(name: "ticketq", points: [(0, summary.throughput_per_s), (1, summary.throughput_per_s)]),
                    SVGChart.Series(name: peer.peer, points: [(0, drain), (1, drain)]),
                ], xTicks: [(0, ""), (1, "")], height: 200).render() + "\n"
            }
        }
        let meta = summary.metadata
        var metaRows: [[String]] = [
            ["harness", meta.harness_version], ["ticketq", meta.ticketq_version ?? "—"], ["redis", meta.redis_version ?? "—"],
            ["started", meta.started_at], ["machine", meta.machine], ["cpus", "\(meta.cpus)"],
            ["memory", String(format: "%.1f GiB", meta.memory_gib)], ["cluster", meta.cluster],
            ["workers", meta.workers.map(String.init) ?? "—"], ["worker concurrency", meta.worker_concurrency.map(String.init) ?? "default"],
            ["command", meta.command],
        ]
        metaRows += meta.config.keys.sorted().map { [$0, meta.config[$0] ?? ""] }
        html += "<h2>Run</h2>\n" + table(header: ["", ""], rows: metaRows)
        html += "<p>Latency is measured from each ticket's intended arrival to the first read that sees its outcome committed in a worker's store (open loop; schedule lag reported apart).</p>\n"
        html += "</body></html>\n"
        return html
    }

    private static func cells(_ figures: LaneSummary) -> [String] {
        ["\(figures.count)"] + [figures.p50_ms, figures.p90_ms, figures.p99_ms, figures.p999_ms, figures.max_ms].map { String(format: "%.2f ms", $0) }
    }

    private static func table(header: [String], rows: [[String]]) -> String {
        var html = "<table><tr>" + header.map { "<th>\(HTMLText.escape($0))</th>" }.joined() + "</tr>"
        for row in rows { html += "<tr>" + row.map { "<td>\(HTMLText.escape($0))</td>" }.joined() + "</tr>" }
        return html + "</table>\n"
    }
}
