import XCTest
import MentorSyncDomain
import MentorSyncTestSupport
@testable import MentorSyncEngine

/// A big bundle's rows are worked out on the reading thread (`RowPreparer`): their cells placed,
/// and a new row's values, clock and fingerprint made there. What the merge stores must be what
/// the merge thread makes of the same rows in bundles too small to be read ahead.
final class PreparedRowMergeTests: XCTestCase {
    let s001 = SiteID("s001")!
    let s002 = SiteID("s002")!

    /// Rows of s001 with counters 1…n: persons with a name and role, a few with a cell of a column
    /// the district lacks, a few refused (a role the registry refuses), a few tombstones, and a few
    /// with a cell stamped by s002 (a site the district has not numbered when the merge begins).
    func changes(_ n: Int) -> [RowChange] {
        let role = RegistrySchema.persons.cellNames.firstIndex(of: "role")! + 1
        let unknown = RegistrySchema.persons.cellNames.count + 1
        return (1...n).map { i in
            let st = Stamp(counter: Int64(i), site: s001)
            let id = String(format: "p%05d", i)
            if i % 97 == 0 {
                return RowChange(table: "persons", id: id, orgID: "s001", version: VersionVector([s001: st.counter]),
                                 cells: [CellChange(position: 0, stamp: st, value: .integer(0))])
            }
            var version = VersionVector([s001: st.counter])
            var nameStamp = st
            if i % 101 == 0 {
                nameStamp = Stamp(counter: 3, site: s002)
                version = version.union(VersionVector([s002: 3]))
            }
            var cells = [CellChange(position: 0, stamp: st, value: .integer(1)), CellChange(position: 1, stamp: st, value: .text("s001")),
                         CellChange(position: 2, stamp: nameStamp, value: .text("Учитель \(i)")),
                         CellChange(position: role, stamp: st, value: .text(i % 89 == 0 ? "boss" : "teacher"))]
            if i % 13 == 0 { cells.append(CellChange(position: unknown, stamp: st, value: .text("новое поле"))) }
            return RowChange(table: "persons", id: id, orgID: "s001", version: version, cells: cells)
        }
    }

    func bundle(_ t: TestDistrict, sequence: Int64, _ rows: ArraySlice<RowChange>) throws -> URL {
        let top = rows.map { $0.version[s001] }.max() ?? 0
        var header = BundleHeader(schemaVersion: RegistrySchema.version, sender: s001, recipient: t.district.site,
                                  bundleID: Array(repeating: UInt8(sequence), count: 16), sequence: sequence, createdAt: 0, kind: .changes,
                                  knowledge: VersionVector([s001: top, s002: 3]), acknowledgement: VersionVector(), rowCount: rows.count)
        header.tombstoneCount = rows.filter(\.isTombstone).count
        let url = t.mail.appendingPathComponent(header.fileName)
        let w = try BundleWriter(url: url, header: header, key: t.keys[s001]!)
        try w.declareTable("persons", columns: RegistrySchema.persons.cellNames + ["new_column"])
        for r in rows { try w.append(r) }
        try w.finish()
        return url
    }

    /// Each row's owner, liveness, decoded clock and fingerprint, and its values, by id.
    func stored(_ r: Replica) throws -> [String: String] {
        var out: [String: String] = [:]
        for row in try r.database.rows("SELECT r.id, r.org_id, r.alive, r.local, coalesce(p.msync_clock, r.clock), p.msync_fp FROM msync_rows r LEFT JOIN persons p ON r.alive = 1 AND p.id = r.id ORDER BY r.id") {
            let id = row[0].text!
            guard case .blob(let blob) = row[4] else { throw XCTSkip("unreachable: a clock is a blob") }
            let clock = try r.codec.decode(blob)
            let values = try r.readValues(RegistrySchema.persons, id: id)
            out[id] = "\(row[1]) \(row[2]) \(row[3]) \(clock.version) \(clock.stamps.map { "\($0.key):\($0.value)" }) \(row[5]) \(values ?? [])"
        }
        return out
    }

