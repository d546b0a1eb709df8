import Prometheus

/// The Prometheus text exposition format served at `/metrics`.
public enum MetricsExposition {
    /// The `Content-Type` of text format 0.0.4.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    /// Renders every metric of `registry`.
    public static func render(_ registry: PrometheusCollectorRegistry) -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(64 * 1024)
        registry.emit(into: &buffer)
        return buffer
    }
}
