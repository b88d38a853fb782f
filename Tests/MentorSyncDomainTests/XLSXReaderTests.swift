import Foundation
import XCTest
@testable import MentorSyncDomain

/// Reading workbooks: files saved by LibreOffice, the hand-made edge cases (Fixtures/README.md),
/// date serials and number formats, and files that are not workbooks.
final class XLSXReaderTests: XCTestCase {
    typealias F = SpreadsheetFixtures

    /// Every cell of the workbook LibreOffice made from persons.csv reads as the CSV cell, dates
    /// (date cells in the workbook) as YYYY-MM-DD.
    func testLibreOfficeWorkbookReadsAsItsCSV() throws {
        for name in ["persons", "persons-ru"] {
            let csv = try CSVReader.read(contentsOf: F.url("libreoffice/\(name).csv"))
            let sheet = try XLSXWorkbook(contentsOf: F.url("libreoffice/\(name).xlsx")).sheet()
            XCTAssertEqual(sheet.name, name)
            let expected = csv.records.map { r in
                r.fields.map { cell in ValueParser.normalizeDate(cell) ?? ValueParser.normalizeDate(String(cell.prefix(10))) ?? cell }
            }
            XCTAssertEqual(sheet.records.map(\.fields), expected, name)
            XCTAssertEqual(sheet.records.map(\.line), Array(1...csv.records.count))
        }
    }

    func testHandmadeEdgeCases() throws {
        let book = try XLSXWorkbook(contentsOf: F.url("handmade.xlsx"))
        XCTAssertEqual(book.sheetNames, ["Люди", "Второй лист"])
        let sheet = try book.sheet()
        XCTAssertEqual(sheet.name, "Люди")
        XCTAssertEqual(sheet.records.map(\.line), [1, 2, 5, 6, 7, 8], "row numbers kept, skipped and empty rows left out")
        XCTAssertEqual(sheet.records.map(\.fields), [
            ["ФИО", "Дата", "Формула", "Число", "Прочее"],
            ["Иванова Мария", "1990-03-12", "Иванова Мария!", "4.5", "  пробелы & <знаки> "],
            ["a_x0041_b\r", "1900-02-29", "", "1", "#N/A"],
            ["1", "Иванова Мария", "", "", ""],
            ["0.3", "1900-03-01", "1990-03-12 12:00", "1900-01-01", ""],
            ["", "2023-03-15", "12.5", "89161234567", ""],
        ])
    }

    func testSheetByNameAndUnknownSheet() throws {
        let book = try XLSXWorkbook(contentsOf: F.url("handmade.xlsx"))
        XCTAssertEqual(try book.sheet("Второй лист").records.map(\.fields), [["", "второй"], ["ФИО", ""]])
        XCTAssertEqual(try book.sheet(" второй ЛИСТ ").name, "Второй лист")
        XCTAssertThrowsError(try book.sheet("Третий")) { e in
            XCTAssertEqual((e as? XLSXError)?.message.text(.en), "handmade.xlsx has no sheet 'Третий'; its sheets are: 'Люди', 'Второй лист'")
            XCTAssertEqual((e as? XLSXError)?.message.text(.ru), "в книге handmade.xlsx нет листа «Третий»; её листы: «Люди», «Второй лист»")
        }
    }

