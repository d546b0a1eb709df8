import Testing
import TicketQTriage

struct EvaluationTests {
    @Test func metricsMatchAHandComputedExample() {
        let truth = ["a", "a", "a", "b", "b", "c"]
        let predicted = ["a", "a", "b", "b", "b", "a"]
        let report = EvaluationReport(truth: truth, predicted: predicted)
        #expect(report.total == 6)
        #expect(report.correct == 4)
        #expect(abs(report.accuracy - 4.0 / 6.0) < 1e-12)
        let metrics = Dictionary(uniqueKeysWithValues: report.perIntent.map { ($0.intent, $0) })
        #expect(abs(metrics["a"]!.precision - 2.0 / 3.0) < 1e-12)
        #expect(abs(metrics["a"]!.recall - 2.0 / 3.0) < 1e-12)
        #expect(abs(metrics["b"]!.f1 - 0.8) < 1e-12)
        #expect(metrics["c"]!.f1 == 0)
        #expect(abs(report.macroF1 - (2.0 / 3.0 + 0.8 + 0) / 3) < 1e-12)
        #expect(report.confusionPairs() == [
            ConfusionPair(truth: "a", predicted: "b", count: 1),
            ConfusionPair(truth: "c", predicted: "a", count: 1),
        ])
        #expect(report.confusionPairs(limit: 1).count == 1)
    }

    @Test func stratifiedFoldsAreBalancedAndSeeded() throws {
        let intents = Array(repeating: "common", count: 100) + Array(repeating: "rare", count: 10)
        let folds = try StratifiedFolds.assign(intents: intents, folds: 5, seed: 42)
        for fold in 0..<5 {
            let members = folds.indices.filter { folds[$0] == fold }
            #expect(members.filter { intents[$0] == "rare" }.count == 2)
            #expect(members.count == 22)
        }
        #expect(try StratifiedFolds.assign(intents: intents, folds: 5, seed: 42) == folds)
        #expect(try StratifiedFolds.assign(intents: intents, folds: 5, seed: 43) != folds)
        #expect(throws: TriageError.invalidConfiguration("cross-validation needs at least 2 folds, got 1")) {
            try StratifiedFolds.assign(intents: intents, folds: 1, seed: 1)
        }
    }

    @Test func crossValidationPoolsEveryExampleOnce() throws {
        let examples = RepositoryData.sample(try RepositoryData.bitextExamples(), stride: 20)
        let report = try IntentEvaluator.crossValidate(IntentTrainer(), on: examples, folds: 3)
        #expect(report.folds == 3)
        #expect(report.pooled.total == examples.count)
        #expect(report.pooled.accuracy > 0.9)
    }
}
