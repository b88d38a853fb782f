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
}
