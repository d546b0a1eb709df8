import Foundation

/// Collects hashed features into caller-owned buffers, merging repeats of the same bucket.
///
/// The buffers are sized by the caller for the largest possible number of features, so adding
/// never allocates and never checks capacity.
struct FeatureSink {
    let buckets: UnsafeMutableBufferPointer<Int32>
    let counts: UnsafeMutableBufferPointer<Float>
    let weights: UnsafeMutableBufferPointer<Float>
    /// Open addressing: `1 + position` of the bucket's entry, or 0 when free.
    let slots: UnsafeMutableBufferPointer<Int32>
    let slotMask: Int
    let bucketMask: UInt64
    private(set) var count = 0

    init(
        buckets: UnsafeMutableBufferPointer<Int32>, counts: UnsafeMutableBufferPointer<Float>,
        weights: UnsafeMutableBufferPointer<Float>, slots: UnsafeMutableBufferPointer<Int32>,
        slotMask: Int, bucketMask: UInt64
    ) {
        self.buckets = buckets
        self.counts = counts
        self.weights = weights
        self.slots = slots
        self.slotMask = slotMask
        self.bucketMask = bucketMask
    }

    /// Adds one occurrence of the feature with 64-bit hash `hash`.
    @inline(__always)
    mutating func add(_ hash: UInt64, weight: Float) {
        // Fold the high half in: FNV-1a's low bits alone mix poorly for short inputs.
        let bucket = Int32(truncatingIfNeeded: (hash ^ (hash >> 32)) & bucketMask)
        var slot = Int(bucket) & slotMask
        while true {
            let entry = Int(slots[slot])
            if entry == 0 {
                buckets[count] = bucket
                counts[count] = 1
                weights[count] = weight
                count += 1
                slots[slot] = Int32(truncatingIfNeeded: count)
                return
            }
            if buckets[entry - 1] == bucket {
                counts[entry - 1] += 1
                return
            }
            slot = (slot + 1) & slotMask
        }
    }

    /// Turns counts into weighted (optionally sublinear) term frequencies, L2-normalised.
    func finish(sublinear: Bool) {
        var squaredNorm: Float = 0
        for index in 0..<count {
            let occurrences = counts[index]
            let frequency = sublinear && occurrences > 1 ? 1 + log(occurrences) : occurrences
            let value = frequency * weights[index]
            counts[index] = value
            squaredNorm += value * value
        }
        guard squaredNorm > 0 else { return }
        let scale = 1 / squaredNorm.squareRoot()
        for index in 0..<count { counts[index] *= scale }
    }
}
