import XCTest
import MentorSyncDomain
import MentorSyncTestSupport
@testable import MentorSyncEngine

final class CaptureTests: XCTestCase {
    /// A row clock stored as held is updated in place; stored as held when it is not there (a caller
    /// mistaken, a row removed meanwhile), it is inserted — never lost.
    func testARowClockStoredAsHeldIsUpdatedOrInserted() throws {
        let t = try TestDistrict(schools: ["s001"])
        let school = t.school("s001")
        try school.database.execute("INSERT INTO persons(id, org_id, full_name, role) VALUES ('p1', 's001', 'Иванова Анна', 'teacher')")
        try school.fold()
        let table = RegistrySchema.persons.number
        var row = try XCTUnwrap(try school.loadRow(table: table, id: "p1"))
        row.local = 77
        try school.storeRow(table: table, id: "p1", row, held: true)
        XCTAssertEqual(try school.loadRow(table: table, id: "p1")?.local, 77)
        XCTAssertEqual(try school.database.scalar("SELECT count(*) FROM msync_rows WHERE id = 'p1'")?.integer, 1)
        try school.removeRowClock(table: table, id: "p1")
        try school.storeRow(table: table, id: "p1", row, held: true)
        XCTAssertEqual(try school.loadRow(table: table, id: "p1")?.local, 77, "inserted when it was not there")
        XCTAssertEqual(try school.database.scalar("SELECT typeof(msync_fp) FROM persons WHERE id = 'p1'")?.text, "blob", "with the fingerprint of its values")
    }

    func testEditsFromASecondPlainConnectionAreCaptured() throws {
        let t = try TestDistrict(schools: ["s001"])
        let school = t.school("s001")
        // A second, independent connection: what the sqlite3 shell or Python would be.
        let other = try Database(path: school.database.path)
        try other.execute("INSERT INTO persons(id, org_id, full_name, role) VALUES ('p1', 's001', 'Иванова Анна', 'teacher')")
        try other.execute("UPDATE persons SET position = 'учитель' WHERE id = 'p1'")
        XCTAssertEqual(try other.scalar("SELECT count(*) FROM msync_log")?.integer, 2)
        try school.fold()
        let row = try XCTUnwrap(try school.loadRow(table: RegistrySchema.persons.number, id: "p1"))
        XCTAssertTrue(row.alive)
        XCTAssertEqual(row.orgID, "s001")
        // Insert stamped every position with counter 1; the update restamped only `position` (cell 5).
        XCTAssertEqual(row.clock.stamps[0], Stamp(counter: 1, site: school.site))
        XCTAssertEqual(row.clock.stamps[2], Stamp(counter: 1, site: school.site))
        let positionCell = RegistrySchema.persons.cellNames.firstIndex(of: "position")! + 1
        XCTAssertEqual(row.clock.stamps[positionCell], Stamp(counter: 2, site: school.site))
        XCTAssertEqual(row.clock.version, VersionVector([school.site: 2]))
        XCTAssertEqual(try school.database.scalar("SELECT count(*) FROM msync_log")?.integer, 0)

        try other.execute("DELETE FROM persons WHERE id = 'p1'")
        try school.fold()
        let dead = try XCTUnwrap(try school.loadRow(table: RegistrySchema.persons.number, id: "p1"))
        XCTAssertFalse(dead.alive)
        XCTAssertEqual(dead.clock.stamps[0], Stamp(counter: 3, site: school.site))
    }

    /// The fold stores a row first inserted in its batch without looking for its clock; an id used
    /// again after a delete has one (the tombstone, with what other sites wrote), and is folded onto it.
    func testAnIdUsedAgainAfterADeleteIsFoldedOntoItsTombstone() throws {
        let t = try TestDistrict(schools: ["s001"])
        let s = t.school("s001")
        let id = try s.insert("persons", ["org_id": "s001", "full_name": "Иванова Анна", "role": "teacher"])
        try t.districtMerges(try t.upload("s001"))
        try t.district.update("persons", id, ["position": "методист"])
        try t.schoolMerges("s001", try t.reply("s001"))
        try s.delete("persons", id)
        try t.districtMerges(try t.upload("s001"))
        XCTAssertNil(try t.district.value("persons", id, "full_name"))

        try s.insert("persons", ["org_id": "s001", "full_name": "Иванова Анна Петровна", "role": "methodologist"], id: id)
        try s.fold()
        let row = try XCTUnwrap(try s.loadRow(table: RegistrySchema.persons.number, id: id))
        XCTAssertTrue(row.alive)
        XCTAssertGreaterThan(row.clock.version[t.district.site], 0, "the district's write is still in the row's version")
        XCTAssertEqual(try t.districtMerges(try t.upload("s001")).rowsReceived, 1)
        XCTAssertEqual(try t.district.value("persons", id, "full_name"), "Иванова Анна Петровна")
        XCTAssertEqual(try t.district.value("persons", id, "role"), "methodologist")
    }

