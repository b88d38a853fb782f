import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// `status` and the web dashboard list every school: what they ask the registry must not grow
/// with the schools times the rows (60 schools and 340,000 rows made `status` read the rows table
/// 60 times over). Kept by the statements' query plans, never by a timing.
final class DistrictStatusQueryTests: XCTestCase {
    var scratch: ScratchDirectory!
    var home: DistrictHome!

    override func setUpWithError() throws {
        scratch = ScratchDirectory("district-status-queries")
        home = try DistrictHome.create(at: scratch.path("district"), site: SiteID("district")!, name: "Управление образования")
        let share = try Share.prepare(scratch.folder("share"))
        for n in 1...4 {
            let site = "s00\(n)"
            let enrollment = try home.enroll(site: SiteID(site)!, name: "Школа № \(n)", out: scratch.path("\(site).enroll"))
            let school = try SchoolHome.create(at: scratch.path("home-\(site)"), enrollment: enrollment)
            try school.database.transaction {
                let s = try school.database.prepare("INSERT INTO persons(id, org_id, full_name, role) VALUES (?, ?, ?, 'teacher')")
                for i in 0..<(n * 3) { try s.execute([.text(UUID().uuidString.lowercased()), .text(site), .text("Учитель \(i)")]) }
            }
            _ = try SchoolSync(home: school).export(to: share.inbox)
        }
        let ingest = try DistrictIngest(home: home, log: CapturedOutput().eventLog)
        ingest.settleSeconds = 0
        XCTAssertEqual(try ingest.ingest(share: share).merged.count, 4)
    }

    override func tearDown() { home = nil; scratch = nil }

    func testStatusCountsEverySchoolsRowsInOneReadOfTheRowsTable() throws {
        var schools: [SchoolStatus] = []
        let scans = try QueryPlans.fullScans(of: "msync_rows", in: home.database) { schools = try home.status() }
        XCTAssertEqual(schools.map(\.rows), [3, 6, 9, 12])
        XCTAssertLessThanOrEqual(scans.count, 1, "status reads the whole rows table once a school:\n" + scans.joined(separator: "\n\n"))
    }

    /// Each school's share of network mentoring (what status counts as owed to it) is worked out
    /// from the district's network pairs and offered mentors, read once for all the schools.
    func testStatusReadsTheNetworkPairsOnceForAllTheSchools() throws {
        for table in ["pairs", "mentors"] {
            let scans = try QueryPlans.fullScans(of: table, in: home.database) { _ = try home.status() }
            XCTAssertLessThanOrEqual(scans.count, 1, "status reads the whole \(table) table once a school or more:\n" + scans.joined(separator: "\n\n"))
        }
    }

    /// What each school is owed of the district's own writes (and the rows that moved away from it)
    /// is read from the district's writes once for all schools: a district filled by seed-demo had
    /// written all its 338,000 rows itself, and status read them twice a school (2 min 10 s).
    func testStatusReadsTheDistrictsOwnWritesOnceForAllTheSchools() throws {
        try home.database.execute("UPDATE persons SET notes = 'проверено' WHERE org_id = 's002'")
        var schools: [SchoolStatus] = []
        let statements = try home.database.statementsRun { schools = try home.status() }
        let byLocal = try statements.filter { sql in
            let head = sql.drop { $0 == " " || $0 == "\n" }.prefix(6).uppercased()
            guard head.hasPrefix("SELECT") else { return false }
            return try home.database.rows("EXPLAIN QUERY PLAN " + sql).contains { $0.last?.displayText.contains("msync_rows_by_local") == true }
        }
        XCTAssertLessThanOrEqual(byLocal.count, 1, "status reads the district's writes once a school:\n" + byLocal.joined(separator: "\n"))
        // The district's correction of s002's rows is owed to s002 alone.
        XCTAssertEqual(schools.map(\.unacknowledged)[0], schools.map(\.unacknowledged)[2])
        XCTAssertEqual(schools[1].unacknowledged, schools[0].unacknowledged + 6, "\(schools.map(\.unacknowledged))")
    }
}
