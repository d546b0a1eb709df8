import TicketQConfig
import TicketQCore
import TicketQLanes

extension StatusCommand.Report {
    // The counters every worker reports in its registry entry (``WorkerRegistryRecord/Totals``)
    // are the registry's view of the same events the workers' Prometheus counters count since
    // each process started.
    /// Each counter summed over the live workers (a record that cannot be read counts as 0).
    var totals: [(name: String, value: Int64)] {
        var sums = WorkerRegistryRecord.Totals().named.map { (name: $0.name, value: Int64(0)) }
        for worker in workers {
            guard let record = try? WorkerRegistryRecord(json: worker.rawJSON) else { continue }
            for (index, total) in record.totals.named.enumerated() { sums[index].value += Int64(total.value) }
        }
        return sums
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
