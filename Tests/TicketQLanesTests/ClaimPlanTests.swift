@testable import TicketQLanes
import Testing

/// How a claim shares its batch over partitions (pure planning; the lanes tests run it on Redis).
struct ClaimPlanTests {
    private func depths(urgent: [Int], lower: [Int], retrying: [Int]? = nil, suspects: [Int]? = nil) -> [ClaimPlan.Depths] {
        urgent.indices.map {
            ClaimPlan.Depths(urgent: urgent[$0], lower: lower[$0], retrying: retrying?[$0] ?? 0, suspects: suspects?[$0] ?? 0)
        }
    }

    private func counts(_ plan: ClaimPlan, partitions: Int) -> [Int] {
        var counts = [Int](repeating: 0, count: partitions)
        for share in plan.shares { counts[share.partition] += share.count }
        return counts
    }

    @Test func theSameBusinessDayLaneOfEveryPartitionComesFirst() {
        let plan = ClaimPlan(batch: 8, scope: .allLanes(leavingUrgent: 0), depths: depths(urgent: [0, 5, 0, 3], lower: [100, 100, 100, 100]))
        #expect(counts(plan, partitions: 4) == [0, 5, 0, 3])
    }

    @Test func theLowerTierIsSharedInProportionToDepth() {
        let plan = ClaimPlan(batch: 100, scope: .allLanes(leavingUrgent: 0), depths: depths(urgent: [2, 0, 0, 0], lower: [50, 150, 0, 300]))
        let shares = counts(plan, partitions: 4)
        #expect(shares.reduce(0, +) == 100)
        #expect(shares[0] == 2 + 10 && shares[1] == 29 || shares[1] == 30)
        #expect(shares[2] == 0 && shares[3] >= 58)
    }

    @Test func neverMoreThanTheBatchNorMoreThanAPartitionHolds() {
        for batch in [1, 3, 17, 512] {
            let plan = ClaimPlan(batch: batch, scope: .allLanes(leavingUrgent: 0), depths: depths(urgent: [1, 2, 3], lower: [4, 0, 9]))
            let shares = counts(plan, partitions: 3)
            #expect(shares.reduce(0, +) == min(batch, 19))
            #expect(zip(shares, [5, 2, 12]).allSatisfy { $0 <= $1 })
        }
    }

    @Test func retriesThatMayBeDueGetAClaimOfTheirPartition() {
        let plan = ClaimPlan(batch: 4, scope: .allLanes(leavingUrgent: 0), depths: depths(urgent: [0, 0], lower: [10, 0], retrying: [0, 3]))
        #expect(counts(plan, partitions: 2) == [3, 1])
    }

    @Test func urgentClaimsTakeOnlyTheSameBusinessDayLaneAndTheReserveIsLeft() {
        let urgent = ClaimPlan(batch: 4, scope: .urgentOnly, depths: depths(urgent: [1, 0, 2], lower: [50, 50, 50]))
        #expect(counts(urgent, partitions: 3) == [1, 0, 2])
        let reserving = ClaimPlan(batch: 10, scope: .allLanes(leavingUrgent: 2), depths: depths(urgent: [2, 0], lower: [0, 5]))
        #expect(counts(reserving, partitions: 2) == [0, 5])
    }

    @Test func suspectsComeFromOnePartition() {
        let plan = ClaimPlan(batch: 32, scope: .suspect, depths: depths(urgent: [9, 9, 9], lower: [9, 9, 9], suspects: [1, 4, 2]))
        #expect(plan.shares == [ClaimPlan.Share(partition: 1, count: 32, leavingUrgent: 0)])
    }

    @Test func anEmptyDeploymentStillAsksOnePartition() {
        let plan = ClaimPlan(batch: 16, scope: .allLanes(leavingUrgent: 0), depths: depths(urgent: [0, 0], lower: [0, 0]))
        #expect(plan.shares.count == 1 && plan.shares[0].count == 16)
    }
}
