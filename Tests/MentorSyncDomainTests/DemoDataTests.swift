import XCTest
import MentorSyncEngine
import MentorSyncTestSupport
import MentorSyncDemo
@testable import MentorSyncDomain

/// The demo district: valid rows (they went through SQLite's CHECK constraints), every form, status
/// and kind, owned by the right site, the same for the same seed, and a report that works on it.
final class DemoDataTests: XCTestCase {
    static let year = SchoolYear(startYear: 2024)

    private func seeded(seed: UInt64 = 7, schools: Int = 4, scale: Int = 20, unresolved: Bool = true)
        throws -> (ReportFixture, DemoData.Summary) {
        let f = try ReportFixture()
        let summary = try DemoData.seed(database: f.db, schools: DemoData.schools(schools), seed: seed, scale: scale,
                                        year: Self.year, unresolved: unresolved)
        return (f, summary)
    }

    private func values(_ db: Database, _ sql: String) throws -> Set<String> {
        Set(try db.rows(sql).map { $0[0].displayText })
    }

    func testEveryTableGetsRowsOwnedByTheRightSite() throws {
        let (f, summary) = try seeded()
        for table in RegistrySchema.schema.tables {
            let n = try f.db.scalar("SELECT count(*) FROM \(table.name)")?.integer ?? 0
            XCTAssertGreaterThan(n, 0, table.name)
        }
        XCTAssertEqual(summary.total, try RegistrySchema.schema.tables.reduce(0) {
            $0 + Int(try f.db.scalar("SELECT count(*) FROM \($1.name)")?.integer ?? 0) })
        let schools: Set<String> = ["s001", "s002", "s003", "s004"]
        for table in ["persons", "mentors", "mentees", "pairs", "pair_mentees", "plans", "meetings", "surveys"] {
            XCTAssertEqual(try values(f.db, "SELECT DISTINCT org_id FROM \(table)"), schools, table)
        }
        XCTAssertEqual(try values(f.db, "SELECT DISTINCT org_id FROM indicators"), ["district"])
        XCTAssertEqual(try values(f.db, "SELECT DISTINCT org_id FROM organizations"), ["district"])
        XCTAssertEqual(try values(f.db, "SELECT DISTINCT org_id FROM events"), schools.union(["district"]))
        XCTAssertEqual(try values(f.db, "SELECT id FROM organizations WHERE kind = 'school'"), schools)
        XCTAssertEqual(try values(f.db, "SELECT id FROM organizations WHERE kind = 'district'"), ["district"])
        // Every write is captured, like any other client's (the directors' names are set by an update).
        XCTAssertGreaterThanOrEqual(try f.db.scalar("SELECT count(*) FROM msync_log")?.integer ?? 0, Int64(summary.total))
        XCTAssertEqual(try f.db.integrityCheck(), "ok")
    }

    func testEveryFormStatusAndKindOccurs() throws {
        let (f, _) = try seeded()
        XCTAssertEqual(try values(f.db, "SELECT DISTINCT form FROM pairs"), Set(ReportVocabulary.pairForms))
        XCTAssertEqual(try values(f.db, "SELECT DISTINCT status FROM pairs"), Set(ReportVocabulary.pairStatuses))
        XCTAssertEqual(try values(f.db, "SELECT DISTINCT kind FROM pairs"), ["pair", "group"])
        XCTAssertEqual(try values(f.db, "SELECT DISTINCT kind FROM meetings"), Set(ReportVocabulary.meetingKinds))
        XCTAssertEqual(try values(f.db, "SELECT DISTINCT respondent FROM surveys"), ["mentor", "mentee"])
        XCTAssertEqual(try values(f.db, "SELECT DISTINCT status FROM plans"), ["draft", "active", "done", "failed"])
        XCTAssertEqual(try values(f.db, "SELECT DISTINCT role FROM persons"),
                       ["teacher", "student", "methodologist", "manager", "external"])
        XCTAssertEqual(try values(f.db, "SELECT DISTINCT category FROM mentees"),
                       ["young_specialist", "new_arrival", "struggling", "student", "reserve"])
        XCTAssertEqual(try values(f.db, "SELECT DISTINCT status FROM mentors"), ["candidate", "active", "inactive"])
        // People who left before and during the year.
        XCTAssertGreaterThan(try f.db.scalar("SELECT count(*) FROM persons WHERE left_on < '2024-09-01'")?.integer ?? 0, 0)
        XCTAssertGreaterThan(try f.db.scalar("SELECT count(*) FROM persons WHERE left_on BETWEEN '2024-09-01' AND '2025-08-31'")?.integer ?? 0, 0)
        // Teachers of every age: under 35 and well over.
        XCTAssertGreaterThan(try f.db.scalar("SELECT count(*) FROM persons WHERE role = 'teacher' AND birth_date > '1989-09-01'")?.integer ?? 0, 0)
        XCTAssertGreaterThan(try f.db.scalar("SELECT count(*) FROM persons WHERE role = 'teacher' AND birth_date < '1970-01-01'")?.integer ?? 0, 0)
        // Russian names: surname, first name, patronymic.
        let name = try XCTUnwrap(try f.db.scalar("SELECT full_name FROM persons WHERE role = 'teacher' LIMIT 1")?.text)
        XCTAssertEqual(name.split(separator: " ").count, 3, name)
        XCTAssertTrue(name.unicodeScalars.allSatisfy { $0 == " " || $0 == "-" || (0x0400...0x04FF).contains($0.value) }, name)
    }

