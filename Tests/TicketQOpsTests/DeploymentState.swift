/// The parts of a deployment's Redis state a restart must keep.
struct DeploymentState: Equatable, CustomStringConvertible {
    var depth: Int
    var inFlight: Int
    var deadLetters: Int
    var dedupe: Int
    var quarantined: Int
    var deadLetterListing: String
    var quarantineListing: String
    var marker: String

    var description: String {
        "depth \(depth), in flight \(inFlight), dead \(deadLetters), dedupe \(dedupe), quarantined \(quarantined), marker \(marker)"
    }
}
