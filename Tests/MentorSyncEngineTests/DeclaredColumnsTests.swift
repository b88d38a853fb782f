import XCTest
import MentorSyncDomain
import MentorSyncTestSupport
@testable import MentorSyncEngine

/// How a bundle's declared columns map onto this site's: each name once, in any order.
final class DeclaredColumnsTests: XCTestCase {
    let s001 = SiteID("s001")!

    func bundle(_ t: TestDistrict, sequence: Int64, knowledge: Int64, columns: [String], rows: [RowChange]) throws -> URL {
        let header = BundleHeader(schemaVersion: RegistrySchema.version, sender: s001, recipient: t.district.site,
                                  bundleID: Array(repeating: UInt8(sequence), count: 16), sequence: sequence, createdAt: 0, kind: .changes,
                                  knowledge: VersionVector([s001: knowledge]), acknowledgement: VersionVector(), rowCount: rows.count)
        let url = t.mail.appendingPathComponent(header.fileName)
        let w = try BundleWriter(url: url, header: header, key: t.keys[s001]!)
        try w.declareTable("persons", columns: columns)
        for r in rows { try w.append(r) }
        try w.finish()
        return url
    }

    func insert(_ id: String, _ c: Int64) -> RowChange {
        let names = RegistrySchema.persons.cellNames
        let role = names.firstIndex(of: "role")! + 1
        let st = Stamp(counter: c, site: s001)
        return RowChange(table: "persons", id: id, orgID: "s001", version: VersionVector([s001: c]),
                         cells: [CellChange(position: 0, stamp: st, value: .integer(1)), CellChange(position: 1, stamp: st, value: .text("s001")),
                                 CellChange(position: 2, stamp: st, value: .text("Учитель \(id)")),
                                 CellChange(position: role, stamp: st, value: .text("teacher"))])
    }

    /// A column declared twice is a malformed bundle, refused whole: its two positions both landed
    /// on one column here, and a row's update named it twice — a statement the next row of the same
    /// cells was then given with a parameter still holding the row before's id (that row overwritten).
    func testAColumnDeclaredTwiceIsRefused() throws {
        let t = try TestDistrict(schools: ["s001"])
        _ = try t.districtMerges(try bundle(t, sequence: 1, knowledge: 2, columns: RegistrySchema.persons.cellNames,
                                            rows: [insert("x1", 1), insert("x2", 2)]))
        let names = RegistrySchema.persons.cellNames
        let dup = names.count + 1   // the second "name"
        let rows = [
            RowChange(table: "persons", id: "x1", orgID: "s001", version: VersionVector([s001: 10]),
                      cells: [CellChange(position: 2, stamp: Stamp(counter: 9, site: s001), value: .text("A1")),
                              CellChange(position: dup, stamp: Stamp(counter: 10, site: s001), value: .text("A2"))]),
            RowChange(table: "persons", id: "x2", orgID: "s001", version: VersionVector([s001: 11]),
                      cells: [CellChange(position: 2, stamp: Stamp(counter: 11, site: s001), value: .text("B"))]),
        ]
        XCTAssertThrowsError(try t.districtMerges(try bundle(t, sequence: 2, knowledge: 11, columns: names + [names[1]], rows: rows))) { error in
            XCTAssertEqual(error as? BundleError, .malformed("table persons declares column \(names[1]) twice"), "\(error)")
        }
        XCTAssertEqual(try t.district.value("persons", "x1", names[1]), .text("Учитель x1"))
        XCTAssertEqual(try t.district.value("persons", "x2", names[1]), .text("Учитель x2"))
    }

    /// Columns declared in reverse order: the winners arrive descending and must be sorted for the SQL.
    func testReversedDeclarationUpdatesRightColumns() throws {
        let t = try TestDistrict(schools: ["s001"])
        _ = try t.districtMerges(try bundle(t, sequence: 1, knowledge: 2, columns: RegistrySchema.persons.cellNames,
                                            rows: [insert("x1", 1), insert("x2", 2)]))
        let names = RegistrySchema.persons.cellNames
        let rev = Array(names.reversed())
        let namePos = rev.firstIndex(of: "full_name")! + 1, rolePos = rev.firstIndex(of: "role")! + 1
        var rows: [RowChange] = []
        for (i, id) in ["x1", "x2"].enumerated() {
            let st = Stamp(counter: Int64(10 + i), site: s001)
            let cells = [CellChange(position: namePos, stamp: st, value: .text("N\(id)")), CellChange(position: rolePos, stamp: st, value: .text("student"))]
                .sorted { $0.position < $1.position }
            rows.append(RowChange(table: "persons", id: id, orgID: "s001", version: VersionVector([s001: st.counter]), cells: cells))
        }
        let r = try t.districtMerges(try bundle(t, sequence: 2, knowledge: 11, columns: rev, rows: rows))
        XCTAssertEqual(r.rowsChanged, 2)
        for id in ["x1", "x2"] {
            XCTAssertEqual(try t.district.value("persons", id, "full_name"), .text("N\(id)"))
            XCTAssertEqual(try t.district.value("persons", id, "role"), .text("student"))
        }
        // Same vector again: nothing changes.
        let again = try t.districtMerges(try bundle(t, sequence: 3, knowledge: 11, columns: rev, rows: rows))
        XCTAssertEqual(again.rowsChanged, 0)
    }
}
