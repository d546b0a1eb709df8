import Prometheus

/// Builds the descriptor of a ticketq metric: `ticketq_<name>[_<unit>]` with its help text.
enum MetricName {
    static func descriptor(_ name: String, unit: String = "", help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "ticketq", metricName: name, unitName: unit, helpText: help)
    }
}