    /// SQLite tells ids apart by their bytes; two ids that differ only in Unicode normalization
    /// (Swift's == calls them equal) are two rows, each with its own clock.
    func testIdsThatDifferOnlyInNormalizationAreTwoRows() throws {
        let t = try TestDistrict(schools: ["s001"])
        let s = t.school("s001")
        let composed = "Семёнов-1", decomposed = "Семе\u{0308}нов-1"
        XCTAssertEqual(composed, decomposed)
        XCTAssertNotEqual(Array(composed.utf8), Array(decomposed.utf8))
        try s.insert("persons", ["org_id": "s001", "full_name": "Семёнов", "role": "teacher"], id: composed)
        try s.insert("persons", ["org_id": "s001", "full_name": "Семенов", "role": "student"], id: decomposed)
        try s.fold()
        XCTAssertEqual(try s.database.scalar("SELECT count(*) FROM msync_rows WHERE tbl = ?", [.integer(Int64(RegistrySchema.persons.number))])?.integer, 2)
        XCTAssertEqual(try t.districtMerges(try t.upload("s001")).rowsInserted, 2)
        XCTAssertEqual(try t.district.database.scalar("SELECT count(*) FROM persons")?.integer, 2)
    }

    /// A row written with capture off and then updated with it on has an update in the log and no
    /// clock: the fold takes all of it as new, so the whole row travels.
    func testAnUpdateOfARowWithNoClockFoldsTheWholeRow() throws {
        let t = try TestDistrict(schools: ["s001"])
        let s = t.school("s001")
        try s.database.setTriggersEnabled(false)
        try s.insert("persons", ["org_id": "s001", "full_name": "Тихонова Вера", "role": "teacher"], id: "quiet")
        try s.database.setTriggersEnabled(true)
        try s.update("persons", "quiet", ["position": "учитель"])
        try s.fold()
        let row = try XCTUnwrap(try s.loadRow(table: RegistrySchema.persons.number, id: "quiet"))
        XCTAssertTrue(row.alive)
        XCTAssertEqual(row.clock.stamps.count, RegistrySchema.persons.cellNames.count + 1, "every cell is stamped")
        XCTAssertEqual(try t.districtMerges(try t.upload("s001")).rowsInserted, 1)
        XCTAssertEqual(try t.district.value("persons", "quiet", "full_name"), "Тихонова Вера")
    }

    func testUpdateThatChangesNothingIsNotAWrite() throws {
        let t = try TestDistrict(schools: ["s001"])
        let s = t.school("s001")
        let id = try s.insert("persons", ["org_id": "s001", "full_name": "А"])
        try s.fold()
        try s.update("persons", id, ["full_name": "А"])
        try s.fold()
        XCTAssertEqual(try s.loadRow(table: 2, id: id)?.clock.version, VersionVector([s.site: 1]))
    }

    func testBadEnumerationIsRefusedByTheDatabaseItself() throws {
        let t = try TestDistrict(schools: ["s001"])
        let other = try Database(path: t.school("s001").database.path)
        XCTAssertThrowsError(try other.execute("INSERT INTO persons(id, org_id, full_name, role) VALUES ('p', 's001', 'X', 'wizard')")) {
            XCTAssertTrue(($0 as? SQLiteError)?.isConstraint ?? false)
        }
        XCTAssertThrowsError(try other.execute("INSERT INTO persons(id, org_id, full_name, birth_date) VALUES ('p', 's001', 'X', '2020-02-30')"))
        XCTAssertThrowsError(try other.execute("INSERT INTO surveys(id, org_id, satisfaction) VALUES ('q', 's001', 11)"))
        XCTAssertEqual(try other.scalar("SELECT count(*) FROM msync_log")?.integer, 0)
    }

    func testMergeWritesAreNotCapturedAgain() throws {
        let t = try TestDistrict(schools: ["s001"])
        try t.school("s001").insert("persons", ["org_id": "s001", "full_name": "Петров"])
        try t.districtMerges(try t.upload("s001"))
        XCTAssertEqual(try t.district.database.scalar("SELECT count(*) FROM msync_log")?.integer, 0)
        XCTAssertEqual(try t.district.database.scalar("SELECT count(*) FROM persons")?.integer, 1)
        // Triggers are back on for the merging connection's own later writes.
        try t.district.insert("events", ["org_id": "district", "title": "Семинар"])
        XCTAssertEqual(try t.district.database.scalar("SELECT count(*) FROM msync_log")?.integer, 1)
    }

    func testWALIsOn() throws {
        let t = try TestDistrict(schools: ["s001"])
        XCTAssertEqual(try t.district.database.scalar("PRAGMA journal_mode")?.text, "wal")
    }
}
