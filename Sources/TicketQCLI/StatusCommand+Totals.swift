import TicketQConfig
import TicketQCore

extension StatusCommand.Report {
    /// The counters every worker reports in its registry entry, in display order. They are the
    /// registry's view of the same events the workers' Prometheus counters count since each
    /// process started.
    static let totalFields = ["done", "dead", "retried", "duplicates", "superseded", "released"]

    /// Each counter summed over the live workers (a field a record lacks counts as 0).
    var totals: [(name: String, value: Int64)] {
        Self.totalFields.map { name in
            let sum = workers.reduce(Int64(0)) { partial, worker in
                guard let entry = worker.fields.first(where: { $0.key == name }), case let .integer(value) = entry.value else { return partial }
                return partial + value
            }
            return (name, sum)
        }
    }

    /// `totals (live workers, since each started): done 10, dead 1, …`.
    var totalsText: String {
        "totals over live workers since they started: " + totals.map { "\($0.name) \($0.value)" }.joined(separator: ", ")
    }

    /// The totals as a JSON object.
    var totalsJSON: String {
        var object = JSONObjectWriter()
        for (name, value) in totals { object.add(name, value) }
        return object.json
    }
}
