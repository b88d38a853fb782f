import XCTest
import MentorSyncDomain
import MentorSyncTestSupport
@testable import MentorSyncEngine

/// A registry written before clocks were kept in runs holds a stamp per position in every clock
/// (ClockBlob, "the first layout"). Nothing is converted when the new version opens it: such a
/// district merges a school's day exactly as one whose clocks are in runs, and the clocks it
/// rewrites come out in runs.
final class FirstLayoutClocksTests: XCTestCase {
    func testADistrictWithClocksOfTheFirstLayoutMergesAsOneInRuns() throws {
        // A school's day over 1,200 rows: covered updates, concurrent ones, a deletion, a move.
        let (t, upload) = try InPlaceMergeTests.schoolsDay(rows: 1_200)

        let copy = t.scratch.path("first-layout.db").path
        try t.district.database.backup(to: copy)
        let old = try Replica(path: copy, schema: RegistrySchema.schema)
        let rewritten = try rewriteInFirstLayout(old)
        XCTAssertGreaterThan(rewritten, 1_100, "every live row's clock, and the entries' clocks")
        let before = try clockBytes(old)

        XCTAssertEqual(try InPlaceMergeTests.merge(old, upload, t), try InPlaceMergeTests.merge(t.district, upload, t))
        XCTAssertEqual(try InPlaceMergeTests.state(old), try InPlaceMergeTests.state(t.district))
        XCTAssertGreaterThan(old.rowsMergedInPlace, 1_000, "the clocks of the first layout were merged by the SQL functions")
        // The rows the day changed hold their clocks in runs now: far fewer bytes than before.
        XCTAssertLessThan(try clockBytes(old), before / 2)
        // And the same bundle again changes nothing in either.
        XCTAssertEqual(try InPlaceMergeTests.merge(old, upload, t), try InPlaceMergeTests.merge(t.district, upload, t))
        XCTAssertEqual(try InPlaceMergeTests.state(old), try InPlaceMergeTests.state(t.district))
    }

    /// Bytes of every clock the registry keeps, in the rows and beside them.
    private func clockBytes(_ r: Replica) throws -> Int {
        var n = Int(try r.database.scalar("SELECT coalesce(sum(length(clock)), 0) FROM msync_rows")?.integer ?? 0)
        for table in r.schema.tables {
            n += Int(try r.database.scalar("SELECT coalesce(sum(length(msync_clock)), 0) FROM \(SQL.identifier(table.name))")?.integer ?? 0)
        }
        return n
    }

    /// Writes every clock of `r` again in the first layout (a stamp per position), as a registry of
    /// the earlier version holds it; returns how many were rewritten.
    private func rewriteInFirstLayout(_ r: Replica) throws -> Int {
        var count = 0
        try r.database.transaction {
            for table in r.schema.tables {
                let name = SQL.identifier(table.name)
                for row in try r.database.rows("SELECT id, msync_clock FROM \(name) WHERE msync_clock IS NOT NULL") {
                    let clock = try r.codec.decode(row[1].bytes ?? [])
                    try r.database.execute("UPDATE \(name) SET msync_clock = ? WHERE id = ?", [.blob(try ClockModel.firstLayout(clock, number: r.codec.number)), row[0]])
                    count += 1
                }
            }
            for row in try r.database.rows("SELECT tbl, id, clock FROM msync_rows WHERE length(clock) > 0") {
                let clock = try r.codec.decode(row[2].bytes ?? [])
                try r.database.execute("UPDATE msync_rows SET clock = ? WHERE tbl = ? AND id = ?", [.blob(try ClockModel.firstLayout(clock, number: r.codec.number)), row[0], row[1]])
                count += 1
            }
        }
        return count
    }
}
