import Foundation
import XCTest
@testable import MentorSyncDomain
import MentorSyncTestSupport

/// Workbooks the writer makes read back cell for cell, by our reader and by LibreOffice.
final class XLSXWriterTests: XCTestCase {
    let header: [XLSXCell] = [.text("full_name"), .text("birth_date"), .text("satisfaction"), .text("notes")]
    let body: [[XLSXCell]] = [
        [.text("Иванова Мария Петровна"), .date("1990-03-12"), .number(7), .text("класс 3 «Б»; & <b> \"кавычки\"")],
        [.text("  Петров  "), .date("1975-11-05"), .number(4.5), .text("две\nстроки")],
        [.text("_x0041_ и \u{1}"), .empty, .number(-0.25), .text("007")],
        [.text("Сидорова"), .date("не дата"), .empty, .empty],
    ]
    let expected = [
        ["full_name", "birth_date", "satisfaction", "notes"],
        ["Иванова Мария Петровна", "1990-03-12", "7", "класс 3 «Б»; & <b> \"кавычки\""],
        ["  Петров  ", "1975-11-05", "4.5", "две\nстроки"],
        ["_x0041_ и \u{1}", "", "-0.25", "007"],
        ["Сидорова", "не дата", "", ""],
    ]

    func testWrittenWorkbookReadsBackWithSharedAndInlineStrings() throws {
        for shared in [true, false] {
            let data = try XLSXWriter(sharedStrings: shared).encode(sheet: "persons", rows: [header] + body)
            XCTAssertEqual(try SpreadsheetFixtures.rows(data), expected, "shared strings: \(shared)")
            let zip = try ZipReader(data)
            XCTAssertEqual(zip.entry(named: "xl/sharedStrings.xml") != nil, shared)
            let sheet = String(decoding: try zip.data(named: "xl/worksheets/sheet1.xml")!, as: UTF8.self)
            XCTAssertTrue(sheet.contains("<c r=\"B2\" s=\"2\"><v>32944</v></c>"), "dates are date cells: \(sheet)")
            XCTAssertTrue(sheet.contains("<c r=\"A1\" s=\"1\""), "the header is bold")
        }
    }

    func testSeveralSheetsAndTabNames() throws {
        let data = try XLSXWriter().encode(sheets: [("persons", [[.text("a")]]), ("Persons", [[.text("b")]]), ("a/b:c[d]*?", [[.number(1)]])])
        let book = try XLSXWorkbook(data: data, file: "t.xlsx")
        XCTAssertEqual(book.sheetNames, ["persons", "Persons 2", "abcd"])
        XCTAssertEqual(try book.sheet("Persons 2").records.map(\.fields), [["b"]])
    }

    func testCellLongerThanExcelTakesIsRefused() {
        XCTAssertThrowsError(try XLSXWriter().encode(sheet: "notes", rows: [[.text("x")], [.empty, .text(String(repeating: "я", count: 32_768))]])) { e in
            XCTAssertEqual(e as? XLSXError, .cellTooLong(sheet: "notes", cell: "B2"))
        }
    }

    /// LibreOffice (when installed) opens the workbook and saves it as CSV with the same cells;
    /// dates show as the writer formats them, DD.MM.YYYY. (Not before 1900-03-01: LibreOffice does
    /// not count Excel's fictional 1900-02-29, so earlier serials differ by a day between the two.)
    func testLibreOfficeReadsWrittenWorkbook() throws {
        guard let soffice = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice"]
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw XCTSkip("LibreOffice (soffice) is not installed: apt-get install libreoffice-calc to run this check")
        }
        let scratch = ScratchDirectory("xlsx-lo")
        let book = scratch.path("written.xlsx")
        try XLSXWriter().encode(sheet: "persons", rows: [header] + body).write(to: book)
        let r = try ToolRunner.runProgram(URL(fileURLWithPath: soffice), [
            "-env:UserInstallation=file://\(scratch.folder("profile").path)", "--headless",
            "--convert-to", "csv:Text - txt - csv (StarCalc):59,34,76,1", "--outdir", scratch.folder("out").path, book.path,
        ])
        XCTAssertEqual(r.exitCode, 0, r.output)
        let csv = try CSVReader.read(contentsOf: scratch.path("out/written.csv"), separator: .semicolon)
        var wanted = expected
        wanted[1][1] = "12.03.1990"
        wanted[2][1] = "05.11.1975"
        XCTAssertEqual(csv.records.map(\.fields), wanted)
    }
}
