import Foundation
import Testing
import TicketQTriage

struct TrainingReproducibilityTests {
    @Test func sameSeedAndDataGiveIdenticalModelBytes() throws {
        let examples = RepositoryData.sample(try RepositoryData.bitextExamples(), stride: 10)
        let trainer = IntentTrainer(trainingConfiguration: TrainingConfiguration(seed: 7))
        let first = ModelFile.encode(try trainer.train(examples, notice: "test"))
        let second = ModelFile.encode(try trainer.train(examples, notice: "test"))
        #expect(first == second)
    }

    @Test func versionChangesWithConfigurationAndNotice() throws {
        let examples = RepositoryData.sample(try RepositoryData.bitextExamples(), stride: 20)
        let base = try IntentTrainer().train(examples)
        let otherCost = try IntentTrainer(trainingConfiguration: TrainingConfiguration(cost: 2)).train(examples)
        let otherNotice = try IntentTrainer().train(examples, notice: "another notice")
        #expect(base.modelVersion.hasPrefix("linear-svm-"))
        #expect(Set([base.modelVersion, otherCost.modelVersion, otherNotice.modelVersion]).count == 3)
    }

    @Test func bothAlgorithmsLearnTheSample() throws {
        let examples = RepositoryData.sample(try RepositoryData.bitextExamples(), stride: 10)
        for algorithm in TrainingAlgorithm.allCases {
            let trainer = IntentTrainer(trainingConfiguration: TrainingConfiguration(algorithm: algorithm, maxEpochs: 20))
            let model = try trainer.train(examples)
            #expect(IntentEvaluator.evaluate(model, on: examples).accuracy > 0.99, "\(algorithm)")
        }
    }

    @Test func unusableInputIsRejected() {
        let single = [LabelledUtterance(text: "hello", intent: "greet"), LabelledUtterance(text: "hi", intent: "greet")]
        #expect(throws: TriageError.unusableDataset("training needs at least two intents, found 1")) {
            try IntentTrainer().train(single)
        }
        #expect(throws: TriageError.unusableDataset("there are no examples")) { try IntentTrainer().train([]) }
        #expect(throws: TriageError.invalidConfiguration("cost must be positive, got 0.0")) {
            try IntentTrainer(trainingConfiguration: TrainingConfiguration(cost: 0))
                .train(single + [LabelledUtterance(text: "bye", intent: "leave")])
        }
        #expect(throws: TriageError.self) {
            try IntentTrainer(featureConfiguration: FeatureConfiguration(charNGramMin: 4, charNGramMax: 3)).train(single)
        }
    }
}
