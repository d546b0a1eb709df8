import Foundation
import Testing
import TicketQTestSupport
import TicketQTriage

struct ModelFileTests {
    private static let requests = [
        "where is my parcel? it was due on monday",
        "I need a copy of my last invoice",
        "how do i close my account",
        "cant log in, forgot password",
        "Ich möchte mein Geld zurück",
    ]

    @Test(arguments: WeightPrecision.allCases)
    func roundTripKeepsPredictionsAndBytes(precision: WeightPrecision) throws {
        let examples = RepositoryData.sample(try RepositoryData.bitextExamples(), stride: 10)
        let model = try IntentTrainer(trainingConfiguration: TrainingConfiguration(precision: precision))
            .train(examples, notice: "(c) test")
        let directory = try TemporaryDirectory()
        let path = directory.file("model.bin").path
        try ModelFile.save(model, path: path)
        let loaded = try ModelFile.load(path: path)
        #expect(loaded.modelVersion == model.modelVersion)
        #expect(loaded.intents == model.intents)
        #expect(loaded.notice == "(c) test")
        #expect(loaded.trainingConfiguration == model.trainingConfiguration)
        #expect(loaded.predict(Self.requests) == model.predict(Self.requests))
        #expect(loaded.scores(for: Self.requests[0]) == model.scores(for: Self.requests[0]))
        #expect(ModelFile.encode(loaded) == ModelFile.encode(model))
    }

    @Test func damagedFilesAreRejectedWithAReason() throws {
        let examples = RepositoryData.sample(try RepositoryData.bitextExamples(), stride: 20)
        let bytes = [UInt8](ModelFile.encode(try IntentTrainer().train(examples)))

        var flipped = bytes
        flipped[bytes.count / 2] ^= 0x40
        #expect(throws: TriageError.invalidModel("checksum mismatch: the file is truncated or corrupted")) {
            try ModelFile.decode(Data(flipped))
        }
        #expect(throws: TriageError.invalidModel("checksum mismatch: the file is truncated or corrupted")) {
            try ModelFile.decode(Data(bytes.dropLast(100)))
        }
        #expect(throws: TriageError.invalidModel("not a ticketq intent model (bad magic number)")) {
            try ModelFile.decode(Data("definitely not a model file".utf8))
        }
        var future = bytes
        future[4] = 9
        #expect(throws: TriageError.invalidModel("format version 9 is not supported (expected 1)")) {
            try ModelFile.decode(Data(future))
        }
        #expect(throws: TriageError.self) { try ModelFile.load(path: "does-not-exist/model.bin") }
    }
}
