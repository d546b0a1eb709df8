import Foundation
import Testing
import TicketQTriage

struct CSVReaderTests {
    @Test func quotedFieldsKeepCommasQuotesAndLineBreaks() throws {
        let csv = "flags,utterance,intent\r\nB,\"hi, there\",greet\nQ,\"she said \"\"cancel\"\"\",cancel_order\nZ,\"two\nlines\",x\n"
        let table = try CSVReader.parse(Data(csv.utf8))
        #expect(table.header == ["flags", "utterance", "intent"])
        #expect(table.records.map(\.fields) == [
            ["B", "hi, there", "greet"],
            ["Q", "she said \"cancel\"", "cancel_order"],
            ["Z", "two\nlines", "x"],
        ])
        #expect(table.records.map(\.line) == [2, 3, 4])
    }

    @Test func byteOrderMarkEmptyFieldsAndMissingFinalNewline() throws {
        let table = try CSVReader.parse(Data([0xEF, 0xBB, 0xBF] + Array("a,b\n,\"\"\nx,y".utf8)))
        #expect(table.header == ["a", "b"])
        #expect(table.records.map(\.fields) == [["", ""], ["x", "y"]])
    }

    @Test func errorsNameTheLine() {
        let cases: [(String, TriageError)] = [
            ("a,b\n1,2\n3\n", .malformedCSV(line: 3, reason: "expected 2 fields as in the header, found 1")),
            ("a,b\n1,2\n3,\"never\nclosed\n4,5\n", .malformedCSV(line: 3, reason: "quoted field is never closed")),
            ("a,b\n1,\"x\"y\n", .malformedCSV(line: 2, reason: "unexpected character 'y' after a closing quote")),
            ("a,b\n1,x\"y\n", .malformedCSV(line: 2, reason: "quote inside an unquoted field")),
            ("a,b\n1,2\r3,4\n", .malformedCSV(line: 2, reason: "carriage return not followed by a line feed")),
            ("", .malformedCSV(line: 1, reason: "the file is empty")),
        ]
        for (csv, expected) in cases {
            #expect(throws: expected, "\(csv.debugDescription)") { try CSVReader.parse(Data(csv.utf8)) }
        }
        #expect(throws: TriageError.invalidUTF8(line: 2)) { try CSVReader.parse(Data(Array("a\n".utf8) + [0xFF, 0x0A])) }
    }

    @Test func labelledExamplesNeedTheirColumnsAndValues() throws {
        let good = "flags,utterance,category,intent\nB,\"Where is my order, please?\",ORDER,track_order\n"
        #expect(try LabelledCSV.examples(from: Data(good.utf8)) ==
            [LabelledUtterance(text: "Where is my order, please?", intent: "track_order")])
        #expect(throws: TriageError.missingColumn("intent")) {
            try LabelledCSV.examples(from: Data("utterance,label\nhi,x\n".utf8))
        }
        #expect(throws: TriageError.emptyField(line: 3, column: "intent")) {
            try LabelledCSV.examples(from: Data("utterance,intent\nhi,x\nho,\n".utf8))
        }
        #expect(throws: TriageError.unusableDataset("the CSV file has a header but no rows")) {
            try LabelledCSV.examples(from: Data("utterance,intent\n".utf8))
        }
    }

    @Test func theShippedDataSetParses() throws {
        let examples = try RepositoryData.bitextExamples()
        #expect(examples.count == 17_227)
        #expect(Set(examples.map(\.intent)).count == 27)
        #expect(examples[1].text == "can you tell me if i can regisger two accounts with a single email address?")
    }
}