    func testDateSerials() throws {
        func text(_ serial: Double, _ kind: XLSXNumberKind = .date, _ date1904: Bool = false) -> String? {
            ExcelDate.text(serial: serial, kind: kind, date1904: date1904)
        }
        XCTAssertEqual(text(1), "1900-01-01")
        XCTAssertEqual(text(59), "1900-02-28")
        XCTAssertEqual(text(60), "1900-02-29", "Excel's day that never was, shown as Excel shows it")
        XCTAssertEqual(text(61), "1900-03-01")
        XCTAssertEqual(text(36526), "2000-01-01")
        XCTAssertEqual(text(45000), "2023-03-15")
        XCTAssertEqual(text(36526.75, .dateTime), "2000-01-01 18:00")
        XCTAssertEqual(text(36526.99999999), "2000-01-02", "a time that rounds to midnight is the next day")
        XCTAssertEqual(text(0.5, .time), "12:00")
        XCTAssertEqual(text(0, .date, true), "1904-01-01")
        XCTAssertEqual(text(34519, .date, true), "1998-07-05")
        XCTAssertNil(text(-1))
        XCTAssertNil(text(3_000_000))
        // Every day from 1900 to 2100 goes to its serial and back.
        var day = ExcelDate.days(year: 1900, month: 1, day: 1)
        while day < ExcelDate.days(year: 2100, month: 12, day: 31) {
            let c = ExcelDate.civil(day)
            let iso = String(format: "%04d-%02d-%02d", c.year, c.month, c.day)
            guard let serial = ExcelDate.serial(iso) else { return XCTFail(iso) }
            XCTAssertEqual(text(Double(serial)), iso)
            day += 1
        }
        XCTAssertEqual(ExcelDate.serial("1900-03-01"), 61)
        XCTAssertNil(ExcelDate.serial("2023-02-29"))
        XCTAssertNil(ExcelDate.serial("12.03.1990"))
    }

    func testNumberFormatCodes() {
        let cases: [(String, XLSXNumberKind)] = [
            ("General", .number), ("0.00", .number), ("#,##0\\ \"₽\"", .number), ("0.00\" days\"", .number),
            ("0.00E+00", .number), ("@", .number), ("[Red]0.00;[Blue]-0.00", .number),
            ("dd.mm.yyyy", .date), ("[$-419]d mmmm yyyy;@", .date), ("mm/dd/yy", .date), ("mmm-yy", .date),
            ("h:mm", .time), ("[h]:mm:ss", .time), ("mm:ss", .time),
            ("dd.mm.yyyy h:mm", .dateTime), ("mm/dd/yy\\ hh:mm\\ AM/PM", .dateTime),
        ]
        for (code, kind) in cases { XCTAssertEqual(XLSXNumberKind(code: code), kind, code) }
        XCTAssertEqual(XLSXNumberKind(builtIn: 14), .date)
        XCTAssertEqual(XLSXNumberKind(builtIn: 22), .dateTime)
        XCTAssertEqual(XLSXNumberKind(builtIn: 20), .time)
        XCTAssertEqual(XLSXNumberKind(builtIn: 4), .number)
    }

    func testDate1904Workbook() throws {
        let data = try F.workbook(sheetData: "<row r=\"1\"><c r=\"A1\" s=\"1\"><v>0</v></c><c r=\"B1\"><v>0</v></c></row>",
                                  styles: "<xf numFmtId=\"0\"/><xf numFmtId=\"14\"/>", date1904: true)
        XCTAssertEqual(try F.rows(data), [["1904-01-01", "0"]])
    }

    /// Elements of the same short names outside sheetData (extensions) are no cells.
    func testOnlyCellsOfSheetDataAreRead() throws {
        let data = try F.workbook(sheetData: "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>a</t></is></c></row>",
                                  afterSheetData: "<extLst><ext><row r=\"2\"><c r=\"B2\"><v>9</v></c></row><t>x</t></ext></extLst>")
        XCTAssertEqual(try F.rows(data), [["a"]])
    }

