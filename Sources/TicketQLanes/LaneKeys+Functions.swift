extension LaneKeys {
    /// The key a library function declares under `name`; for a worker's own keys (``LaneFunctionKey/journal``,
    /// ``LaneFunctionKey/alive``) the caller passes them with the call instead.
    func functionKey(_ name: LaneFunctionKey) -> [UInt8] {
        switch name {
        case .deployment: return key(Slot.deployment)
        case .sameBusinessDay: return key(Slot.sameBusinessDay)
        case .extended: return key(Slot.extended)
        case .standard: return key(Slot.standard)
        case .ticket: return key(Slot.ticket)
        case .payload: return key(Slot.payload)
        case .meta: return key(Slot.meta)
        case .inflight: return key(Slot.inflight)
        case .lease: return key(Slot.lease)
        case .retry: return key(Slot.retry)
        case .dead: return key(Slot.dead)
        case .deadInfo: return key(Slot.deadInfo)
        case .dedupe: return key(Slot.dedupe)
        case .digest: return key(Slot.digest)
        case .seen: return key(Slot.seen)
        case .seenOrder: return key(Slot.seenOrder)
        case .seenMarks: return key(Slot.seenMarks)
        case .seenPushed: return key(Slot.seenPushed)
        case .promote: return key(Slot.promote)
        case .promotions: return key(Slot.promotions)
        case .fence: return key(Slot.fence)
        case .credit: return key(Slot.credit)
        case .wake: return key(Slot.wake)
        case .urgentWake: return key(Slot.urgentWake)
        case .workers: return key(Slot.workers)
        case .highVolume: return key(Slot.highVolume)
        case .attempts: return key(Slot.attempts)
        case .suspect: return key(Slot.suspect)
        case .crashes: return key(Slot.crashes)
        case .retention: return key(Slot.retention)
        case .evictions: return key(Slot.evictions)
        case .deadBytes: return key(Slot.deadBytes)
        case .quarantineAt: return key(Slot.quarantineAt)
        case .quarantineBytes: return key(Slot.quarantineBytes)
        case .quarantine: return quarantine
        case .quarantineRaw: return quarantineRaw
        case .collector: return collector
        case .journal, .alive: preconditionFailure("a worker's \(name) key is passed with the call")
        }
    }
}
