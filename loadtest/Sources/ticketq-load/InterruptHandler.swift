import Dispatch
import Foundation
import TicketQLoad

/// Stops the local cluster when the run is interrupted (Ctrl-C, SIGTERM), so that no
/// redis-server or worker outlives the harness.
final class InterruptHandler {
    private var sources: [any DispatchSourceSignal] = []

    init(onInterrupt: @escaping @Sendable () -> Void) {
        for signalNumber in [SIGINT, SIGTERM] {
            signal(signalNumber, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
            source.setEventHandler {
                FileHandle.standardError.write(Data("\nticketq-load: interrupted; stopping the local cluster\n".utf8))
                onInterrupt()
                exit(128 + signalNumber)
            }
            source.resume()
            sources.append(source)
        }
    }

    deinit {
        for source in sources { source.cancel() }
    }
}
