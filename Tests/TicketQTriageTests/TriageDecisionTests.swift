import Foundation
import TicketQConfig
import TicketQCore
import TicketQTriage
import Testing

/// The decision layer over the shipped model and the shipped brand policies: intent maps, urgent
/// cues, needs_review and the complex flag.
struct TriageDecisionTests {
    private static let model = Result { try ModelFile.load(path: RepositoryData.shippedModel.path) }
    private static let catalog = Result { try PolicyCatalog.load(directory: nil, environment: [:]) }

    private func triager() throws -> TicketTriager { TicketTriager(model: try Self.model.get()) }
    private func policy(_ brand: String) throws -> BrandPolicy { try Self.catalog.get().policy(for: brand) }

    @Test(arguments: ["pandorana", "mejurn"])
    func everyIntentOfTheModelIsMappedExplicitly(brand: String) throws {
        let policy = try policy(brand)
        let intents = try Self.model.get().intents
        #expect(Set(policy.intents.keys) == Set(intents), "unlisted: \(Set(intents).subtracting(policy.intents.keys).sorted()); unknown: \(Set(policy.intents.keys).subtracting(intents).sorted())")
    }

    @Test func cuesMatchWholeWordsIgnoringCaseAndPunctuation() throws {
        let cue = try #require(UrgentCue(phrase: "wrong item"))
        #expect(cue.occurs(in: UrgentCue.wordHashes(of: "Hello, I got the WRONG   item!")))
        #expect(cue.occurs(in: UrgentCue.wordHashes(of: "wrong\nitem")))
        #expect(!cue.occurs(in: UrgentCue.wordHashes(of: "the wrong items arrived")))
        #expect(!cue.occurs(in: UrgentCue.wordHashes(of: "the item was wrong")))
        let contraction = try #require(UrgentCue(phrase: "didnt arrive"))
        #expect(contraction.occurs(in: UrgentCue.wordHashes(of: "It didn't arrive")))
        #expect(contraction.occurs(in: UrgentCue.wordHashes(of: "It didn\u{2019}t arrive")))
        #expect(UrgentCue(phrase: " ,.! ") == nil)
    }

    @Test(arguments: [
        ("mejurn", "Hi, my parcel never arrived. Can you help?", "shipping_undelivered", true),
        ("mejurn", "I received the wrong item in my order", "order_discrepancy", true),
        ("mejurn", "The tracking hasn't updated in a week", "shipping_tracking_problem", true),
        ("mejurn", "I need to reset my password", "account_assistance", false),
        ("pandorana", "I want to cancel my order", "order_modification", true),
        ("pandorana", "I was charged twice for the same necklace", "order_placement", true),
        ("pandorana", "how do i create an account", "general", false),
        ("pandorana", "I'd like to know your refund policy", "refund_processing", false),
    ])
    func filesAndFlagsByPolicy(brand: String, text: String, category: String, urgent: Bool) throws {
        let decision = try triager().triage(text: text, policy: try policy(brand))
        #expect(decision.category == category, "\(decision)")
        #expect(decision.urgent == urgent, "\(decision)")
        #expect(decision.matchedCue != nil || !decision.needsReview, "\(decision)")
        #expect(decision.modelVersion == (try Self.model.get()).modelVersion)
    }

    @Test func withoutABrandOnlyTheIntentIsDecided() throws {
        let decision = try triager().triage(text: "where is my order?", policy: nil)
        #expect(decision.intent == "track_order")
        #expect(decision.category == nil && decision.urgent == nil)
    }

    @Test func uncertainPredictionsFallBackToTheDefaultCategoryForReview() throws {
        let strict = TicketTriager(model: try Self.model.get(), reviewThreshold: 1.01)
        let decision = strict.triage(text: "I want to cancel my order", policy: try policy("pandorana"))
        #expect(decision.needsReview)
        #expect(decision.category == "general")
        #expect(decision.urgent == false)
        // An urgent cue still applies to a ticket under review.
        let cued = strict.triage(text: "My parcel never arrived", policy: try policy("mejurn"))
        #expect(cued.needsReview && cued.urgent == true && cued.category == "shipping_undelivered")
    }

    @Test(arguments: [
        ("How do I reset my password? Also I want to cancel my order.", true),
        ("I want a refund for my last order.\nAnd where can I see my invoices?", true),
        ("I want to cancel my order, I ordered the wrong size", false),
        ("Hello. I want to cancel my order. Thanks!", false),
        ("where is my order", false),
    ])
    func flagsSeveralRequestsAsComplex(text: String, complex: Bool) throws {
        let decision = try triager().triage(text: text, policy: try policy("pandorana"))
        #expect(decision.complex == complex, "\(decision)")
    }

    @Test func builtInModelIsTheShippedFile() throws {
        let builtIn = try ModelLocator.builtIn()
        let file = try Self.model.get()
        #expect(builtIn.modelVersion == file.modelVersion, "run scripts/embed-model.sh after retraining")
        #expect(ModelFile.encode(builtIn) == (try Data(contentsOf: RepositoryData.shippedModel)))
    }

    @Test func lookupPrefersTheOptionThenTheEnvironmentThenTheBuiltInModel() throws {
        let path = RepositoryData.shippedModel.path
        #expect(try ModelLocator.load(explicitPath: path, environment: [:]).source == .option(path))
        #expect(try ModelLocator.load(explicitPath: nil, environment: ["TICKETQ_MODEL": path]).source == .environment(path))
        #expect(throws: TriageError.self) { try ModelLocator.load(explicitPath: "/nonexistent/model.bin", environment: [:]) }
        if !FileManager.default.fileExists(atPath: ModelLocator.systemPath) {
            #expect(try ModelLocator.load(explicitPath: nil, environment: [:]).source == .builtIn)
        }
    }
}
