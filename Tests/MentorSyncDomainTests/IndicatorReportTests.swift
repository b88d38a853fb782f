import XCTest
import MentorSyncEngine
import MentorSyncTestSupport
@testable import MentorSyncDomain

/// Each indicator of DOMAIN.md on the hand-made district of `DubnaFixture`; the expected figures are
/// worked out from the rows, which are annotated there.
final class IndicatorReportTests: XCTestCase {
    var fixture: DubnaFixture!
    var report: IndicatorReport!

    override func setUpWithError() throws {
        fixture = try DubnaFixture()
        report = try fixture.report()
    }

    private func share(_ unit: OrganizationReport?, _ code: IndicatorCode, file: StaticString = #filePath, line: UInt = #line) -> IndicatorResult {
        guard let r = unit?.indicator(code) else {
            XCTFail("no \(code.rawValue)", file: file, line: line)
            return IndicatorResult(code: code, numerator: -1, denominator: -1, target: nil, targetSource: nil)
        }
        return r
    }

    private func assertShare(_ r: IndicatorResult, _ numerator: Int, _ denominator: Int, met: Bool?,
                             file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(r.numerator, numerator, "\(r.code.rawValue) numerator", file: file, line: line)
        XCTAssertEqual(r.denominator, denominator, "\(r.code.rawValue) denominator", file: file, line: line)
        XCTAssertEqual(r.met, met, "\(r.code.rawValue) met", file: file, line: line)
    }

    func testSchoolsAreTheRegisteredOnesInSiteOrder() {
        XCTAssertEqual(report.schools.map(\.site), ["s001", "s002"])
        XCTAssertEqual(report.schools.map(\.name), ["Школа № 1", "Школа № 2"])
        XCTAssertEqual(report.district.name, "ЦРО")
        XCTAssertEqual(report.periodStart, "2024-09-01")
        XCTAssertEqual(report.periodEnd, "2025-08-31")
        XCTAssertNil(report.site)
    }

    /// 1. Under 35 on 1 September: Т1, Т2 (turns 35 on 2 September), Т5 (leaves in January), Т6.
    /// Not Т2б (35 on the day), Т4 (left in June), Т7 (hired after the year), Т8 (no birth date).
    /// Taking part: Т1 (P1), Т2 (PX, whose mentor has not arrived), Т5 (P2); Т6's pair is only forming.
    func testTeachersUnder35() {
        let s1 = share(report.school("s001"), .teachersUnder35)
        assertShare(s1, 3, 4, met: false)
        XCTAssertEqual(s1.value ?? 0, 75, accuracy: 1e-9)
        XCTAssertEqual(s1.target, 90, "the indicators table sets this target")
        XCTAssertEqual(s1.targetSource, .indicators)
        assertShare(share(report.school("s002"), .teachersUnder35), 0, 1, met: false)   // Ш1, born 1990, no pair
        assertShare(share(report.district, .teachersUnder35), 3, 5, met: false)
    }

    /// A target the district set reads as the district's (at a school too); one it did not set names the roadmap it follows,
    /// as an example (a reader in another town read «Дубна, показатель 1» and did not know why).
    func testEachTargetSaysWhereItComesFrom() {
        let text = report.tableText(), html = report.htmlPage()
        XCTAssertTrue(text.contains("— цель 90% (цель управления образования — таблица «Показатели и цели»)"), text)
        XCTAssertTrue(text.contains("— цель 30% (по образцу дома детского творчества: не менее 30%)"), text)
        XCTAssertTrue(html.contains("Цель: 90% (цель управления образования — таблица «Показатели и цели»)"), html)
        XCTAssertTrue(report.notes.contains { $0.contains("по образцу: муниципальной дорожной карты г. Дубны") }, "\(report.notes)")
    }

    /// 2. Teaching since after 2021-09-01: Т1, Т5, Т9 (a 44-year-old newcomer). Т6 has exactly 3 years.
    func testTeachersUnder3Years() {
        let s1 = share(report.school("s001"), .teachersUnder3Years)
        assertShare(s1, 2, 3, met: true)
        XCTAssertEqual(s1.target, 30)
        XCTAssertEqual(s1.targetSource, .default)
        let s2 = share(report.school("s002"), .teachersUnder3Years)
        assertShare(s2, 0, 0, met: nil)
        XCTAssertNil(s2.value, "nobody to count: no value, not 0%")
        assertShare(share(report.district, .teachersUnder3Years), 2, 3, met: true)
    }

