import Foundation
import TicketQCore

extension SplitMix64 {
    /// A uniform value in (0, 1]: never zero, so that `-log(u)` is finite.
    mutating func unitInterval() -> Double {
        Double((next() >> 11) + 1) / 9_007_199_254_740_992.0
    }

    /// An exponential gap for a Poisson process of `rate` events per second.
    mutating func exponentialGap(rate: Double) -> Double {
        -log(unitInterval()) / rate
    }

    /// An index drawn by `cumulative` weights (ascending, last = total).
    mutating func weightedIndex(_ cumulative: [Double]) -> Int {
        let target = unitInterval() * (cumulative.last ?? 0)
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
