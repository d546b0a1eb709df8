import Testing
@testable import TicketQStore

struct OutcomeColumnTests {
    @Test func parameterNumbersFollowTableOrder() {
        for (offset, column) in OutcomeColumn.allCases.enumerated() {
            #expect(column.parameterNumber == Int32(offset + 1), "\(column)")
            #expect(column.resultIndex == Int32(offset))
        }
    }

    @Test func onlyAckConfirmedIsDerived() {
        #expect(OutcomeColumn.stored == OutcomeColumn.allCases.filter { $0 != .ackConfirmed })
        #expect(OutcomeColumn.allCases.last == .ackConfirmed)
    }

    @Test func columnNamesAreSnakeCase() {
        for column in OutcomeColumn.allCases {
            #expect(column.rawValue.allSatisfy { $0.isLowercase || $0 == "_" }, "\(column.rawValue)")
        }
    }
}
