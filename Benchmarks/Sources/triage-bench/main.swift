import Foundation
import TicketQConfig
import TicketQCore
import TicketQMail
import TicketQTriage

// Measures the triage decision layer on data the model has not seen: trains on 4/5 of the
// labelled utterances (stratified, seeded), then on the held-out fifth reports
// - accuracy above and below each confidence threshold (the needs_review trade-off);
// - the complex flag on constructed two-request texts and on single requests;
// - triage decisions per second on one core (the full decision: model, intent map, cues, complex).
// Usage: triage-bench [--data CSV] [--smoke]

var dataPath = "data/bitext-customer-support-utterances.csv"
var smoke = false
var arguments = CommandLine.arguments.dropFirst()
while let argument = arguments.popFirst() {
    switch argument {
    case "--data": dataPath = arguments.popFirst() ?? dataPath
    case "--smoke": smoke = true
    default:
        FileHandle.standardError.write(Data("usage: triage-bench [--data CSV] [--smoke]\n".utf8))
        exit(64)
    }
}

let examples = try LabelledCSV.examples(path: dataPath)
let folds = try StratifiedFolds.assign(intents: examples.map(\.intent), folds: 5, seed: 1)
let training = zip(examples, folds).filter { $0.1 != 0 }.map(\.0)
var heldOut = zip(examples, folds).filter { $0.1 == 0 }.map(\.0)
// The smoke run takes every tenth held-out request, so every intent is still represented.
if smoke { heldOut = heldOut.enumerated().filter { $0.offset % 10 == 0 }.map(\.element) }
let model = try IntentTrainer().train(training)
let catalog = try PolicyCatalog.load(directory: nil)
let pandorana = try catalog.policy(for: "pandorana")

print("held-out utterances: \(heldOut.count) (trained on \(training.count))")
let predictions = model.predict(heldOut.map(\.text))
print("threshold  below   accuracy above  accuracy below")
for threshold in [0.2, 0.3, 0.4, 0.5, 0.6, 0.7] {
    var above = (n: 0, correct: 0)
    var below = (n: 0, correct: 0)
    for (example, prediction) in zip(heldOut, predictions) {
        let correct = prediction.intent == example.intent ? 1 : 0
        if prediction.confidence < threshold { below.n += 1; below.correct += correct } else { above.n += 1; above.correct += correct }
    }
    func percent(_ part: Int, _ whole: Int) -> String { whole == 0 ? "   -   " : String(format: "%6.2f%%", 100 * Double(part) / Double(whole)) }
    print(String(format: "%9.1f  %6.2f%%  ", threshold, 100 * Double(below.n) / Double(heldOut.count))
        + "\(percent(above.correct, above.n))         \(percent(below.correct, below.n))")
}

// Two requests whose intents file under different Pandorana categories, joined as a customer
// would write them, against single requests.
var generator = SplitMix64(seed: 7)
var pairs: [String] = []
var attempts = 0
while pairs.count < min(2000, heldOut.count), attempts < 100_000 {
    attempts += 1
    let first = heldOut[Int(generator.next() % UInt64(heldOut.count))]
    let second = heldOut[Int(generator.next() % UInt64(heldOut.count))]
    guard pandorana.category(forIntent: first.intent) != pandorana.category(forIntent: second.intent) else { continue }
    let joiner = ["\n", ". Also, ", ". ", "? And also "][Int(generator.next() % 4)]
    pairs.append(first.text + joiner + second.text)
}
let singles = heldOut.prefix(2000).map(\.text)
print("complex threshold  pairs flagged  singles flagged")
for threshold in [0.3, 0.4, 0.5, 0.6, 0.7, 0.8] {
    let triager = TicketTriager(model: model, complexThreshold: threshold)
    let flaggedPairs = pairs.filter { triager.triage(text: $0, policy: pandorana).complex }.count
    let flaggedSingles = singles.filter { triager.triage(text: $0, policy: pandorana).complex }.count
    print(String(format: "%17.1f  %12.2f%%  %14.2f%%", threshold, 100 * Double(flaggedPairs) / Double(pairs.count), 100 * Double(flaggedSingles) / Double(singles.count)))
}

// The same held-out requests wrapped in realistic emails, through the parser and reply extraction.
let parser = InboundEmailParser()
var wrapping = SplitMix64(seed: 11)
var wrappedCorrect = 0
var wrappedFailed = 0
var parseSeconds = 0.0
for example in heldOut {
    let raw = EmailWrapper.wrap(example.text, to: "support@pandorana.example", generator: &wrapping)
    let started = ContinuousClock.now
    guard let email = try? parser.parse(raw) else { wrappedFailed += 1; continue }
    let took = ContinuousClock.now - started
    parseSeconds += Double(took.components.seconds) + Double(took.components.attoseconds) / 1e18
    if model.predict(email.text).intent == example.intent { wrappedCorrect += 1 } else if ProcessInfo.processInfo.environment["TRIAGE_BENCH_SHOW"] != nil {
        print("MISS \(example.intent) -> \(model.predict(email.text).intent) | bare: \(model.predict(example.text).intent) | \(email.text.replacingOccurrences(of: "\n", with: " / "))")
    }
}
print(String(format: "wrapped in emails: accuracy %.2f%% (%d of %d; %d unparsed); parsing %.0f messages/s",
             100 * Double(wrappedCorrect) / Double(heldOut.count), wrappedCorrect, heldOut.count, wrappedFailed, Double(heldOut.count) / parseSeconds))

let triager = TicketTriager(model: model)
var extractor = triager.makeExtractor()
let texts = heldOut.map(\.text)
let rounds = smoke ? 1 : 20
let rawStart = ContinuousClock.now
for _ in 0..<rounds {
    for text in texts where model.predict(text, using: &extractor).confidence > 2 { sink += 1 }
}
let rawElapsed = ContinuousClock.now - rawStart
let rawSeconds = Double(rawElapsed.components.seconds) + Double(rawElapsed.components.attoseconds) / 1e18
print(String(format: "classifications alone: %.0f /s on one core", Double(texts.count * rounds) / rawSeconds))
var sink = 0
let start = ContinuousClock.now
for _ in 0..<rounds {
    for text in texts where triager.triage(text: text, policy: pandorana, using: &extractor).urgent == true { sink += 1 }
}
let elapsed = ContinuousClock.now - start
let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
print(String(format: "triage decisions: %.0f /s on one core (%d decisions, %d urgent)", Double(texts.count * rounds) / seconds, texts.count * rounds, sink / rounds))