    func testTheSameSeedGivesTheSameRows() throws {
        let (a, _) = try seeded(seed: 42, schools: 2, scale: 8)
        let (b, _) = try seeded(seed: 42, schools: 2, scale: 8)
        let (c, _) = try seeded(seed: 43, schools: 2, scale: 8)
        let snapA = try a.replica.snapshot(), snapB = try b.replica.snapshot(), snapC = try c.replica.snapshot()
        XCTAssertEqual(snapA, snapB)
        XCTAssertNotEqual(snapA["persons"], snapC["persons"])
    }

    func testReferencesResolveExceptTheDeliberateOnes() throws {
        let (clean, _) = try seeded(unresolved: false)
        let report = try IndicatorReport(database: clean.db, period: Self.year)
        XCTAssertEqual(report.incomplete.filter { $0.problem == .missingReference }, [])
        let (messy, _) = try seeded(seed: 3, schools: 30, scale: 3, unresolved: true)
        let dangling = try IndicatorReport(database: messy.db, period: Self.year).incomplete.filter { $0.problem == .missingReference }
        XCTAssertFalse(dangling.isEmpty, "a registry in the middle of syncing")
        XCTAssertTrue(dangling.allSatisfy { ["pairs", "pair_mentees", "meetings"].contains($0.table) })
    }

    func testAReportOnTheDemoWorks() throws {
        let (f, _) = try seeded(schools: 6, scale: 15)
        let report = try IndicatorReport(database: f.db, period: Self.year)
        XCTAssertEqual(report.schools.map(\.site), ["s001", "s002", "s003", "s004", "s005", "s006"])
        XCTAssertEqual(report.district.name, "ЦРО")
        for code in IndicatorCode.allCases {
            let i = try XCTUnwrap(report.district.indicator(code))
            XCTAssertGreaterThan(i.denominator, 0, code.rawValue)
            XCTAssertLessThanOrEqual(i.numerator, i.denominator, code.rawValue)
            if code.needsSchema2 { XCTAssertGreaterThan(i.numerator, 0, "the demo shows \(code.rawValue)") }
            XCTAssertEqual(i.targetSource, code.defaultTarget == nil ? nil : .indicators, "targets come from the seeded indicators")
            XCTAssertEqual(i.target, code.defaultTarget)
        }
        XCTAssertGreaterThan(report.district.counts.activeMentors, 0)
        XCTAssertGreaterThan(report.district.counts.meetingsTotal, 0)
        XCTAssertNotNil(report.district.counts.satisfaction("mentee")?.mean)
        for format in ReportFormat.allCases { XCTAssertFalse(try report.renderedData(as: format).isEmpty) }
        // The schools differ: some reach a target that others miss.
        let values = Set(report.schools.compactMap { $0.indicator(.studentsInMentoring)?.met })
        XCTAssertEqual(values, [true, false])
    }

    func testRoadmapHasOverdueEvents() throws {
        let (f, _) = try seeded()
        let events = try RoadmapEvent.list(database: f.db, today: "2024-12-01")
        XCTAssertTrue(events.contains { $0.overdue && $0.orgId == "district" })
        XCTAssertTrue(events.contains { $0.overdue && $0.orgId != "district" })
        XCTAssertTrue(events.contains { $0.status == "done" })
        XCTAssertEqual(events.first?.orgId, "district", "the municipal roadmap first")
        let targets = try IndicatorTarget.list(database: f.db)
        XCTAssertTrue(targets.filter(\.computed).allSatisfy { $0.id != nil }, "every computed indicator has a row")
        XCTAssertEqual(targets.first { $0.code == "young_specialists_retained" }?.targetValue, 85)
    }

    func testSeedingCompletesOrganizationsThatEnrollmentMade() throws {
        let f = try ReportFixture()
        try f.db.execute("INSERT INTO organizations(id, org_id, name, kind) VALUES ('district', 'district', 'Дубна', 'district')")
        try f.db.execute("INSERT INTO organizations(id, org_id, name, kind) VALUES ('s001', 'district', 'Школа имени Ю. А. Гагарина', 'school')")
        try f.indicatorTarget("teachers_under_35", 95)
        try DemoData.seed(database: f.db, schools: DemoData.schools(2), seed: 1, scale: 5, year: Self.year)
        XCTAssertEqual(try f.db.scalar("SELECT name FROM organizations WHERE id = 's001'")?.text, "Школа имени Ю. А. Гагарина")
        XCTAssertEqual(try f.db.scalar("SELECT name FROM organizations WHERE id = 'district'")?.text, "Дубна")
        XCTAssertNotNil(try f.db.scalar("SELECT director FROM organizations WHERE id = 's001'")?.text)
        XCTAssertEqual(try f.db.scalar("SELECT count(*) FROM indicators WHERE code = 'teachers_under_35'")?.integer, 1)
        let report = try IndicatorReport(database: f.db, period: Self.year)
        XCTAssertEqual(report.district.indicator(.teachersUnder35)?.target, 95)
    }

    func testSchoolsHelper() {
        let s = DemoData.schools(12)
        XCTAssertEqual(s.count, 12)
        XCTAssertEqual(s.first?.site, "s001")
        XCTAssertEqual(s.last?.site, "s012")
        XCTAssertEqual(Set(s.map(\.site)).count, 12)
        XCTAssertNotNil(SiteID(s[0].site))
    }

    func testRowsPerTeacherAreAsDocumented() throws {
        let (_, summary) = try seeded(seed: 11, schools: 3, scale: 60)
        let perSchool = Double(summary.total) / 3
        XCTAssertGreaterThan(perSchool, 1_500, "scale 60 ≈ 2,000 rows per school")
        XCTAssertLessThan(perSchool, 2_600)
    }
}
