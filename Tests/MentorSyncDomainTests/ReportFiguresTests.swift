import XCTest
import MentorSyncEngine
import MentorSyncTestSupport
@testable import MentorSyncDomain

/// A web app keeps the report's figures while the registry is as it was (`ReportFigures`): the
/// municipality, each school and the workbook are counted once; a change by the app itself or by
/// another program (the daemon's pass) has them counted again. Told by the statements run, not by a timing.
final class ReportFiguresTests: XCTestCase {
    var fixture: DubnaFixture!
    let period = SchoolYear(startYear: 2024)

    override func setUpWithError() throws { fixture = try DubnaFixture() }

    private func report(site: String? = nil, _ figures: ReportFigures?) throws -> IndicatorReport {
        try IndicatorReport(database: fixture.f.db, period: period, site: site, asOf: "2025-08-31", figures: figures)
    }

    /// The statements that read the registry's rows while `body` made reports (not the schema's checks, nor `data_version`).
    private func rowReads(_ body: () throws -> Void) throws -> [String] {
        try fixture.f.db.statementsRun(during: body).filter { $0.contains("FROM persons") || $0.contains("FROM pairs") || $0.contains("FROM meetings") }
    }

    func testTheMunicipalityThenEachSchoolAreCountedOnceAndShowTheSameAsCountedAlone() throws {
        let figures = ReportFigures()
        var kept: [IndicatorReport] = []
        let first = try rowReads { kept.append(try report(figures)) }
        XCTAssertFalse(first.isEmpty)
        let later = try rowReads {
            kept.append(try report(site: "s001", figures))
            kept.append(try report(site: "s002", figures))
            kept.append(try report(figures))
        }
        XCTAssertEqual(later.count, 0, "the schools' reports and the municipality's again read no row")
        XCTAssertEqual(kept, [try report(nil), try report(site: "s001", nil), try report(site: "s002", nil), try report(nil)])
        XCTAssertFalse(kept[0].incomplete.isEmpty, "the incomplete rows are named as alone")
    }

    func testAChangeByTheAppOrAnotherProgramHasTheFiguresCountedAgain() throws {
        let figures = ReportFigures()
        let before = try report(figures)
        // Written through the app's own connection.
        try fixture.f.person("s001", "Т10", born: "2000-01-01", teachingSince: "2024-09-01")
        var mine: IndicatorReport?
        XCTAssertFalse(try rowReads { mine = try report(figures) }.isEmpty)
        XCTAssertEqual(mine, try report(nil))
        XCTAssertNotEqual(mine, before)
        // Written by another program (the daemon, the sqlite3 shell) through a connection of its own.
        let other = try Database(path: fixture.f.db.path)
        try other.execute("UPDATE persons SET birth_date = '1960-01-01' WHERE full_name = 'Т10'")
        var theirs: IndicatorReport?
        XCTAssertFalse(try rowReads { theirs = try report(figures) }.isEmpty)
        XCTAssertEqual(theirs, try report(nil))
        XCTAssertNotEqual(theirs, mine)
    }

    /// The years the report page offers are each counted once (the page, then its workbook, then another year and back).
    func testEachYearAndDayIsCountedForItselfAndKept() throws {
        let figures = ReportFigures()
        func report(_ year: Int, _ day: String) throws -> IndicatorReport {
            try IndicatorReport(database: fixture.f.db, period: SchoolYear(startYear: year), asOf: day, figures: figures)
        }
        let asked = [(2024, "2025-08-31"), (2023, "2024-08-31"), (2024, "2025-05-31"), (2022, "2023-08-31"), (2021, "2022-08-31"), (2020, "2021-08-31")]
        for (year, day) in asked { XCTAssertFalse(try rowReads { _ = try report(year, day) }.isEmpty, "\(year) \(day)") }
        for (year, day) in asked.dropFirst().reversed() {
            var kept: IndicatorReport?
            XCTAssertEqual(try rowReads { kept = try report(year, day) }.count, 0, "\(year) \(day)")
            XCTAssertEqual(kept, try IndicatorReport(database: fixture.f.db, period: SchoolYear(startYear: year), asOf: day))
        }
        // Five are kept: the first asked, the least lately, is counted again.
        XCTAssertFalse(try rowReads { _ = try report(2024, "2025-08-31") }.isEmpty)
    }
}