    /// 3. Pupils present: У1–У6 and У8 (left in March); У7 left before. Taking part: У1, У2 (group G1),
    /// У3 (mentor of P4), У4 (mentee of P4, completed in December). У5's pair was terminated.
    func testPupilsInMentoring() {
        let s1 = share(report.school("s001"), .studentsInMentoring)
        assertShare(s1, 4, 7, met: false)
        XCTAssertEqual(s1.target, 70, "a row with an empty target_value keeps the default")
        XCTAssertEqual(s1.targetSource, .default)
        assertShare(share(report.school("s002"), .studentsInMentoring), 0, 1, met: false)
        assertShare(share(report.district, .studentsInMentoring), 4, 8, met: false)
    }

    /// 4. Young specialists present: Т1 (two mentee rows, counted once) and Т5, who leaves in January.
    /// Т4 left before the year; the mentee whose person has not arrived is incomplete.
    func testYoungSpecialistsRetained() {
        let s1 = share(report.school("s001"), .youngSpecialistsRetained)
        assertShare(s1, 1, 2, met: false)
        XCTAssertEqual(s1.target, 85)
        assertShare(share(report.school("s002"), .youngSpecialistsRetained), 0, 0, met: nil)
    }

    /// 5a. Mentees of working pairs, person present: E1, E5, ES1, ES2, ES4, E2 (ES7 left before).
    /// With a plan: E1, ES1 and ES2 (their group's plan), E2. E5's plan is a draft.
    /// 5b. Plans due in the year: P1's, G1's (done), P5's (failed), PX's. Last year's plan and E6's
    /// plan that runs to January 2026 are not due.
    func testPlans() {
        let withPlan = share(report.school("s001"), .menteesWithPlan)
        assertShare(withPlan, 4, 6, met: true)
        XCTAssertEqual(withPlan.target, 60)
        let done = share(report.school("s001"), .plansDone)
        assertShare(done, 1, 4, met: false)
        XCTAssertEqual(done.target, 80)
        assertShare(share(report.school("s002"), .menteesWithPlan), 0, 0, met: nil)
        assertShare(share(report.district, .plansDone), 1, 4, met: false)
    }

    /// 5b in the middle of the year: on 31 January the plans of P1 (May) and PX (June) are not due yet;
    /// G1's (done) and P5's (failed) are closed.
    func testPlansAreDueByTheReportsDate() throws {
        let january = try IndicatorReport(database: fixture.f.db, period: SchoolYear(startYear: 2024), asOf: "2025-01-31")
        XCTAssertEqual(january.asOf, "2025-01-31")
        assertShare(share(january.school("s001"), .plansDone), 1, 2, met: false)
        XCTAssertEqual(january.school("s001")?.indicator(.menteesWithPlan)?.numerator, 4, "5a does not depend on the date")
        XCTAssertEqual(report.asOf, "2025-08-31", "a past year is judged on its last day")
        let early = try IndicatorReport(database: fixture.f.db, period: SchoolYear(startYear: 2024), asOf: "2020-01-01")
        XCTAssertEqual(early.asOf, "2024-09-01")
    }

    /// 7 in the middle of the year: a meeting or survey dated after the report's date is planned,
    /// not held; the notes say so.
    func testMeetingsAndSurveysCountByTheReportsDate() throws {
        let january = try IndicatorReport(database: fixture.f.db, period: SchoolYear(startYear: 2024), asOf: "2025-01-10")
        let c = try XCTUnwrap(january.school("s001")?.counts)
        let year = try XCTUnwrap(report.school("s001")?.counts)
        XCTAssertEqual(year.meetings(kind: "joint_work"), c.meetings(kind: "joint_work") + 1, "15.01.2025 is after the 10th")
        XCTAssertEqual(c.meetings(kind: "introduction"), year.meetings(kind: "introduction"))
        XCTAssertEqual(year.satisfaction("mentee")?.responses, (c.satisfaction("mentee")?.responses ?? 0) + 1, "20.01.2025 is after the 10th")
        XCTAssertTrue(january.notes.contains("Встречи, анкеты, диагностика, курсы и мероприятия считаются проведёнными в периоде не позже 10.01.2025; с более поздней датой они запланированы и не считаются."),
                      january.notes.joined(separator: "\n"))
    }

