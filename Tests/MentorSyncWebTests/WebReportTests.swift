import Foundation
import XCTest
import MentorSyncTestSupport

/// The report page shows the school year chosen (the one that ended is the one reported in
/// August and after) and gives the same report as an Excel workbook, at the school and the district.
final class WebReportTests: XCTestCase {
    func testAnEarlierYearIsShownAndDownloadedForExcel() throws {
        let w = try WebWorld()
        try w.sql(w.schoolHome, """
            INSERT INTO persons (id, org_id, full_name, role) VALUES ('p-m', 's001', 'Иванова Мария', 'teacher'), ('p-1', 's001', 'Смирнова Анна', 'teacher');
            INSERT INTO mentors (id, org_id, person_id, status) VALUES ('m-1', 's001', 'p-m', 'active');
            INSERT INTO pairs (id, org_id, mentor_id, started_on, status) VALUES ('pr-1', 's001', 'm-1', '2024-10-01', 'active');
            INSERT INTO meetings (id, org_id, pair_id, held_on) VALUES ('mt-1', 's001', 'pr-1', '2024-11-12'), ('mt-2', 's001', 'pr-1', '2025-01-20');
            """)
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        let now = client.get("/report")?.body ?? ""
        XCTAssertEqual(now.components(separatedBy: "<option value=").count - 1, 5, "this school year and the four before it")
        let earlier = try XCTUnwrap(client.get("/report?period=2024-2025"))
        XCTAssertEqual(earlier.status, 200)
        XCTAssertTrue(earlier.body.contains("2024-2025 учебный год"), earlier.body)
        XCTAssertTrue(earlier.body.contains("<option value=\"2024-2025\" selected>"), earlier.body)
        XCTAssertTrue(earlier.body.contains("href=\"/report.xlsx?period=2024-2025\">Скачать для Excel (.xlsx)</a>"), earlier.body)
        XCTAssertTrue(earlier.body.contains("<td>Школа № 1</td>"), "the school by its name, before the district's rows reached it: \(earlier.body)")
        let twoMeetings = "<td class=\"num\">2</td><td class=\"num\">2</td></tr>"
        XCTAssertTrue(earlier.body.contains(twoMeetings), "that year's two meetings, of no kind given, are counted: \(earlier.body)")
        XCTAssertFalse(now.contains(twoMeetings), "this year has none")

        let book = try XCTUnwrap(client.get("/report.xlsx?period=2024-2025"))
        XCTAssertEqual(book.status, 200)
        XCTAssertEqual(book.header("Content-Type"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
        XCTAssertEqual(book.header("Content-Disposition"), "attachment; filename=\"report-2024-2025.xlsx\"")
        XCTAssertTrue(book.body.hasPrefix("PK"), "a zip: the workbook")

        let bad = client.get("/report?period=2024-2030")
        XCTAssertEqual(bad?.status, 422)
        XCTAssertTrue((bad?.body ?? "").contains("нужен учебный год, например 2024-2025"), bad?.body ?? "")
    }
}
