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
        let t = try TestDistrict(schools: ["s001", "s002"])
        let s = t.school("s001")
        var ids: [String] = []
        for i in 0..<1_200 {
            ids.append(try s.insert("persons", ["org_id": .text("s001"), "full_name": .text("Учитель \(i)"), "role": .text("teacher")]))
        }
        try t.syncAll()
        for id in ids[0..<10] { try t.district.update("persons", id, ["position": .text("учитель")]) }
        try t.syncAll()
        for id in ids[10..<13] { try t.district.update("persons", id, ["notes": .text("из района")]) }
        // The school's day: covered updates (in place), concurrent ones, a deletion, a move.
        for id in ids[0..<1_100] { try s.update("persons", id, ["notes": .text("заметка")]) }
        for id in ids[1_100..<1_105] { try s.update("persons", id, ["full_name": .text("Новое имя"), "subject": .text("физика")]) }
        try s.delete("persons", ids[1_110])
        try s.update("persons", ids[1_111], ["org_id": .text("s002")])
        let upload = try t.upload("s001")

        let copy = t.scratch.path("first-layout.db").path
        try t.district.database.backup(to: copy)
        let old = try Replica(path: copy, schema: RegistrySchema.schema)
        let rewritten = try rewriteInFirstLayout(old)
        XCTAssertGreaterThan(rewritten, 1_100, "every live row's clock, and the entries' clocks")
        let before = try clockBytes(old)

        let inRuns = InPlaceMergeTests.self
        XCTAssertEqual(try inRuns.merge(old, upload, t), try inRuns.merge(t.district, upload, t))
        XCTAssertEqual(try inRuns.state(old), try inRuns.state(t.district))
        XCTAssertGreaterThan(old.rowsMergedInPlace, 1_000, "the clocks of the first layout were merged by the SQL functions")
        // The rows the day changed hold their clocks in runs now: far fewer bytes than before.
        XCTAssertLessThan(try clockBytes(old), before / 2)
        // And the same bundle again changes nothing in either.
        XCTAssertEqual(try inRuns.merge(old, upload, t), try inRuns.merge(t.district, upload, t))
        XCTAssertEqual(try inRuns.state(old), try inRuns.state(t.district))
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
                    try r.database.execute("UPDATE \(name) SET msync_clock = ? WHERE id = ?", [.blob(try firstLayout(clock, r.codec)), row[0]])
                    count += 1
                }
            }
            for row in try r.database.rows("SELECT tbl, id, clock FROM msync_rows WHERE length(clock) > 0") {
                let clock = try r.codec.decode(row[2].bytes ?? [])
                try r.database.execute("UPDATE msync_rows SET clock = ? WHERE tbl = ? AND id = ?", [.blob(try firstLayout(clock, r.codec)), row[0], row[1]])
                count += 1
            }
        }
        return count
    }

    private func firstLayout(_ clock: RowClock, _ codec: RowClockCodec) throws -> [UInt8] {
        var w = ByteWriter()
        w.varint(clock.version.count)
        try clock.version.forEachEntry { site, counter in w.varint(try codec.number(site)); w.counter(counter) }
        w.varint(clock.stamps.count)
        for (pos, stamp) in clock.stamps { w.varint(pos); w.counter(stamp.counter); w.varint(try codec.number(stamp.site)) }
        if !clock.formerOwners.isEmpty {
            w.varint(clock.formerOwners.count)
            for n in try clock.formerOwners.map({ try codec.number($0) }).sorted() { w.varint(n) }
        }
        return w.bytes
    }
}
