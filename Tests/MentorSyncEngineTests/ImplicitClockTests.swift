import XCTest
import MentorSyncDomain
import MentorSyncTestSupport
@testable import MentorSyncEngine

/// A row inserted here and not changed since has its clock implied by its entry in `msync_rows`
/// (Replica+RowStore): nothing is written into the row when its insert is folded. Every reader
/// of clocks must see the clock folding the insert makes, and the first change puts it in the row.
final class ImplicitClockTests: XCTestCase {
    let persons = RegistrySchema.persons.number

    func testAFoldedInsertKeepsItsClockInItsEntryUntilItsRowChanges() throws {
        let t = try TestDistrict(schools: ["s001"])
        let s = t.school("s001")
        let ids = try (0..<4).map { i in
            try s.insert("persons", ["org_id": .text("s001"), "full_name": .text("Учитель \(i)"), "role": .text("teacher")])
        }
        try s.fold()
        XCTAssertEqual(try s.database.scalar("SELECT count(*) FROM persons WHERE msync_clock IS NULL AND msync_fp IS NULL"), .integer(4))
        XCTAssertEqual(try s.database.scalar("SELECT count(*) FROM msync_rows WHERE length(clock) = 0 AND typeof(fp) = 'blob'"), .integer(4))
        // The clock implied is the one the fold of an insert makes: every cell stamped by the insert.
        let row = try XCTUnwrap(try s.loadRow(table: persons, id: ids[0]))
        let stamp = Stamp(counter: row.local, site: s.site)
        XCTAssertEqual(row.clock.version, VersionVector([s.site: row.local]))
        XCTAssertEqual(row.clock.stamps.keys, Array(0..<RegistrySchema.persons.columns.count + 2))
        XCTAssertTrue(row.clock.stamps.allSatisfy { $0.value == stamp })

        // Sent whole, the district holds the same clock, kept in its row.
        try t.districtMerges(try t.upload("s001"))
        XCTAssertEqual(try t.district.loadRow(table: persons, id: ids[0])?.clock, row.clock)
        XCTAssertEqual(try t.district.value("persons", ids[0], "full_name"), .text("Учитель 0"))

        // A change puts the clock into the row, the fingerprint with it.
        let inserted = try XCTUnwrap(try s.loadRow(table: persons, id: ids[1])).local
        try s.update("persons", ids[1], ["notes": .text("заметка")])
        try s.delete("persons", ids[2])
        try s.fold()
        XCTAssertEqual(try s.database.scalar("SELECT typeof(msync_clock) || typeof(msync_fp) FROM persons WHERE id = ?", [.text(ids[1])]), .text("blobblob"))
        XCTAssertEqual(try s.database.scalar("SELECT fp FROM msync_rows WHERE id = ?", [.text(ids[1])]), .null)
        let changed = try XCTUnwrap(try s.loadRow(table: persons, id: ids[1]))
        XCTAssertGreaterThan(changed.clock.stamps[RegistrySchema.persons.cellNames.firstIndex(of: "notes")! + 1]!, stamp)
        XCTAssertEqual(changed.clock.stamps[2], Stamp(counter: inserted, site: s.site), "a cell not changed keeps the insert's stamp")
        // The deleted row's tombstone covers its insert.
        let tombstone = try XCTUnwrap(try s.loadRow(table: persons, id: ids[2]))
        XCTAssertFalse(tombstone.alive)
        XCTAssertEqual(tombstone.clock.stamps[2]?.site, s.site, "the insert's stamps are kept with the deletion's")
        XCTAssertGreaterThan(tombstone.clock.stamps[0]!, tombstone.clock.stamps[2]!)
        XCTAssertEqual(try s.loadRow(table: persons, id: ids[3])?.clock.stamps[2]?.counter, try s.loadRow(table: persons, id: ids[3])?.local)

        // A table rebuilt by a tool: the rows never changed are proven unchanged by the entry's fingerprint.
        try CaptureRepairTests.rebuildPersons(s.database.path)
        let reopened = try Replica(path: s.database.path, schema: RegistrySchema.schema)
        XCTAssertEqual(reopened.captureRepairs, [CaptureRepair(tables: ["persons"])])

        let upload = try t.districtMerges(try t.upload("s001"))
        XCTAssertEqual(upload.rowsChanged, 2)
        XCTAssertEqual(try t.district.value("persons", ids[1], "notes"), .text("заметка"))
        XCTAssertNil(try t.district.value("persons", ids[2], "full_name"))
        XCTAssertEqual(try t.district.loadRow(table: persons, id: ids[2])?.clock, try s.loadRow(table: persons, id: ids[2])?.clock)
    }
}
