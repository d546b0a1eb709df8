import ArgumentParser

/// `--peer` and `--peers-dir`: the scenarios that can run a peer beside ticketq.
struct PeerOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Run the same scenario with this peer on the same Redis (sidekiq).", valueName: "name"))
    var peer: String?

    @Option(name: .customLong("peers-dir"), help: ArgumentHelp("Where the peer scripts are (default: loadtest/peers).", valueName: "dir"))
    var peersDirectory: String?

    func validate() throws {
        if let peer, peer != "sidekiq" { throw ValidationError("--peer: only sidekiq is known") }
    }
}
