import Testing
import TicketQTriage

/// Trains on 80 % of the shipped Bitext data (a seeded stratified split) and checks accuracy
/// on the other 20 %, which the model never saw.
struct HeldOutAccuracyTests {
    @Test func heldOutAccuracyOnTheBitextData() throws {
        let examples = try RepositoryData.bitextExamples()
        let folds = try StratifiedFolds.assign(intents: examples.map(\.intent), folds: 5, seed: 2026)
        let training = examples.indices.filter { folds[$0] != 0 }.map { examples[$0] }
        let heldOut = examples.indices.filter { folds[$0] == 0 }.map { examples[$0] }
        let model = try IntentTrainer().train(training)
        let report = IntentEvaluator.evaluate(model, on: heldOut)
        #expect(heldOut.count > 3_400)
        #expect(report.accuracy >= 0.995, "accuracy \(report.accuracy), mistakes \(report.confusionPairs())")
        #expect(report.macroF1 >= 0.99)
    }
}
