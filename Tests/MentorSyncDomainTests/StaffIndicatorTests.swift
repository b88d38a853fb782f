import XCTest
import MentorSyncEngine
import MentorSyncTestSupport
@testable import MentorSyncDomain

/// Indicators 8–12 on the hand-made district of `StaffIndicatorFixture`. s001's staff: А1, А2, А4
/// (teachers) and А3 (manager); s002's: Б1, Б2 (teachers). District: 6 staff, 5 teachers.
final class StaffIndicatorTests: XCTestCase {
    var fixture: StaffIndicatorFixture!
    var report: IndicatorReport!

    override func setUpWithError() throws {
        fixture = try StaffIndicatorFixture()
        report = try fixture.report()
    }

    private func check(_ unit: OrganizationReport?, _ code: IndicatorCode, _ numerator: Int, _ denominator: Int,
                       target: Double?, met: Bool?, file: StaticString = #filePath, line: UInt = #line) {
        guard let r = unit?.indicator(code) else { return XCTFail("no \(code.rawValue)", file: file, line: line) }
        XCTAssertEqual(r.numerator, numerator, "\(unit?.site ?? "") \(code.rawValue) numerator", file: file, line: line)
        XCTAssertEqual(r.denominator, denominator, "\(unit?.site ?? "") \(code.rawValue) denominator", file: file, line: line)
        XCTAssertEqual(r.target, target, "\(unit?.site ?? "") \(code.rawValue) target", file: file, line: line)
        XCTAssertEqual(r.met, met, "\(unit?.site ?? "") \(code.rawValue) met", file: file, line: line)
    }

    /// 8a: diagnosed in the period — s001: А1, А2, А4 of 4 (А3's was in August 2024); s002: Б2 of 2.
    /// No target of its own (Dubna's 60% is 8b's).
    func testStaffDiagnosed() {
        check(report.school("s001"), .staffDiagnosed, 3, 4, target: nil, met: nil)
        check(report.school("s002"), .staffDiagnosed, 1, 2, target: nil, met: nil)
        check(report.district, .staffDiagnosed, 4, 6, target: nil, met: nil)
        XCTAssertNil(report.district.indicator(.staffDiagnosed)?.targetSource)
    }

    /// 8b: the last diagnostic of the period with a level — А1 basic (yes), А2 unacceptable (no),
    /// А4 has no level (left out); Б2 elevated (yes). Target 50 from the indicators table.
    func testDiagnosedAtBasicOrAbove() {
        check(report.school("s001"), .diagnosedBasicOrAbove, 1, 2, target: 50, met: true)
        check(report.school("s002"), .diagnosedBasicOrAbove, 1, 1, target: 50, met: true)
        check(report.district, .diagnosedBasicOrAbove, 2, 3, target: 50, met: true)
        XCTAssertEqual(report.district.indicator(.diagnosedBasicOrAbove)?.targetSource, .indicators)
    }

    /// 9: teachers with a federal-register course passed in the period — А1 (А2 failed, А3 is a manager).
    func testTeachersFederalCourse() {
        check(report.school("s001"), .teachersFederalCourse, 1, 3, target: 6, met: true)
        check(report.school("s002"), .teachersFederalCourse, 0, 2, target: 6, met: false)
        check(report.district, .teachersFederalCourse, 1, 5, target: 6, met: true)
    }

    /// 10: a count — А1 (2025), not А2 (2024) nor А4 (no year); Б2 once for two entries.
    func testTeachersInContestsIsACount() {
        check(report.school("s001"), .teachersInContests, 1, 3, target: 1, met: true)
        check(report.school("s002"), .teachersInContests, 1, 2, target: 1, met: true)
        check(report.district, .teachersInContests, 2, 5, target: 1, met: true)
        let r = report.district.indicator(.teachersInContests)
        XCTAssertEqual(r?.unit, .count)
        XCTAssertEqual(r?.value, 2, "a count's value is the count, not a share")
    }

    /// 11: talents course passed by the end of the period — А2 (2023), А3; not А1 (September 2025), not А4 (no date).
    func testStaffTrainedOnTalents() {
        check(report.school("s001"), .staffTrainedOnTalents, 2, 4, target: 10, met: true)
        check(report.school("s002"), .staffTrainedOnTalents, 0, 2, target: 10, met: false)
        check(report.district, .staffTrainedOnTalents, 2, 6, target: 10, met: true)
    }

    /// 12a: practice sharing — А1, А3 (E1); Б1 (s001's E1, counted in s002), Б2 (E6, from late August).
    /// 12b: А2 (seminar); not А3 (cancelled), not А4 (no date); Б1 (consultation).
    func testStaffInEvents() {
        check(report.school("s001"), .staffInPracticeSharing, 2, 4, target: 85, met: false)
        check(report.school("s002"), .staffInPracticeSharing, 2, 2, target: 85, met: true)
        check(report.district, .staffInPracticeSharing, 4, 6, target: 85, met: false)
        check(report.school("s001"), .staffInProfessionalEvents, 1, 4, target: 80, met: false)
        check(report.school("s002"), .staffInProfessionalEvents, 1, 2, target: 80, met: false)
        check(report.district, .staffInProfessionalEvents, 2, 6, target: 80, met: false)
    }

