/// How one claim shares its batch out over a deployment's partitions.
///
/// The lane rules hold across partitions: the same-business-day lane first (each partition's
/// share of the batch is at least what it holds of that lane, up to the batch), then the lower
/// tier in proportion to what each partition holds, so that with ids hashed evenly the batch is
/// the lower tier's earliest deadlines within a small margin. Each partition's claim applies the
/// lower tier's minimum share within its own part. A partition whose retries may be due gets at
/// least one ticket of the batch, so that its claim moves them back to their lanes.
struct ClaimPlan {
    /// What one partition holds, counted just before the claim.
    struct Depths: Sendable, Hashable {
        var urgent: Int
        var lower: Int
        var retrying: Int
        var suspects: Int
    }

    /// One partition's part of the claim.
    struct Share: Sendable, Hashable {
        let partition: Int
        let count: Int
        /// Same-business-day tickets this partition leaves to urgent claimers.
        let leavingUrgent: Int
    }

    /// The partitions to claim from, each with its part; never more than the batch in all.
    let shares: [Share]

    init(batch: Int, scope: ClaimScope, depths: [Depths]) {
        let partitions = depths.count
        switch scope {
        case .suspect:
            // Suspects are claimed from one partition at a time: the caller holds nothing else
            // until they settle, so one crash never mixes suspects of two partitions.
            let busiest = depths.indices.max { depths[$0].suspects < depths[$1].suspects } ?? 0
            shares = [Share(partition: busiest, count: batch, leavingUrgent: 0)]
            return
        case .urgentOnly, .allLanes:
            break
        }
        let reserve = scope.leavingUrgent
        let totalUrgent = depths.reduce(0) { $0 + $1.urgent }
        let claimableUrgent = max(0, totalUrgent - reserve)
        var counts = Self.proportional(min(batch, claimableUrgent), over: depths.map(\.urgent))
        if case .allLanes = scope {
            let left = batch - counts.reduce(0, +)
            let lower = Self.proportional(min(left, depths.reduce(0) { $0 + $1.lower }), over: depths.map(\.lower))
            for index in counts.indices { counts[index] += lower[index] }
        }
        // Retries due move back in a claim of their partition.
        for index in counts.indices where counts[index] == 0 && depths[index].retrying > 0 {
            if counts.reduce(0, +) < batch {
                counts[index] = 1
            } else if let richest = counts.indices.max(by: { counts[$0] < counts[$1] }), counts[richest] > 1 {
                counts[richest] -= 1
                counts[index] = 1
            }
        }
        var planned = (0..<partitions).filter { counts[$0] > 0 }.map { index in
            Share(
                partition: index, count: counts[index],
                leavingUrgent: totalUrgent == 0 ? 0 : (reserve * depths[index].urgent + totalUrgent - 1) / totalUrgent
            )
        }
        // Nothing counted (or all of it left to urgent claimers): one partition's claim still
        // runs, for the server's time and for tickets that arrived since the count.
        if planned.isEmpty {
            let first = depths.indices.randomElement() ?? 0
            planned = [Share(partition: first, count: batch, leavingUrgent: reserve)]
        }
        shares = planned
    }

    /// `total` shared over `weights` in proportion, by largest remainder (sums to `total` when
    /// the weights do not all vanish; never more than a weight).
    static func proportional(_ total: Int, over weights: [Int]) -> [Int] {
        let sum = weights.reduce(0, +)
        guard total > 0, sum > 0 else { return [Int](repeating: 0, count: weights.count) }
        var counts = weights.map { $0 * total / sum }
        var left = total - counts.reduce(0, +)
        let remainders = weights.map { $0 * total % sum }
        let order = weights.indices.sorted { remainders[$0] > remainders[$1] }
        for index in order where left > 0 && counts[index] < weights[index] {
            counts[index] += 1
            left -= 1
        }
        return counts
    }
}
