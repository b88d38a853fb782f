import XCTest
import MentorSyncDomain
import MentorSyncTestSupport
@testable import MentorSyncEngine

/// Rows a site has never held are merged by inserting their clock first (`RowMerger.mergeIfUnseen`);
/// a row refused on the way ends exactly as the usual path leaves it: no values, no clock.
final class UnseenRowMergeTests: XCTestCase {
    let s001 = SiteID("s001")!

    /// A bundle of s001 with new persons rows: (id, owner in org_id, role).
    func bundle(_ t: TestDistrict, sequence: Int64 = 1, rows: [(String, String, String)]) throws -> URL {
        let counter = Int64(rows.count) * sequence
        let header = BundleHeader(schemaVersion: RegistrySchema.version, sender: s001, recipient: t.district.site,
                                  bundleID: Array(repeating: UInt8(sequence), count: 16), sequence: sequence, createdAt: 0, kind: .changes,
                                  knowledge: VersionVector([s001: counter]), acknowledgement: VersionVector(), rowCount: rows.count)
        let url = t.mail.appendingPathComponent(header.fileName)
        let w = try BundleWriter(url: url, header: header, key: t.keys[s001]!)
        let names = RegistrySchema.persons.cellNames
        try w.declareTable("persons", columns: names)
        let role = names.firstIndex(of: "role")! + 1
        for (n, (id, owner, roleValue)) in rows.enumerated() {
            let st = Stamp(counter: counter - Int64(rows.count) + Int64(n) + 1, site: s001)
            try w.append(RowChange(table: "persons", id: id, orgID: "s001", version: VersionVector([s001: st.counter]),
                                   cells: [CellChange(position: 0, stamp: st, value: .integer(1)), CellChange(position: 1, stamp: st, value: .text(owner)),
                                           CellChange(position: 2, stamp: st, value: .text("Учитель \(id)")),
                                           CellChange(position: role, stamp: st, value: .text(roleValue))]))
        }
        try w.finish()
        return url
    }

    func clocks(_ t: TestDistrict) throws -> [String] {
        try t.district.database.rows("SELECT id FROM msync_rows WHERE tbl = ? ORDER BY id", [.integer(Int64(RegistrySchema.persons.number))])
            .compactMap { $0[0].text }
    }

    func persons(_ t: TestDistrict) throws -> [String] {
        try t.district.database.rows("SELECT id FROM persons ORDER BY id").compactMap { $0[0].text }
    }

    func testRefusedNewRowsLeaveNeitherValuesNorClock() throws {
        let t = try TestDistrict(schools: ["s001", "s002"])
        // The first row is looked up (and missed); the rest are tried as unseen rows.
        let url = try bundle(t, rows: [("a1", "s001", "teacher"), ("a2", "s001", "boss"), ("a3", "s002", "teacher"),
                                       ("a4", "s001", "teacher"), ("a5", "s001", "student")])
        let r = try t.districtMerges(url)
        XCTAssertEqual(r.rowsInserted, 3)
        XCTAssertEqual(r.rowsChanged, 3)
        XCTAssertEqual(r.refusals.map(\.id), ["a2", "a3"])
        XCTAssertTrue(r.refusals[0].reason.contains("has a value this registry refuses"), r.refusals[0].reason)
        XCTAssertTrue(r.refusals[1].reason.contains("names two different owners"), r.refusals[1].reason)
        XCTAssertEqual(try persons(t), ["a1", "a4", "a5"])
        XCTAssertEqual(try clocks(t), ["a1", "a4", "a5"], "a refused row keeps no clock")
        XCTAssertEqual(try t.district.database.integrityCheck(), "ok")

        // Merged again (rows now held, the refused ones still not): the same refusals, no change.
        let again = try t.districtMerges(url)
        XCTAssertEqual(again.rowsChanged, 0)
        XCTAssertEqual(again.refusals.map(\.id), ["a2", "a3"])
        XCTAssertEqual(try clocks(t), ["a1", "a4", "a5"])
    }

    func testAHeldRowMetOnTheUnseenPathIsMergedAsAnUpdate() throws {
        let t = try TestDistrict(schools: ["s001"])
        _ = try t.districtMerges(try bundle(t, rows: [("b2", "s001", "teacher")]))
        // b1 is new (a miss: the next row is tried as unseen), b2 is held: its insert does nothing
        // and it takes the usual path, its newer role merged.
        let r = try t.districtMerges(try bundle(t, sequence: 2, rows: [("b1", "s001", "teacher"), ("b2", "s001", "student")]))
        XCTAssertEqual(r.rowsInserted, 1)
        XCTAssertEqual(r.rowsChanged, 2)
        XCTAssertEqual(try t.district.value("persons", "b2", "role"), .text("student"))
        XCTAssertEqual(try clocks(t), ["b1", "b2"])
    }

    /// The fold, meeting a row with a clock right after one without (the order a shortcut for new
    /// rows would guess wrong): the held row keeps the stamps of the columns its update did not touch.
    func testTheFoldKeepsTheClockOfAHeldRowMetAfterANewOne() throws {
        let t = try TestDistrict(schools: ["s001"])
        let school = t.school("s001")
        let persons = RegistrySchema.persons
        try school.insert("persons", ["org_id": "s001", "full_name": "Старый", "role": "teacher"], id: "b1")
        try school.fold()
        let before = try XCTUnwrap(try school.loadRow(table: persons.number, id: "b1"))
        // a1 (new, sorted first) has no clock; b1, updated in one column, has one.
        try school.insert("persons", ["org_id": "s001", "full_name": "Новый"], id: "a1")
        try school.update("persons", "b1", ["role": "methodologist"])
        try school.fold()
        let after = try XCTUnwrap(try school.loadRow(table: persons.number, id: "b1"))
        let role = persons.cellNames.firstIndex(of: "role")! + 1
        let name = persons.cellNames.firstIndex(of: "full_name")! + 1
        XCTAssertNotEqual(after.clock.stamps[role], before.clock.stamps[role], "the updated column is stamped anew")
        XCTAssertEqual(after.clock.stamps[name], before.clock.stamps[name], "a column not written keeps its stamp")
        XCTAssertEqual(after.clock.stamps[0], before.clock.stamps[0])
        XCTAssertNotNil(try school.loadRow(table: persons.number, id: "a1"))
    }
}
