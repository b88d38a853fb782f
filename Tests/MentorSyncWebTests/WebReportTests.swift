import Foundation
import XCTest
import MentorSyncTestSupport
import MentorSyncDomain

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
        // Printed for the teachers' council, the meetings and the surveys name the school too, not «s001».
        for section in ["meetings", "satisfaction"] {
            let start = try XCTUnwrap(earlier.body.range(of: "<section id=\"\(section)\">"), earlier.body)
            let table = String(earlier.body[start.upperBound...].split(separator: "</section>", maxSplits: 1).first ?? "")
            XCTAssertTrue(table.contains("<tr><td>Школа № 1</td>"), "\(section): \(table)")
            XCTAssertFalse(table.contains("s001"), "\(section): \(table)")
        }
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

    /// The methodologist prints one school's report, or downloads it for Excel, from the district's app.
    func testTheDistrictShowsOneSchoolsReport() throws {
        let w = try WebWorld()
        w.check(try ToolRunner.run("mentorsync-district", ["enroll", "--site", "s002", "--name", "Школа № 2", "--out", w.scratch.path("s002.enroll").path,
                                                           "--home", w.districtHome.path]))
        try w.sql(w.districtHome, """
            INSERT INTO persons (id, org_id, full_name, role) VALUES ('p-m', 's001', 'Иванова Мария', 'teacher'), ('p-2', 's002', 'Петров Олег', 'teacher');
            """)
        let client = WebClient(port: try w.start("mentorsync-district", home: w.districtHome))
        let all = client.get("/report")?.body ?? ""
        XCTAssertTrue(all.contains("<option value=\"\">Все школы и муниципалитет</option>"), all)
        XCTAssertTrue(all.contains("<td>Школа № 1</td>") && all.contains("<td>Школа № 2</td>"), all)
        let period = SchoolYear.current
        let one = client.get("/report?period=\(period)&site=s002")?.body ?? ""
        XCTAssertTrue(one.contains("<option value=\"s002\" selected>Школа № 2</option>"), one)
        XCTAssertTrue(one.contains("<td>Школа № 2</td>") && !one.contains("<td>Школа № 1</td>"), one)
        XCTAssertTrue(one.contains("href=\"/report.xlsx?period=\(period)&amp;site=s002\""), one)
        let book = try XCTUnwrap(client.get("/report.xlsx?period=\(period)&site=s002"))
        XCTAssertEqual(book.header("Content-Disposition"), "attachment; filename=\"report-\(period)-s002.xlsx\"")
        // A school not enrolled (an address typed by hand) is said, not shown as the whole report.
        let unknown = client.get("/report?site=s999")
        XCTAssertEqual(unknown?.status, 404)
        XCTAssertTrue(unknown?.body.contains("«s999»: в этом реестре нет школы с таким кодом; выберите школу из списка") ?? false, unknown?.body ?? "")
        XCTAssertFalse(unknown?.body.contains("status") ?? true, "a command named on a page: \(unknown?.body ?? "")")
        XCTAssertEqual(client.get("/report?site=")?.status, 200, "no school chosen: the whole report")
    }
}
