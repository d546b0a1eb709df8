import Foundation
import Testing
import TicketQTriage

/// The model in `data/triage-model.bin`, as the product ships it.
struct ShippedModelTests {
    private func shippedModel() throws -> IntentModel {
        try ModelFile.load(path: RepositoryData.shippedModel.path)
    }

    @Test func carriesTheBitextAttributionAndAllIntents() throws {
        let model = try shippedModel()
        #expect(model.notice.contains("(c) Bitext Innovations"))
        #expect(model.notice.contains("CDLA-Sharing-1.0"))
        #expect(model.intents.count == 27)
        #expect(model.modelVersion.hasPrefix("linear-svm-"))
        #expect(model.trainingConfiguration == TrainingConfiguration())
        #expect(model.featureConfiguration == FeatureConfiguration())
        #expect(try Data(contentsOf: RepositoryData.shippedModel).count < 1_000_000)
    }

    @Test(arguments: [
        ("I forgot my password and can't log into my account", "recover_password"),
        ("Please close my account and delete my data", "delete_account"),
        ("I want to speak to a real person, not a bot", "contact_human_agent"),
        ("unsubscribe me from your newsletter please", "newsletter_subscription"),
        ("My card payment keeps failing at checkout", "payment_issue"),
        ("I want to cancel my order", "cancel_order"),
        ("where is my order?", "track_order"),
        ("what payment methods do you accept? can I use paypal", "check_payment_methods"),
        ("when will I get my refund? I returned it two weeks ago", "track_refund"),
        ("I can't complete the registration, it gives an error", "registration_problems"),
    ])
    func predictsClearRequests(text: String, intent: String) throws {
        let prediction = try shippedModel().predict(text)
        #expect(prediction.intent == intent, "\(prediction)")
        #expect((0...1).contains(prediction.confidence))
        #expect(prediction.runnerUp != prediction.intent)
        #expect(prediction.margin >= 0)
        #expect(prediction.runnerUpConfidence <= prediction.confidence)
    }

    @Test func realisticWordingOutsideTheDataSet() throws {
        // Measured: 25 of 35. The misses use words the Bitext data never contains.
        let model = try shippedModel()
        let predictions = model.predict(RealisticRequests.all.map(\.text))
        let correct = zip(predictions, RealisticRequests.all).filter { $0.intent == $1.intent }.count
        #expect(correct >= 25, "\(correct) of \(RealisticRequests.all.count)")
    }

    @Test func offTopicTextGetsLowerConfidenceThanAClearRequest() throws {
        let model = try shippedModel()
        let clear = model.predict("I want to track my order")
        let vague = model.predict("the weather is lovely today")
        #expect(clear.intent == "track_order")
        #expect(clear.confidence > 0.9)
        #expect(vague.confidence < 0.6)
        #expect(vague.margin < clear.margin)
    }
}
