import XCTest
import MentorSyncTestSupport
@testable import MentorSyncEngine

/// A bundle's header says how many rows and tombstones it carries, and the reader refuses a body
/// that holds other counts. The export takes both counts from indexes (`Replica.exportCountSQL`):
/// tombstones from `msync_rows_dead`, which a home made before it existed gets when opened.
final class ExportCountTests: XCTestCase {
    /// s001 writes 40 teachers and uploads them; then deletes 7 and renames 3 others.
    func schoolWithDeletes() throws -> (TestDistrict, [String]) {
        let t = try TestDistrict(schools: ["s001"])
        let s = t.school("s001")
        var ids: [String] = []
        try s.database.transaction {
            for n in 0..<40 { ids.append(try s.insert("persons", ["org_id": "s001", "full_name": .text("Учитель \(n)"), "role": "teacher"])) }
        }
        try t.districtMerges(try t.upload("s001"))
        try t.schoolMerges("s001", try t.reply("s001"))
        for id in ids[0..<7] { try s.delete("persons", id) }
        for id in ids[7..<10] { try s.update("persons", id, ["full_name": "Переименован"]) }
        return (t, ids)
    }

    func testTheHeaderCountsTheRowsAndTombstonesTheBundleHolds() throws {
        let (t, ids) = try schoolWithDeletes()
        let s = t.school("s001")
        let summary = try s.exportBundle(to: t.mail, recipient: t.district.site, key: t.keys[s.site]!)
        XCTAssertEqual(summary.header.rowCount, 10)
        XCTAssertEqual(summary.header.tombstoneCount, 7)
        // The reader checks the counts against the body: the district merges the bundle whole.
        let report = try t.districtMerges(summary.url)
        XCTAssertEqual(report.rowsDeleted, 7)
        XCTAssertNil(try t.district.value("persons", ids[0], "full_name"))
        XCTAssertEqual(try t.district.value("persons", ids[8], "full_name"), "Переименован")
        // The district's reply to a full copy counts the school's tombstones too.
        let full = try t.district.exportBundle(to: t.mail, recipient: s.site, key: t.keys[s.site]!, forceFull: true)
        XCTAssertEqual(full.header.tombstoneCount, 7)
        XCTAssertEqual(full.header.rowCount, 40)
        try t.schoolMerges("s001", full.url)
    }

    func testAHomeMadeBeforeTheTombstoneIndexGetsItWhenOpened() throws {
        let (t, _) = try schoolWithDeletes()
        let path = t.scratch.path("s001.db").path
        try t.school("s001").database.execute("DROP INDEX msync_rows_dead")
        let reopened = try Replica(path: path, schema: t.school("s001").schema)
        XCTAssertTrue(try reopened.database.indexExists("msync_rows_dead"))
        let summary = try reopened.exportBundle(to: t.mail, recipient: t.district.site, key: t.keys[reopened.site]!)
        XCTAssertEqual(summary.header.tombstoneCount, 7)
        XCTAssertEqual(try t.districtMerges(summary.url).rowsDeleted, 7)
    }

    func testTheCountsReadIndexesNotTheRows() throws {
        let (t, _) = try schoolWithDeletes()
        let db = t.school("s001").database
        let plans = try Replica.exportCountSQL("local > ? AND local > 0").map { sql in
            try db.rows("EXPLAIN QUERY PLAN " + sql, [.integer(0)]).map { $0.last?.displayText ?? "" }.joined(separator: "\n")
        }
        XCTAssertTrue(plans[0].contains("COVERING INDEX msync_rows_by_local"), plans[0])
        XCTAssertTrue(plans[1].contains("INDEX msync_rows_dead"), plans[1])
    }
}
