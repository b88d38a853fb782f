import Foundation
import XCTest
@testable import MentorSyncDomain

final class CSVReaderTests: XCTestCase {
    func fields(_ d: CSVDocument) -> [[String]] { d.records.map(\.fields) }

    func testQuotedCellsWithDoubledQuotesAndSeparators() throws {
        let d = try CSVReader.parse("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"\"\nplain,,end\n")
        XCTAssertEqual(d.separator, .comma)
        XCTAssertEqual(fields(d), [["a", "b", "c"], ["x, y", "say \"hi\"", ""], ["plain", "", "end"]])
    }

    func testEmbeddedNewlineKeepsPhysicalLineNumbers() throws {
        let d = try CSVReader.parse("full_name;notes\r\nИванов;\"first line\r\nsecond; line\"\r\nПетров;x\r\n")
        XCTAssertEqual(fields(d), [["full_name", "notes"], ["Иванов", "first line\r\nsecond; line"], ["Петров", "x"]])
        XCTAssertEqual(d.records.map(\.line), [1, 2, 4])
        let lf = try CSVReader.parse("a;b\n1;\"x\ny\nz\"\n2;w")
        XCTAssertEqual(lf.records.map(\.line), [1, 2, 5])
        XCTAssertEqual(lf.records[1].fields, ["1", "x\ny\nz"])
    }

    func testBOMIsStrippedAndReported() throws {
        let d = try CSVReader.parse(Data([0xEF, 0xBB, 0xBF] + Array("id;full_name\n1;Анна\n".utf8)))
        XCTAssertEqual(d.encoding, .utf8BOM)
        XCTAssertEqual(d.records[0].fields, ["id", "full_name"])
        XCTAssertEqual(d.records[1].fields, ["1", "Анна"])
        XCTAssertEqual(try CSVReader.parse("a\n").encoding, .utf8)
    }

    func testSeparatorDetectedFromHeaderLine() throws {
        // Commas in the data (a decimal comma, a name) do not matter: the header decides.
        let d = try CSVReader.parse("full_name;value;note\nИванов, Иван;4,5;ok\n")
        XCTAssertEqual(d.separator, .semicolon)
        XCTAssertEqual(d.records[1].fields, ["Иванов, Иван", "4,5", "ok"])
        // A quoted semicolon in a comma header is not counted.
        XCTAssertEqual(try CSVReader.parse("\"a;b\",c,d\n").separator, .comma)
        XCTAssertEqual(try CSVReader.parse("a\tb\n1\t2\n").separator, .tab)
        XCTAssertEqual(try CSVReader.parse("single\nx\n").separator, .comma)
    }

    func testForcedSeparator() throws {
        let d = try CSVReader.parse("a,b;c\n1,2;3\n", separator: .semicolon)
        XCTAssertEqual(fields(d), [["a,b", "c"], ["1,2", "3"]])
    }

    func testLineEndingsCRLFAndLFAndCR() throws {
        for text in ["a;b\r\n1;2\r\n3;4\r\n", "a;b\n1;2\n3;4", "a;b\r1;2\r3;4\r"] {
            let d = try CSVReader.parse(text)
            XCTAssertEqual(fields(d), [["a", "b"], ["1", "2"], ["3", "4"]], text.debugDescription)
            XCTAssertEqual(d.records.map(\.line), [1, 2, 3])
        }
    }

    func testBlankLinesAreRecordsMarkedBlank() throws {
        let d = try CSVReader.parse("a;b\n\n;\n1;2\n")
        XCTAssertEqual(d.records.map(\.isBlank), [false, true, true, false])
        XCTAssertEqual(d.records.map(\.line), [1, 2, 3, 4])
    }

    func testUnterminatedQuoteNamesItsLine() {
        XCTAssertThrowsError(try CSVReader.parse("a;b\n1;2\n3;\"open\n4;5\n")) { e in
            XCTAssertEqual(e as? CSVError, .unterminatedQuote(line: 3))
            XCTAssertTrue("\(e)".contains("line 3"))
        }
    }

    func testWindows1251AndUTF16AreRecognised() throws {
        // "ФИО;Роль" in Windows-1251, as older Russian Excel saves CSV.
        let cp1251: [UInt8] = [0xD4, 0xC8, 0xCE, 0x3B, 0xD0, 0xEE, 0xEB, 0xFC, 0x0A, 0xB8, 0xEB, 0xEA, 0xE0, 0x3B, 0xB9, 0x0A]
        let d = try CSVReader.parse(Data(cp1251))
        XCTAssertEqual(d.encoding, .windows1251)
        XCTAssertEqual(fields(d), [["ФИО", "Роль"], ["ёлка", "№"]])
        var utf16: [UInt8] = [0xFF, 0xFE]
        for u in "a\tб\n1\t2\n".utf16 { utf16 += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        let u = try CSVReader.parse(Data(utf16))
        XCTAssertEqual(u.encoding, .utf16)
        XCTAssertEqual(fields(u), [["a", "б"], ["1", "2"]])
    }

    func testWriterRoundTripsTrickyCells() throws {
        let rows = [["id", "notes", "x"],
                    ["1", "a;b", "say \"hi\""],
                    ["2", "line one\nline two", ""],
                    ["3", " padded ", "Ёжик, ёлка"],
                    ["4", "\"", "crlf\r\ninside"]]
        for sep in CSVSeparator.allCases {
            for bom in [true, false] {
                let data = CSVWriter.encode(rows, separator: sep, bom: bom)
                XCTAssertEqual(Array(data.prefix(3)) == [0xEF, 0xBB, 0xBF], bom)
                let d = try CSVReader.parse(data)
                XCTAssertEqual(d.separator, sep)
                XCTAssertEqual(fields(d), rows, "separator \(sep.symbol), bom \(bom)")
            }
        }
        XCTAssertEqual(String(decoding: CSVWriter.encode([["a", "b;c"], ["1", "2"]], bom: false), as: UTF8.self), "a;\"b;c\"\r\n1;2\r\n")
    }
}
