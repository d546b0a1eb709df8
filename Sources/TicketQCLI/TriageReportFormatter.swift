import Foundation
import TicketQTriage

/// Plain-text rendering of triage evaluation reports for `ticketq triage train|eval`.
enum TriageReportFormatter {
    static func summary(_ report: EvaluationReport) -> String {
        "examples: \(report.total)\n"
            + "accuracy: \(percent(report.accuracy)) (\(report.correct)/\(report.total))\n"
            + "macro-F1: \(decimal(report.macroF1, digits: 5))"
    }

    static func crossValidation(_ report: CrossValidationReport, seed: UInt64, elapsed: Duration) -> String {
        let folds = report.foldAccuracies.map { percent($0) }.joined(separator: ", ")
        return "\(report.folds)-fold stratified cross-validation (seed \(seed), \(seconds(elapsed)))\n"
            + summary(report.pooled) + "\n"
            + "fold accuracy: mean \(percent(report.meanAccuracy)) ± \(percent(report.accuracyStandardDeviation)) [\(folds)]"
    }

    static func details(_ report: EvaluationReport, pairs: Int) -> String {
        let confusion = report.confusionPairs(limit: pairs)
        var lines = ["confusion pairs (true -> predicted, most frequent first):"]
        if confusion.isEmpty { lines.append("  none") }
        for pair in confusion { lines.append("  \(pair.truth) -> \(pair.predicted): \(pair.count)") }
        lines.append("")
        let rows = report.perIntent.map { metrics in
            [metrics.intent, decimal(metrics.precision, digits: 4), decimal(metrics.recall, digits: 4),
             decimal(metrics.f1, digits: 4), String(metrics.support)]
        }
        lines.append(TextTable.render(header: ["intent", "precision", "recall", "f1", "support"], rows: rows))
        return lines.joined(separator: "\n")
    }

    static func throughput(count: Int, elapsed: Duration) -> String {
        let secondsElapsed = max(value(of: elapsed), 1e-9)
        return "\(Int((Double(count) / secondsElapsed).rounded())) classifications/s (\(count) in \(seconds(elapsed)))"
    }

    static func seconds(_ duration: Duration) -> String {
        decimal(value(of: duration), digits: 2) + " s"
    }

    static func value(of duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func percent(_ fraction: Double) -> String {
        decimal(fraction * 100, digits: 3) + " %"
    }

    static func decimal(_ value: Double, digits: Int) -> String {
        String(format: "%.\(digits)f", value)
    }
}
