import Testing
import TicketQLanes

/// The records Redis keeps as JSON decode from what the writer wrote, from what the release before
/// versioning wrote, and refuse what they cannot read with the field named.
@Suite struct StoredRecordTests {
    @Test func deadLetterInfoRoundTripsAndReadsTheEarlierFormat() throws {
        let info = DeadLetterInfo(reason: "delivery_limit", attempts: 5, lastError: "timeout \"upstream\"", worker: "w-1")
        #expect(info.json == #"{"v":1,"reason":"delivery_limit","attempts":5,"last_error":"timeout \"upstream\"","worker":"w-1"}"#)
        #expect(try DeadLetterInfo(json: info.json) == info)

        // As the worker wrote it before the version field.
        let earlier = try DeadLetterInfo(json: #"{"reason":"crashed_worker","attempts":3,"last_error":null,"worker":"w-2"}"#)
        #expect(earlier == DeadLetterInfo(reason: "crashed_worker", attempts: 3, lastError: nil, worker: "w-2"))
        #expect(earlier.version == 1)
    }

    @Test func deadLetterInfoNamesWhatItCannotRead() {
        #expect(throws: StoredRecordError(record: "dead-letter info", problem: "field \"reason\" is missing")) {
            try DeadLetterInfo(json: #"{"v":1,"attempts":2}"#)
        }
        #expect(throws: StoredRecordError(record: "dead-letter info", problem: "field \"attempts\" is of the wrong type")) {
            try DeadLetterInfo(json: #"{"reason":"x","attempts":"two"}"#)
        }
        #expect(throws: StoredRecordError(record: "dead-letter info", problem: "not a JSON object")) {
            try DeadLetterInfo(json: "reason=x")
        }
        #expect(throws: StoredRecordError(
            record: "dead-letter info", problem: "version 2 is newer than this release reads (1); upgrade ticketq"
        )) {
            try DeadLetterInfo(json: #"{"v":2,"reason":"x"}"#)
        }
    }

    @Test func workerRegistryRecordRoundTripsWithItsExtras() throws {
        let record = WorkerRegistryRecord(
            id: "w-1", host: "node-7", pid: 4242, started: "2026-12-07T05:00:00Z", lastSeen: "2026-12-07T05:01:00Z",
            totals: .init(done: 10, dead: 1, retried: 2, duplicates: 0, superseded: 3, released: 4), collector: true,
            inFlight: 12, store: "ok", concurrency: 512, urgentSlots: 32, handler: "acknowledge",
            extras: ["metrics_addr": "127.0.0.1:9464"]
        )
        let json = record.json
        #expect(json.hasPrefix(#"{"v":1,"id":"w-1","host":"node-7","pid":4242,"#))
        #expect(json.contains(#""processed":11,"#) && json.hasSuffix(#""metrics_addr":"127.0.0.1:9464"}"#))
        #expect(try WorkerRegistryRecord(json: json) == record)
    }

    @Test func workerRegistryRecordReadsTheEarlierFormat() throws {
        // As the worker wrote it before the version field.
        let earlier = try WorkerRegistryRecord(json: """
            {"id":"w-9","host":"h","pid":7,"started":"2026-12-06T10:00:00Z","last_seen":"2026-12-06T10:00:05Z","processed":5,\
            "done":4,"dead":1,"retried":0,"duplicates":0,"superseded":0,"released":2,"collector":false,"in_flight":0,\
            "store":"SQLITE_FULL","concurrency":64,"urgent_slots":8,"handler":"simulate","metrics_addr":"127.0.0.1:1"}
            """)
        #expect(earlier.version == 1 && earlier.totals.done == 4 && earlier.totals.released == 2)
        #expect(earlier.store == "SQLITE_FULL" && earlier.extras == ["metrics_addr": "127.0.0.1:1"])
        #expect(throws: StoredRecordError(record: "worker registry record", problem: "field \"id\" is missing")) {
            try WorkerRegistryRecord(json: #"{"pid":7}"#)
        }
    }
}

extension StoredRecordTests {
    @Test func quarantineInfoRoundTripsAndReadsTheEarlierFormat() throws {
        let info = QuarantineInfo(reason: "no text", source: "POST /inbound/email", quarantinedAt: "2026-12-07T05:00:00Z", bytes: 42)
        #expect(info.json == #"{"v":1,"reason":"no text","source":"POST /inbound/email","quarantined_at":"2026-12-07T05:00:00Z","bytes":42}"#)
        #expect(try QuarantineInfo(json: info.json) == info)
        // As intake wrote it before the version field.
        let earlier = try QuarantineInfo(json: #"{"reason":"unknown brand","source":"mail.mbox","quarantined_at":"2026-12-06T10:00:00Z","bytes":7}"#)
        #expect(earlier == QuarantineInfo(reason: "unknown brand", source: "mail.mbox", quarantinedAt: "2026-12-06T10:00:00Z", bytes: 7))
        #expect(throws: StoredRecordError(record: "quarantine record", problem: "field \"bytes\" is of the wrong type")) {
            try QuarantineInfo(json: #"{"reason":"x","bytes":"many"}"#)
        }
    }

    @Test func highVolumeHistoryRoundTripsAndReadsTheEarlierFormat() throws {
        let history = HighVolumeHistory(changes: [.init(atMillis: -5_000, on: true), .init(atMillis: 253_402_300_799_000, on: false)])
        #expect(history.json == #"{"v":1,"changes":[[-5000,1],[253402300799000,0]]}"#)
        #expect(try HighVolumeHistory(json: history.json) == history)
        // The bare array the recording script wrote before the version field.
        let earlier = try HighVolumeHistory(json: "[[1764239400000,1],[1764412200000,0]]")
        #expect(earlier.version == 1)
        #expect(earlier.changes == [.init(atMillis: 1_764_239_400_000, on: true), .init(atMillis: 1_764_412_200_000, on: false)])
        #expect(try HighVolumeHistory(json: #"{"v":1,"changes":[]}"#).changes.isEmpty)
    }

    @Test func highVolumeHistoryNamesWhatItCannotRead() {
        #expect(throws: StoredRecordError(record: "high-volume history", problem: "change 2 is not a pair [instant in ms, 0 or 1]")) {
            try HighVolumeHistory(json: "[[1000,1],[2000,2]]")
        }
        #expect(throws: StoredRecordError(record: "high-volume history", problem: "change 1 is not a pair [instant in ms, 0 or 1]")) {
            try HighVolumeHistory(json: #"{"v":1,"changes":[[1000,1,0]]}"#)
        }
        #expect(throws: StoredRecordError(record: "high-volume history", problem: "field \"changes\" is missing")) {
            try HighVolumeHistory(json: #"{"v":1}"#)
        }
        #expect(throws: StoredRecordError(record: "high-volume history", problem: "not a JSON object")) {
            try HighVolumeHistory(json: "on since Monday")
        }
        #expect(throws: StoredRecordError(
            record: "high-volume history", problem: "version 2 is newer than this release reads (1); upgrade ticketq"
        )) {
            try HighVolumeHistory(json: #"{"v":2,"changes":[]}"#)
        }
    }
}