    /// 6. s001 has working pairs; s002 has none.
    func testSchoolsWithAWorkingPair() {
        assertShare(share(report.school("s001"), .schoolsWithActivePair), 1, 1, met: true)
        assertShare(share(report.school("s002"), .schoolsWithActivePair), 0, 1, met: false)
        let d = share(report.district, .schoolsWithActivePair)
        assertShare(d, 1, 2, met: false)
        XCTAssertEqual(d.target, 100)
    }

    /// A network pair's meetings and surveys count for the pair's school, whoever entered them:
    /// the mentor's school (s002 here) adds its own to the pair of s001 (DESIGN: a network pair
    /// counts for the mentee's school).
    func testANetworkPairsMeetingsCountForThePairsSchool() throws {
        let p1 = try XCTUnwrap(fixture.ids["p1"])
        let before = report.school("s001")!.counts
        _ = try fixture.f.meeting("s002", pair: p1, kind: "trial", held: "2025-02-01")
        _ = try fixture.f.survey("s002", pair: p1, respondent: "mentor", score: 6, answered: "2025-05-15")
        let after = try fixture.report()
        XCTAssertEqual(after.school("s001")!.counts.meetings(kind: "trial"), before.meetings(kind: "trial") + 1)
        XCTAssertEqual(after.school("s001")!.counts.satisfaction("mentor")?.responses, (before.satisfaction("mentor")?.responses ?? 0) + 1)
        XCTAssertEqual(after.school("s002")!.counts.meetingsTotal, 0, "s002 has no pair of its own")
        XCTAssertEqual(after.school("s002")!.counts.satisfaction("mentor")?.responses ?? 0, 0)
    }

    /// 7. Counts of s001.
    func testCounts() {
        let c = report.school("s001")!.counts
        XCTAssertEqual(c.activeMentors, 2, "М1 and М2; not the candidate, not Т4's (left), not the one without a person")
        XCTAssertEqual(c.mentees, 9, "all mentee rows of present persons")
        XCTAssertEqual(c.pairsTotal, 7, "last year's pair is out")
        XCTAssertEqual(c.pairs(form: "teacher-teacher", status: "active"), 3)
        XCTAssertEqual(c.pairs(form: "teacher-teacher", status: "forming"), 1)
        XCTAssertEqual(c.pairs(form: "teacher-student", status: "active"), 1)
        XCTAssertEqual(c.pairs(form: "teacher-student", status: "terminated"), 1)
        XCTAssertEqual(c.pairs(form: "student-student", status: "completed"), 1)
        XCTAssertEqual(c.pairs(status: "active"), 4)
        XCTAssertEqual(c.pairs.count, 24, "every form × status, zeros included")
        XCTAssertEqual(c.meetings(kind: "introduction"), 1)
        XCTAssertEqual(c.meetings(kind: "trial"), 1)
        XCTAssertEqual(c.meetings(kind: "planning"), 1)
        XCTAssertEqual(c.meetings(kind: "joint_work"), 2, "the meeting of a pair not arrived still happened")
        XCTAssertEqual(c.meetings(kind: "final"), 1)
        XCTAssertEqual(c.meetings(kind: "other"), 0, "the undated meeting is listed as incomplete instead")
        XCTAssertEqual(c.meetingsTotal, 6)
        XCTAssertEqual(c.satisfaction("mentor")?.responses, 1)
        XCTAssertEqual(c.satisfaction("mentor")?.mean, 9)
        XCTAssertEqual(c.satisfaction("mentee")?.responses, 2)
        XCTAssertEqual(c.satisfaction("mentee")?.mean, 7.5)

        let empty = report.school("s002")!.counts
        XCTAssertEqual(empty.pairsTotal, 0)
        XCTAssertNil(empty.satisfaction("mentor")?.mean)
        XCTAssertEqual(report.district.counts.mentees, 9)
        XCTAssertEqual(report.district.counts.satisfaction("mentee")?.total, 15)
    }

