import Prometheus

/// Builds the descriptor of a ticketq metric: `ticketq_<name>[_<unit>]` with its help text.
enum MetricName {
    static func descriptor(_ name: String, unit: String = "", help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "ticketq", metricName: name, unitName: unit, helpText: help)
    }

    /// Exported by workers and intake alike (one name and help text, so alerts need one rule).
    static let deploymentMarkerMissing = "deployment_marker_missing"
    static let deploymentMarkerMissingHelp =
        "1 while this process finds the deployment marker missing from Redis (data loss, or never initialised) and writes nothing."
}
