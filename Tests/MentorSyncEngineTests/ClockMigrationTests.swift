import XCTest
import MentorSyncDomain
import MentorSyncTestSupport
@testable import MentorSyncEngine

/// A home written before live rows kept their clocks in the row: every clock and fingerprint in
/// `msync_rows`, no clock columns in the tables. Opened by this program, each clock moves into its
/// row unchanged, tombstones and moved rows keep theirs beside, and sync goes on as before.
final class ClockMigrationTests: XCTestCase {
    /// Puts a replica's file back into the earlier layout (what the earlier program wrote).
    static func writeEarlierLayout(_ path: String) throws {
        let db = try Database(path: path)
        try db.transaction {
            for table in RegistrySchema.schema.tables {
                let name = SQL.identifier(table.name)
                for sql in CaptureSQL.triggerNames(for: table) { try db.execute("DROP TRIGGER IF EXISTS \(SQL.identifier(sql))") }
                try db.execute("""
                    UPDATE msync_rows AS r SET clock = t.msync_clock, fp = t.msync_fp FROM \(name) t
                    WHERE r.tbl = \(table.number) AND r.id = t.id AND r.alive = 1
                    """)
                for c in TableSchema.clockColumns { try db.execute("ALTER TABLE \(name) DROP COLUMN \(c)") }
                // The earlier triggers: an update of any column was captured.
                for sql in CaptureSQL.triggers(for: table) {
                    guard !sql.hasPrefix("DROP") else { continue }
                    let earlier = sql.replacingOccurrences(of: #"AFTER UPDATE OF [^\n]* ON"#, with: "AFTER UPDATE ON", options: .regularExpression)
                        .replacingOccurrences(of: #"\n\s*UPDATE msync_rows SET clock = OLD.msync_clock[^\n]*"#, with: "", options: .regularExpression)
                    try db.execute(earlier)
                }
            }
        }
    }

    static func clocks(_ r: Replica, _ ids: [String]) throws -> [String: String] {
        var out: [String: String] = [:]
        for id in ids {
            let row = try XCTUnwrap(try r.loadRow(table: RegistrySchema.persons.number, id: id), id)
            out[id] = "\(row.orgID) \(row.alive) \(row.local) \(row.clock)"
        }
        return out
    }

    func testClocksKeptBesideTheRowsMoveIntoThemUnchanged() throws {
        let t = try TestDistrict(schools: ["s001", "s002"])
        let s = t.school("s001")
        var ids: [String] = []
        for i in 0..<6 {
            ids.append(try s.insert("persons", ["org_id": .text("s001"), "full_name": .text("Учитель \(i)"), "role": .text("teacher")]))
        }
        try t.syncAll()
        try t.district.update("persons", ids[0], ["position": .text("методист")])
        try s.update("persons", ids[1], ["notes": .text("заметка")])
        try s.delete("persons", ids[2])
        // The coordinator gives a person to the other school: a moved row, its former owner in its clock.
        try t.district.update("persons", ids[3], ["org_id": .text("s002")])
        try t.syncAll()
        try t.syncAll()
        try t.district.fold()
        let before = try Self.clocks(t.district, ids)
        XCTAssertTrue(try t.district.loadRow(table: RegistrySchema.persons.number, id: ids[3])?.clock.formerOwners.isEmpty == false)

        try Self.writeEarlierLayout(t.district.database.path)
        XCTAssertNil(try Database(path: t.district.database.path).scalar("SELECT 1 FROM pragma_table_info('persons') WHERE name = 'msync_clock'"))
        let reopened = try Replica(path: t.district.database.path, schema: RegistrySchema.schema)
        XCTAssertEqual(try Self.clocks(reopened, ids), before)
        XCTAssertEqual(reopened.captureRepairs, [], "capture was in place throughout")
        // Only the clocks a row cannot keep stay beside it: the tombstone's and the moved row's.
        let beside = try reopened.database.rows("SELECT id FROM msync_rows WHERE length(clock) > 0 ORDER BY id").map(\.[0].displayText)
        XCTAssertEqual(beside, [ids[2], ids[3]].sorted())
        XCTAssertEqual(try reopened.database.scalar("SELECT count(*) FROM persons WHERE msync_clock IS NULL OR msync_fp IS NULL"), .integer(0))

        // Writing a clock is no change to capture; writing a cell is, once.
        try reopened.fold()
        XCTAssertEqual(try reopened.database.scalar("SELECT count(*) FROM msync_log"), .integer(0))
        try reopened.database.execute("UPDATE persons SET notes = 'исправлено' WHERE id = ?", [.text(ids[4])])
        XCTAssertEqual(try reopened.database.scalar("SELECT count(*) FROM msync_log"), .integer(1))
        try reopened.fold()
        XCTAssertEqual(try reopened.database.scalar("SELECT count(*) FROM msync_log"), .integer(0))
        let out = try reopened.exportBundle(to: t.mail, recipient: s.site, key: t.keys[s.site]!)
        XCTAssertEqual(try s.importBundle(at: out.url, keyFor: t.key(for:)).rowsChanged, 1)
        XCTAssertEqual(try s.value("persons", ids[4], "notes"), .text("исправлено"))
    }
}