    /// Unresolved references and missing values are named, one entry per problem.
    func testIncompleteRowsAreNamed() {
        let ids = fixture.ids
        let entries = Set(report.incomplete.map { "\($0.table) \($0.id) \($0.column) \($0.problem.rawValue)" })
        XCTAssertEqual(entries, [
            "mentors \(ids["mx"]!) person_id missing_reference",
            "mentees \(ids["ex"]!) person_id missing_reference",
            "pairs \(ids["px"]!) mentor_id missing_reference",
            "meetings \(ids["orphanMeeting"]!) pair_id missing_reference",
            "persons \(ids["t8"]!) birth_date missing_value",
            "persons \(ids["t8"]!) teaching_since missing_value",
            "meetings \(ids["undatedMeeting"]!) held_on missing_value",
            "surveys \(ids["undatedSurvey"]!) answered_on missing_value",
        ])
        let pair = report.incomplete.first { $0.table == "pairs" }!
        XCTAssertEqual(pair.refersToTable, "mentors")
        XCTAssertEqual(pair.orgId, "s001")
        XCTAssertTrue(pair.explanation.hasPrefix("Наставник → Наставники ["), pair.explanation)
        XCTAssertEqual(report.school("s001")?.incomplete, 7, "rows, not problems: Т8 counts once")
        XCTAssertEqual(report.school("s002")?.incomplete, 0)
        XCTAssertEqual(report.district.incomplete, 7)
        // The report's lead counts rows as the schools do (it counted problems: 8 beside 7).
        XCTAssertGreaterThan(report.incomplete.count, 7)
        XCTAssertEqual(report.incompleteRowCount, 7)
        XCTAssertTrue(try report.rendered(as: .html).contains("Неполных строк: 7."))
    }

    func testLimitedToOneSchool() throws {
        let one = try fixture.report(site: "s002")
        XCTAssertEqual(one.site, "s002")
        XCTAssertEqual(one.schools.map(\.site), ["s002"])
        XCTAssertEqual(one.district.site, "s002")
        XCTAssertEqual(one.district.indicator(.schoolsWithActivePair)?.denominator, 1)
        XCTAssertTrue(one.incomplete.isEmpty, "s001's incomplete rows are not s002's business")
        let first = try fixture.report(site: "s001")
        XCTAssertEqual(first.incomplete.count, 8)
        XCTAssertEqual(first.district.indicator(.teachersUnder35)?.numerator, 3)
        XCTAssertThrowsError(try fixture.report(site: "s404")) { error in
            XCTAssertEqual(error as? ReportError, .unknownSite("s404"))
        }
    }

    /// The district office's own code asks for the whole district, not for the office as a school.
    func testTheDistrictsOwnCodeIsTheWholeDistrict() throws {
        let whole = try fixture.report(), office = try fixture.report(site: "district")
        XCTAssertNil(office.site)
        XCTAssertEqual(office.schools.map(\.site), whole.schools.map(\.site))
        XCTAssertEqual(office.district.name, "ЦРО")
        XCTAssertEqual(office.district.indicator(.schoolsWithActivePair)?.denominator,
                       whole.district.indicator(.schoolsWithActivePair)?.denominator)
        XCTAssertGreaterThan(office.schools.count, 1)
        // A school's registry holds no district to report: the code is as unknown there as before.
        let f = try ReportFixture(site: "s017", role: .school)
        try f.organization("s017", name: "Школа № 17")
        XCTAssertThrowsError(try IndicatorReport(database: f.db, period: SchoolYear(startYear: 2024), site: "district")) { error in
            XCTAssertEqual(error as? ReportError, .unknownSite("district"))
        }
    }

    func testAnotherPeriodCountsOtherPeople() throws {
        // In 2023-2024 Т4 was still there (left 2024-06-30) and last year's pair was working.
        let last = try IndicatorReport(database: fixture.f.db, period: SchoolYear(startYear: 2023))
        let s1 = last.school("s001")!
        XCTAssertEqual(s1.counts.pairs(form: "teacher-teacher", status: "completed"), 1)
        XCTAssertEqual(s1.indicator(.youngSpecialistsRetained)?.denominator, 3, "Т1, Т4 and Т5 in 2023-2024")
        XCTAssertEqual(s1.indicator(.youngSpecialistsRetained)?.numerator, 2, "Т4 left in June 2024, within that year")
    }

