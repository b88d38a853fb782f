import XCTest
import MentorSyncDomain
import MentorSyncTestSupport
@testable import MentorSyncEngine

/// Another program rebuilds a synced table (copy, drop, rename: how DB Browser and most tools
/// change a table); its capture triggers go with the original. Capture must notice, re-arm, and
/// capture what changed meanwhile: only that, so nothing else is stamped again.
final class CaptureRepairTests: XCTestCase {
    /// Rebuilds `persons` as DB Browser does, with one more column, through a second connection:
    /// every column the table has is copied, the row's clock and fingerprint among them.
    static func rebuildPersons(_ path: String) throws {
        let other = try Database(path: path)
        let create = RegistrySchema.persons.createSQL
            .replacingOccurrences(of: "\"persons\"", with: "\"sqlb_temp_table_1\"")
            .replacingOccurrences(of: "\n)", with: ",\n  extra TEXT\n)")
        let cols = (["id"] + RegistrySchema.persons.cellNames + TableSchema.clockColumns).map(SQL.identifier).joined(separator: ", ")
        try other.transaction {
            try other.execute(create)
            try other.execute("INSERT INTO sqlb_temp_table_1 (\(cols)) SELECT \(cols) FROM persons")
            try other.execute("DROP TABLE persons")
            try other.execute("ALTER TABLE sqlb_temp_table_1 RENAME TO persons")
        }
    }

    func position(_ name: String) -> Int { RegistrySchema.persons.cellNames.firstIndex(of: name)! + 1 }

    func testARebuiltTableIsReArmedAndOnlyWhatChangedMeanwhileIsCaptured() throws {
        let t = try TestDistrict(schools: ["s001"])
        let s = t.school("s001")
        for id in ["a", "b", "c"] {
            try s.insert("persons", ["org_id": .text("s001"), "full_name": .text("Имя \(id)"), "role": .text("teacher")], id: id)
        }
        try t.syncAll()
        let before = try XCTUnwrap(try s.loadRow(table: RegistrySchema.persons.number, id: "b"))

        try Self.rebuildPersons(s.database.path)
        // Written while capture is off: nothing reaches msync_log.
        let other = try Database(path: s.database.path)
        try other.execute("UPDATE persons SET position = 'завуч' WHERE id = 'a'")
        try other.execute("INSERT INTO persons(id, org_id, full_name) VALUES ('d', 's001', 'Новая')")
        try other.execute("DELETE FROM persons WHERE id = 'c'")
        XCTAssertEqual(try other.scalar("SELECT count(*) FROM msync_log")?.integer, 0)

        // The next command opens the registry: capture is checked and re-armed.
        let reopened = try Replica(path: s.database.path, schema: RegistrySchema.schema)
        XCTAssertEqual(reopened.captureRepairs, [CaptureRepair(tables: ["persons"], inserted: 1, updated: 1, deleted: 1)])
        XCTAssertTrue(reopened.captureRepairs.first?.notice.contains("capture was off for persons") ?? false)
        XCTAssertEqual(try reopened.captureGaps(), [])
        try reopened.fold()
        let a = try XCTUnwrap(try reopened.loadRow(table: RegistrySchema.persons.number, id: "a"))
        let aBefore = a.clock.stamps[position("full_name")]
        XCTAssertGreaterThan(a.clock.stamps[position("position")]!, aBefore!, "the changed cell is stamped anew")
        XCTAssertEqual(try reopened.loadRow(table: RegistrySchema.persons.number, id: "b")?.clock, before.clock, "an unchanged row is not stamped again")

        // Capture works again, whoever writes.
        try other.execute("UPDATE persons SET subject = 'физика' WHERE id = 'b'")
        XCTAssertEqual(try other.scalar("SELECT count(*) FROM msync_log")?.integer, 1)

        let out = try reopened.exportBundle(to: t.mail, recipient: t.district.site, key: t.keys[s.site]!)
        XCTAssertEqual(out.header.rowCount, 4, "a, b (after the re-arm), the new d and the deleted c")
        try t.districtMerges(out.url)
        XCTAssertEqual(try t.district.value("persons", "a", "position"), .text("завуч"))
        XCTAssertEqual(try t.district.value("persons", "d", "full_name"), .text("Новая"))
        XCTAssertNil(try t.district.value("persons", "c", "full_name"))
        XCTAssertEqual(try t.district.value("persons", "b", "subject"), .text("физика"))
    }

