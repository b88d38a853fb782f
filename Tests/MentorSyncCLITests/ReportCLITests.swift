import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncTestSupport

final class ReportCLITests: XCTestCase {
    func testCoordinatorGetsTheIndicatorTableInEveryFormatAndSchoolsGetTheirOwn() throws {
        let w = try CLIWorld(schools: [])
        let seeded = try w.district("seed-demo", "--schools", "3", "--scale", "8", "--json")
        expectOK(seeded)
        let json = try XCTUnwrap(try w.json(try w.district("report", "--json")) as? [String: Any])
        let schools = try XCTUnwrap(json["schools"] as? [[String: Any]])
        XCTAssertEqual(schools.count, 3)
        let csv = try w.district("report", "--format", "csv")
        expectOK(csv)
        XCTAssertTrue(csv.stdout.hasPrefix("\u{FEFF}"), "CSV for Russian Excel starts with a BOM")
        XCTAssertTrue(csv.stdout.split(separator: "\n").first?.contains(";") ?? false)
        let html = w.scratch.path("report.html")
        expectOK(try w.district("report", "--format", "html", "--out", html.path))
        let page = try String(contentsOf: html, encoding: .utf8)
        XCTAssertTrue(page.contains("<html") && !page.contains("http://") && !page.contains("https://"))
        // The region's Excel file: a workbook by the file's name, the CSV's rows with numbers as numbers.
        let book = w.scratch.path("отчёт.xlsx")
        expectOK(try w.district("report", "--out", book.path))
        let sheet = try XLSXWorkbook(data: try Data(contentsOf: book), file: book.path).sheet()
        let lines = csv.stdout.dropFirst().trimmingCharacters(in: .newlines).split(separator: "\r\n").map { $0.split(separator: ";", omittingEmptySubsequences: false).map(String.init) }
        XCTAssertEqual(sheet.records.count, lines.count)
        XCTAssertEqual(sheet.records.first?.fields, lines.first)
        for (record, line) in zip(sheet.records, lines).dropFirst() {
            XCTAssertEqual(record.fields.map { Double($0) == nil ? $0 : $0.replacingOccurrences(of: ".", with: ",") }, line, "numbers as the CSV rounds them")
        }
        let xml = String(decoding: try XCTUnwrap(try ZipReader(try Data(contentsOf: book)).data(named: "xl/worksheets/sheet1.xml")), as: UTF8.self)
        XCTAssertNotNil(xml.range(of: #"<c r="G2"( s="\d+")?><v>\d+</v></c>"#, options: .regularExpression), "a numerator is a number cell: \(xml.prefix(1500))")
        let screen = try w.district("report", "--format", "xlsx")
        XCTAssertEqual(screen.exitCode, 1)
        XCTAssertEqual(screen.stderr.split(separator: "\n").count, 1, screen.stderr)
        let mismatch = try w.district("report", "--format", "table", "--out", w.scratch.path("t.xlsx").path)
        XCTAssertEqual(mismatch.exitCode, 1, "a text table is not written under an Excel name")
        XCTAssertFalse(FileManager.default.fileExists(atPath: w.scratch.path("t.xlsx").path))
        let bad = try w.district("report", "--period", "2024-2030")
        XCTAssertEqual(bad.exitCode, 2, "a --period that is no school year is a mistake in the command")
        XCTAssertTrue(bad.stderr.hasPrefix("mentorsync-district: period 2024-2030: expected a school year"), bad.stderr)
        expectOK(try w.district("events", "--overdue"))
        expectOK(try w.district("indicators"))

        // A seeded school's data reaches the school, which reports on its own rows only.
        let enroll = w.districtHome.appendingPathComponent("enrollments/s001.enroll")
        expectOK(try w.school("s001", "init", "--enroll", enroll.path))
        w.schools.append("s001")
        try w.round()
        let mine = try XCTUnwrap(try w.json(try w.school("s001", "report", "--json")) as? [String: Any])
        XCTAssertEqual((mine["schools"] as? [[String: Any]])?.compactMap { $0["site"] as? String }, ["s001"])
        // A school's report is its own: its help offered "--site SITE  one school only", which made a
        // report of the district's organization row; --site is the district's option.
        let other = try w.school("s001", "report", "--site", "district")
        XCTAssertEqual(other.exitCode, 2, other.output)
        XCTAssertTrue(other.stderr.contains("unknown option --site"), other.stderr)
        XCTAssertFalse(try w.school("s001", "report", "--help").stdout.contains("--site"))
        XCTAssertTrue(try w.district("report", "--help").stdout.contains("--site SITE"))
    }
}
