/// A brand's high-volume switch at one instant, from its recorded changes (oldest first).
///
/// A change applies from its instant on; before the first change the switch is off. A brand whose
/// stored history cannot be read has no state, only the ``problem``.
struct HighVolumeState {
    /// Whether the switch is on.
    let isOn: Bool
    /// The instant of the change that set the current state, or nil when never switched.
    let since: Int64?
    /// The first change after the instant, if one was recorded ahead of time.
    let next: (atMillis: Int64, on: Bool)?
    /// Why the brand's history cannot be read; its switch is unknown then.
    let problem: String?

    init(changes: [(atMillis: Int64, on: Bool)], at instant: Int64) {
        let past = changes.lastIndex { $0.atMillis <= instant }
        isOn = past.map { changes[$0].on } ?? false
        since = past.map { changes[$0].atMillis }
        next = changes.first { $0.atMillis > instant }
        problem = nil
    }

    /// The state of a brand whose stored history cannot be read.
    init(unreadable problem: String) {
        (isOn, since, next) = (false, nil, nil)
        self.problem = problem
    }
}