    /// A home whose fingerprints were kept a byte at a time (before the word hash): after a rebuild,
    /// its unchanged rows are still unchanged and a changed row only in the cell that changed.
    func testFingerprintsKeptBeforeTheWordHashStillTellWhatChanged() throws {
        let t = try TestDistrict(schools: ["s001"])
        let s = t.school("s001")
        for id in ["a", "b"] {
            try s.insert("persons", ["org_id": .text("s001"), "full_name": .text("Имя \(id)"), "role": .text("teacher"),
                                     "notes": .text("заметка")], id: id)
        }
        try s.fold()
        for id in ["a", "b"] {
            let values = try XCTUnwrap(try s.readValues(RegistrySchema.persons, id: id))
            let earlier = RowFingerprint(values: values, layout: .bytes).bytes
            XCTAssertEqual(earlier.count % 2, 0)
            try s.database.execute("UPDATE persons SET msync_fp = ? WHERE id = ?", [.blob(earlier), .text(id)])
        }
        let before = try XCTUnwrap(try s.loadRow(table: RegistrySchema.persons.number, id: "b"))
        try Self.rebuildPersons(s.database.path)
        try Database(path: s.database.path).execute("UPDATE persons SET notes = 'исправлено' WHERE id = 'a'")
        let reopened = try Replica(path: s.database.path, schema: RegistrySchema.schema)
        XCTAssertEqual(reopened.captureRepairs, [CaptureRepair(tables: ["persons"], inserted: 0, updated: 1, deleted: 0)])
        XCTAssertEqual(try reopened.database.scalar("SELECT mask FROM msync_log WHERE id = 'a'"), .integer(1 << Int64(position("notes"))))
        try reopened.fold()
        XCTAssertEqual(try reopened.loadRow(table: RegistrySchema.persons.number, id: "b")?.clock, before.clock)
    }

    func testARebuildDoesNotOverwriteADistrictCorrection() throws {
        let t = try TestDistrict(schools: ["s001"])
        let s = t.school("s001")
        try s.insert("persons", ["org_id": .text("s001"), "full_name": .text("Иванова"), "role": .text("teacher")], id: "p")
        try t.syncAll()
        // The coordinator corrects the name; the school rebuilds its table and edits another row meanwhile.
        try t.district.update("persons", "p", ["full_name": .text("Иванова Мария")])
        try Self.rebuildPersons(s.database.path)
        try s.insert("persons", ["org_id": .text("s001"), "full_name": .text("Петров")], id: "q")
        XCTAssertEqual(try s.ensureCapture()?.inserted, 1)
        try t.syncAll()
        XCTAssertEqual(try t.district.value("persons", "p", "full_name"), .text("Иванова Мария"))
        XCTAssertEqual(try s.value("persons", "p", "full_name"), .text("Иванова Мария"))
        XCTAssertEqual(try t.district.value("persons", "q", "full_name"), .text("Петров"))
        XCTAssertEqual(try t.district.openConflicts().count, 0)
    }

    func testAHomeWithoutFingerprintsGetsThemOnOpen() throws {
        let t = try TestDistrict(schools: ["s001"])
        let s = t.school("s001")
        try s.insert("persons", ["org_id": .text("s001"), "full_name": .text("Старая")], id: "old")
        try s.fold()
        // A home made by an earlier version: no fingerprints kept.
        try s.database.execute("ALTER TABLE msync_rows DROP COLUMN fp")
        try s.database.execute("UPDATE persons SET msync_fp = NULL")
        let reopened = try Replica(path: s.database.path, schema: RegistrySchema.schema)
        XCTAssertEqual(try reopened.database.scalar("SELECT typeof(msync_fp) FROM persons WHERE id = 'old'")?.text, "blob")
        try Self.rebuildPersons(s.database.path)
        XCTAssertEqual(try reopened.ensureCapture(), CaptureRepair(tables: ["persons"]))
    }

    func testFingerprintsTellWhichCellsChanged() {
        let old: [DatabaseValue] = [.text("s001"), .text("Иванова"), .null, .integer(3)]
        let fp = RowFingerprint(values: old)
        XCTAssertEqual(fp.changedPositions(old), [])
        XCTAssertEqual(fp.changedPositions([.text("s001"), .text("Иванова"), .text("x"), .integer(3)]), [3])
        XCTAssertEqual(fp.changedPositions([.text("s001"), .text("Иванова"), .null, .text("3")]), [4], "a type change is a change")
        XCTAssertEqual(fp.changedPositions(old + [.null]), [], "a column added since, still empty, is no change")
        XCTAssertEqual(fp.changedPositions(old + [.text("new")]), [5])
    }
}