    func testRowsPreparedOnTheReadingThreadAreStoredAsTheMergeThreadStoresThem() throws {
        let rows = changes(1_500)
        XCTAssertTrue(1_500 >= BundleReadAhead.minimumRows && 500 < BundleReadAhead.minimumRows)

        let whole = try TestDistrict(schools: ["s001", "s002"])
        let r = try whole.districtMerges(try bundle(whole, sequence: 1, rows[...]))

        let pieces = try TestDistrict(schools: ["s001", "s002"])
        var inserted = 0, refused: [String] = []
        for k in 0..<3 {
            let p = try pieces.districtMerges(try bundle(pieces, sequence: Int64(k + 1), rows[(500 * k)..<(500 * (k + 1))]))
            inserted += p.rowsInserted
            refused += p.refusals.map(\.id)
        }

        XCTAssertEqual(r.rowsInserted, inserted)
        XCTAssertEqual(r.refusals.map(\.id), refused)
        XCTAssertEqual(r.unknownColumns, ["persons.new_column"])
        XCTAssertEqual(refused.count, 1_500 / 89 - 1_500 / (89 * 97))
        let a = try stored(whole.district), b = try stored(pieces.district)
        XCTAssertEqual(a.count, 1_500 - refused.count)
        let differing = a.keys.filter { a[$0] != b[$0] }.sorted()
        XCTAssertEqual(differing, [], "first: \(differing.first.map { "\(a[$0] ?? "none") against \(b[$0] ?? "none")" } ?? "")")
        // The fingerprint stored is the one of the values the row holds.
        for id in ["p00013", "p00101", "p01500"] {
            let values = try XCTUnwrap(whole.district.readValues(RegistrySchema.persons, id: id))
            let fp = try whole.district.database.scalar("SELECT msync_fp FROM persons WHERE id = ?", [.text(id)])
            XCTAssertEqual(fp, .blob(RowFingerprint(values: values).bytes), id)
        }
        XCTAssertEqual(try whole.district.database.scalar("SELECT count(*) FROM persons WHERE id = 'p00097'"), .integer(0), "a tombstone has no row")
        XCTAssertEqual(try whole.district.database.scalar("SELECT length(clock) > 0 FROM msync_rows WHERE id = 'p00097'"), .integer(1), "its clock is kept beside")

        // Then the same rows changed (a held row's cells are placed on the reading thread too):
        // a new role for each, a deleted row brought back, and a row refused before now sent right.
        let role = RegistrySchema.persons.cellNames.firstIndex(of: "role")! + 1
        let changed = rows.map { r -> RowChange in
            let n = Int(r.id.dropFirst())!
            let st = Stamp(counter: Int64(1_500 + n), site: s001)
            var version = r.version
            version.advance(s001, to: st.counter)
            var cells = [CellChange(position: role, stamp: st, value: .text(n % 2 == 0 ? "student" : "teacher"))]
            if n % 97 == 0 || n % 89 == 0 {
                cells = [CellChange(position: 0, stamp: st, value: .integer(1)), CellChange(position: 1, stamp: st, value: .text("s001")),
                         CellChange(position: 2, stamp: st, value: .text("Вернувшийся \(n)")), CellChange(position: role, stamp: st, value: .text("teacher"))]
            }
            return RowChange(table: "persons", id: r.id, orgID: "s001", version: version, cells: cells)
        }
        let r2 = try whole.districtMerges(try bundle(whole, sequence: 2, changed[...]))
        var changedInPieces = 0
        for k in 0..<3 {
            changedInPieces += try pieces.districtMerges(try bundle(pieces, sequence: Int64(k + 4), changed[(500 * k)..<(500 * (k + 1))])).rowsChanged
        }
        XCTAssertEqual(r2.rowsChanged, 1_500)
        XCTAssertEqual(changedInPieces, 1_500)
        let a2 = try stored(whole.district), b2 = try stored(pieces.district)
        XCTAssertEqual(a2.count, 1_500)
        let differing2 = a2.keys.filter { a2[$0] != b2[$0] }.sorted()
        XCTAssertEqual(differing2, [], "first: \(differing2.first.map { "\(a2[$0] ?? "none") against \(b2[$0] ?? "none")" } ?? "")")
        XCTAssertEqual(try whole.district.value("persons", "p00002", "role"), .text("student"))
        XCTAssertEqual(try whole.district.value("persons", "p00097", "full_name"), .text("Вернувшийся 97"))
    }
}
