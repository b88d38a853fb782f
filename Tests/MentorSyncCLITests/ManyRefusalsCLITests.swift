import Foundation
import XCTest
import MentorSyncEngine
import MentorSyncDomain
import MentorSyncTestSupport

/// A bundle with more refused rows than the first 200: the school hears of every one (and so
/// sends each whole once corrected), not of the first 200 alone.
final class ManyRefusalsCLITests: XCTestCase {
    func testASchoolHearsOfEveryRefusedRowOfABundle() throws {
        let w = try CLIWorld(schools: ["s001"])
        try w.round()
        let school = try Database(path: w.schoolHome("s001").appendingPathComponent("registry.db").path)
        // Another program writes 250 rows of a table only the district keeps: each is refused.
        try school.transaction {
            for i in 0..<250 {
                try school.execute("INSERT INTO indicators(id, org_id, code) VALUES (?, 's001', ?)", [.text("ind-\(i)"), .text("code-\(i)")])
            }
        }
        try w.round()
        let district = try Database(path: w.districtHome.appendingPathComponent("registry.db").path)
        XCTAssertEqual(try district.scalar("SELECT count(*) FROM district_rejections WHERE site = 's001'")?.integer, 250)
        XCTAssertEqual(try district.scalar("SELECT count(*) FROM district_rejections WHERE site = 's001' AND label IS NOT NULL")?.integer, 200,
                       "the first 200 named by their values")
        XCTAssertEqual(try school.scalar("SELECT count(*) FROM msync_whole WHERE tbl = ?", [.integer(Int64(RegistrySchema.indicators.number))])?.integer, 250)
        // Noted, each goes once more, whole, and is refused again: counted once in the status.
        try w.round()
        XCTAssertEqual(try district.scalar("SELECT count(*) FROM district_rejections WHERE site = 's001'")?.integer, 500)
        let status = (try w.json(try w.district("status", "--json")) as? [String: Any])?["schools"] as? [[String: Any]]
        XCTAssertEqual(status?.first { $0["site"] as? String == "s001" }?["rejections"] as? Int, 250)
    }
}
