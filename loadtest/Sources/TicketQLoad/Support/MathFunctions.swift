#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The natural logarithm.
@inline(__always)
func naturalLog(_ value: Double) -> Double { log(value) }

/// e raised to `value`.
@inline(__always)
func naturalExp(_ value: Double) -> Double { exp(value) }
