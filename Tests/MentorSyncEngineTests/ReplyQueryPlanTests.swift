import XCTest
import MentorSyncTestSupport
@testable import MentorSyncEngine

/// A reply must cost what changed since the last one, not what the district holds: each of a
/// pass's replies looks for rows that moved away from its school, and that search has to read
/// only the rows the district itself wrote since (the partial index `msync_rows_by_local`).
final class ReplyQueryPlanTests: XCTestCase {
    func plan(_ db: Database, _ sql: String, _ args: [DatabaseValue]) throws -> String {
        try db.rows("EXPLAIN QUERY PLAN " + sql, args).map { $0.last?.displayText ?? "" }.joined(separator: "\n")
    }

    func testTheSearchForRowsThatMovedReadsOnlyTheDistrictsOwnRecentWrites() throws {
        let t = try TestDistrict(schools: ["s001", "s002"])
        let s = t.school("s001")
        try s.database.transaction {
            for n in 0..<300 {
                _ = try s.insert("persons", ["org_id": "s001", "full_name": .text("Учитель \(n)"), "role": "teacher"])
            }
        }
        _ = try t.districtMerges(try t.upload("s001"))
        let args: [DatabaseValue] = [.integer(0), .text("s002"), .text(t.district.site.rawValue)]
        let text = try plan(t.district.database, Replica.rowsThatLeftSQL, args)
        XCTAssertTrue(text.contains("USING INDEX msync_rows_by_local"), "the search walks the whole table:\n\(text)")
        XCTAssertFalse(text.contains("SCAN msync_rows"), text)
    }
}
