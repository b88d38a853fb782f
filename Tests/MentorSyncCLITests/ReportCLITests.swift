import Foundation
import XCTest
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
        let bad = try w.district("report", "--period", "2024-2030")
        XCTAssertEqual(bad.exitCode, 1)
        XCTAssertEqual(bad.stderr.split(separator: "\n").count, 1, bad.stderr)
        expectOK(try w.district("events", "--overdue"))
        expectOK(try w.district("indicators"))

        // A seeded school's data reaches the school, which reports on its own rows only.
        let enroll = w.districtHome.appendingPathComponent("enrollments/s001.enroll")
        expectOK(try w.school("s001", "init", "--enroll", enroll.path))
        w.schools.append("s001")
        try w.round()
        let mine = try XCTUnwrap(try w.json(try w.school("s001", "report", "--json")) as? [String: Any])
        XCTAssertEqual((mine["schools"] as? [[String: Any]])?.compactMap { $0["site"] as? String }, ["s001"])
    }
}