    /// In the middle of the year (the report's date 12.01.2025) what is dated later is planned, not
    /// held: А4's diagnostic (February), А1's federal course (February), А3's talents course (May),
    /// the seminar of 15.01 (А2) are not counted yet; November's practice sharing is.
    func testWhatIsDatedAfterTheReportsDateIsNotCountedYet() throws {
        let january = try IndicatorReport(database: fixture.f.db, period: SchoolYear(startYear: 2024), asOf: "2025-01-12")
        let s001 = january.school("s001")
        check(s001, .staffDiagnosed, 2, 4, target: nil, met: nil)
        check(s001, .teachersFederalCourse, 0, 3, target: 6, met: false)
        check(s001, .staffTrainedOnTalents, 1, 4, target: 10, met: true)
        check(s001, .staffInProfessionalEvents, 0, 4, target: 80, met: false)
        check(s001, .staffInPracticeSharing, 2, 4, target: 85, met: false)
        // А4's February diagnostic without its level is planned, not incomplete (the full year lists it).
        let levelless = try XCTUnwrap(fixture.ids["levelless"])
        XCTAssertFalse(january.incomplete.contains { $0.id == levelless }, "\(january.incomplete)")
        XCTAssertTrue(report.incomplete.contains { $0.id == levelless })
    }

    /// Rows indicators 8–12 cannot use are listed by what is missing, and nothing else is dropped.
    func testIncompleteReferencesAndValuesAreListed() throws {
        func has(_ table: String, _ key: String, _ column: String, _ problem: IncompleteRow.Problem) -> Bool {
            let id = fixture.ids[key]!
            return report.incomplete.contains { $0.table == table && $0.id == id && $0.column == column && $0.problem == problem }
        }
        XCTAssertTrue(has("diagnostics", "orphanDiagnostic", "person_id", .missingReference))
        XCTAssertTrue(has("event_participants", "orphanParticipant", "event_id", .missingReference))
        XCTAssertTrue(has("diagnostics", "levelless", "level", .missingValue))
        XCTAssertTrue(has("trainings", "undatedTraining", "finished_on", .missingValue))
        XCTAssertTrue(has("contest_entries", "yearlessContest", "year", .missingValue))
        XCTAssertTrue(has("events", "undatedEvent", "starts_on", .missingValue))
        XCTAssertTrue(has("events", "kindlessEvent", "kind", .missingValue))
        XCTAssertEqual(report.incomplete.count, 7, report.incomplete.map { "\($0.table).\($0.column)" }.joined(separator: ", "))
        XCTAssertEqual(report.school("s001")?.incomplete, 6)
        XCTAssertEqual(report.school("s002")?.incomplete, 1)
    }

    /// One school's report is that school's figures.
    func testOneSchool() throws {
        let one = try fixture.report(site: "s002")
        check(one.district, .staffInPracticeSharing, 2, 2, target: 85, met: true)
        check(one.district, .teachersInContests, 1, 2, target: 1, met: true)
    }

    /// Every format shows the new indicators, the count as a count.
    func testEveryFormatShowsIndicators8To12() throws {
        let table = report.tableText()
        for code in IndicatorCode.allCases where code.needsSchema2 { XCTAssertTrue(table.contains(code.title), code.rawValue) }
        XCTAssertTrue(table.contains("не менее 1"), "a count's target reads as a count")
        let csv = report.csvText()
        XCTAssertTrue(csv.contains("district;ЦРО;teachers_in_contests;10;"))
        XCTAssertTrue(csv.contains(";2;5;2;чел.;1;да\r\n"), "the district's count row: 2 among 5, value 2, target 1, met")
        XCTAssertTrue(csv.contains("s001;Школа № 1;diagnosed_basic_or_above;8б;"))
        let json = try JSONSerialization.jsonObject(with: report.jsonData()) as? [String: Any]
        let indicators = (json?["district"] as? [String: Any])?["indicators"] as? [[String: Any]] ?? []
        let contests = indicators.first { $0["code"] as? String == "teachers_in_contests" }
        XCTAssertEqual(contests?["unit"] as? String, "count")
        XCTAssertEqual(contests?["value"] as? Double, 2)
        XCTAssertEqual(indicators.first { $0["code"] as? String == "staff_diagnosed" }?["target"] is NSNull, true)
        XCTAssertEqual(try IndicatorReport.decode(report.jsonData()), report)
        let html = report.htmlPage()
        for code in IndicatorCode.allCases where code.needsSchema2 {
            XCTAssertTrue(html.contains("<section id=\"indicator-\(code.rawValue)\">"), code.rawValue)
        }
        XCTAssertTrue(html.contains("2 при цели не менее 1"))
    }

    /// Titles and sources come from the catalogue in both languages; the report uses the Russian.
    func testTitlesAreInTheCatalogue() {
        for code in IndicatorCode.allCases {
            XCTAssertEqual(code.title, Message.indicatorTitle(code).text(.ru))
            XCTAssertFalse(Message.indicatorTitle(code).text(.en).isEmpty)
            XCTAssertNotEqual(Message.indicatorTitle(code).text(.en), Message.indicatorTitle(code).text(.ru))
            XCTAssertNotEqual(Message.indicatorSource(code).text(.en), Message.indicatorSource(code).text(.ru))
        }
    }
}