    func testBrokenPartsAreOneLineErrors() throws {
        func error(_ data: Data) -> String {
            do { _ = try F.rows(data); return "no error" } catch { return (error as? XLSXError)?.message.text(.en) ?? "\(error)" }
        }
        XCTAssertEqual(error(try F.workbook(sheetData: "<row><c t=\"s\"><v>7</v></c></row>", sharedStrings: ["a"])),
                       "test.xlsx is damaged: xl/worksheets/sheet1.xml has a cell pointing at shared string '7', which does not exist; "
                       + Message.workbookAdvice.text(.en))
        let malformed = error(try F.workbook(sheetData: "<row><c><v>1</v></row>"))
        XCTAssertTrue(malformed.hasPrefix(
            "test.xlsx is damaged: xl/worksheets/sheet1.xml is not well-formed XML (line 1);"), malformed)
        XCTAssertTrue(error(try F.workbook(sheetData: "<row r=\"2\"/><row r=\"1\"/>")).contains("has a row numbered '1' out of order"))
        // An entity bomb never reaches the parser.
        var zip = ZipWriter()
        try zip.add("xl/workbook.xml", F.bytes("<!DOCTYPE lol [<!ENTITY a \"aaaaaaaa\">]><workbook/>"))
        XCTAssertEqual(error(zip.finish()), "test.xlsx is damaged: xl/workbook.xml declares a document type, which no workbook does; " + Message.workbookAdvice.text(.en))
        zip = ZipWriter()
        try zip.add("xl/workbook.xml", F.bytes("<?xml version=\"1.0\"?>\n<!-- a comment -->\n<!DOCTYPE workbook SYSTEM \"file:///etc/passwd\"><workbook/>"))
        XCTAssertTrue(error(zip.finish()).contains("declares a document type"))
        zip = ZipWriter()
        try zip.add("xl/workbook.xml", [0xFF, 0xFE] + Array("<workbook/>".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        XCTAssertEqual(error(zip.finish()), "test.xlsx is damaged: xl/workbook.xml is not written in UTF-8, as workbooks are; " + Message.workbookAdvice.text(.en))
        zip = ZipWriter()
        try zip.add("xl/workbook.xml", Array("<!DOCTYPE a><workbook/>".utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
        XCTAssertTrue(error(zip.finish()).contains("is not written in UTF-8"), "UTF-16 without a byte order mark too")
    }

    func testFilesThatAreNotWorkbooks() throws {
        func error(_ data: Data) -> XLSXError? {
            do { _ = try XLSXWorkbook(data: data, file: "list.xlsx"); return nil } catch { return error as? XLSXError }
        }
        XCTAssertEqual(error(Data("ФИО;Дата рождения\n".utf8)), .unreadable(file: "list.xlsx", .notZip))
        XCTAssertEqual(error(Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 600))), .oldExcel(file: "list.xlsx"))
        var ods = ZipWriter()
        try ods.add("mimetype", F.bytes("application/vnd.oasis.opendocument.spreadsheet"))
        try ods.add("content.xml", F.bytes("<office:document-content/>"))
        XCTAssertEqual(error(ods.finish()), .openDocument(file: "list.xlsx"))
        var other = ZipWriter()
        try other.add("readme.txt", F.bytes("hello"))
        XCTAssertEqual(error(other.finish()), .notWorkbook(file: "list.xlsx", missing: "xl/workbook.xml"))
        XCTAssertEqual(XLSXError.unreadable(file: "list.xlsx", .notZip).message.text(.ru),
                       "list.xlsx не читается как книга Excel: это не zip-архив (а книга .xlsx — это zip-архив); " + Message.workbookAdvice.russian)
        XCTAssertEqual(XLSXError.unreadable(file: "list.xlsx", .notZip).message.text(.en),
                       "list.xlsx cannot be read as an Excel workbook: it is not a zip file (an .xlsx workbook is one); " + Message.workbookAdvice.text(.en))
    }

    /// A workbook whose merged cells overlap — none Excel writes: it repairs such a file by dropping
    /// them — had each merge read down every row it spans, the same cells again and again: a file of
    /// 100 KB repeating one merge 8,000 times over 20,000 rows held its import (and the web app, the
    /// registry locked) for a quarter of a minute, a larger one for hours. A merge overlapping an
    /// earlier one of its column is not read, so each cell is looked at once; the first reads as before.
    func testOverlappingMergedCellsAreReadOnce() throws {
        let sheet = F.row(1, "Пара", "Дата") + "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>Пара 1</t></is></c><c r=\"B2\"><v>1</v></c></row>"
            + (3...4).map { "<row r=\"\($0)\"><c r=\"B\($0)\"><v>\($0 - 1)</v></c></row>" }.joined()
        let merges = Array(repeating: "<mergeCell ref=\"A2:A3\"/>", count: 3) + ["<mergeCell ref=\"A3:A4\"/>"]
        let rows = try F.rows(F.workbook(sheetData: sheet, afterSheetData: "<mergeCells count=\"4\">\(merges.joined())</mergeCells>"))
        XCTAssertEqual(rows.map { $0[0] }, ["Пара", "Пара 1", "Пара 1", ""])
    }
}