    func testEmptyDistrict() throws {
        let f = try ReportFixture()
        let r = try IndicatorReport(database: f.db, period: SchoolYear(startYear: 2024))
        XCTAssertTrue(r.schools.isEmpty)
        XCTAssertTrue(r.incomplete.isEmpty)
        XCTAssertEqual(r.district.indicators.count, IndicatorCode.allCases.count)
        XCTAssertTrue(r.district.indicators.allSatisfy { $0.denominator == 0 && $0.value == nil && $0.met == nil })
        XCTAssertEqual(r.district.counts.pairsTotal, 0)
        for format in ReportFormat.allCases { XCTAssertFalse(try r.renderedData(as: format).isEmpty) }
    }

    func testASchoolRegistryReportsOnItselfByDefault() throws {
        let f = try ReportFixture(site: "s017", role: .school)
        // The district's organizations rows reach every school.
        try f.organization("s017", name: "Школа № 17")
        try f.organization("s018", name: "Школа № 18")
        let t = try f.person("s017", "Т", born: "1996-01-01", teachingSince: "2023-09-01")
        let m = try f.mentor("s017", person: try f.person("s017", "Н", born: "1970-01-01", teachingSince: "1995-09-01"))
        try f.pair("s017", mentor: m, form: "teacher-teacher", status: "active", started: "2024-09-10",
                   mentees: [try f.mentee("s017", person: t, category: "young_specialist")])
        let r = try IndicatorReport(database: f.db, period: SchoolYear(startYear: 2024))
        XCTAssertEqual(r.site, "s017")
        XCTAssertEqual(r.schools.map(\.site), ["s017"])
        XCTAssertEqual(r.district.indicator(.teachersUnder35)?.numerator, 1)
        XCTAssertEqual(r.district.indicator(.schoolsWithActivePair)?.numerator, 1)
    }

    func testSiteWithDataButNoOrganizationsRowStillAppears() throws {
        let f = try ReportFixture()
        try f.person("s050", "Т", born: "1996-01-01", teachingSince: "2023-09-01")
        let r = try IndicatorReport(database: f.db, period: SchoolYear(startYear: 2024))
        XCTAssertEqual(r.schools.map(\.site), ["s050"])
        XCTAssertEqual(r.schools[0].name, "s050")
        XCTAssertEqual(r.district.indicator(.schoolsWithActivePair)?.denominator, 1)
    }

    func testNotARegistry() throws {
        let scratch = ScratchDirectory("report")
        let db = try Database(path: scratch.path("plain.db").path)
        XCTAssertThrowsError(try IndicatorReport(database: db, period: SchoolYear(startYear: 2024))) { error in
            guard case .notARegistry(_, "organizations")? = error as? ReportError else { return XCTFail("\(error)") }
        }
    }

    func testMetComparesExactly() {
        let r = IndicatorResult(code: .youngSpecialistsRetained, numerator: 17, denominator: 20, target: 85, targetSource: .default)
        XCTAssertEqual(r.met, true, "17 of 20 is exactly 85%")
        let below = IndicatorResult(code: .youngSpecialistsRetained, numerator: 16, denominator: 19, target: 85, targetSource: .default)
        XCTAssertEqual(below.met, false)
        let third = IndicatorResult(code: .teachersUnder3Years, numerator: 1, denominator: 3, target: 100.0 / 3, targetSource: .indicators)
        XCTAssertEqual(third.met, true)
    }

    func testReportReadsARegistryOpenedReadOnly() throws {
        var options = Database.Options()
        options.readOnly = true
        let readOnly = try Database(path: fixture.f.db.path, options: options)
        let r = try IndicatorReport(database: readOnly, period: SchoolYear(startYear: 2024), asOf: "2025-08-31")
        XCTAssertEqual(r, report)
    }

    func testReportRunsInsideACallersTransaction() throws {
        let r = try fixture.f.db.transaction(.deferred) { try fixture.report() }
        XCTAssertEqual(r, report)
    }
}
