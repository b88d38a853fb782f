import XCTest
import MentorSyncDomain
import MentorSyncTestSupport
@testable import MentorSyncEngine

/// A covered update is merged by one statement inside SQLite (RowMerger+InPlace). Whatever a
/// bundle holds, the district must end exactly as the usual path leaves it: values, clocks,
/// fingerprints, entries, conflicts and the merge's report.
final class InPlaceMergeTests: XCTestCase {
    /// Everything a merge leaves in a district, clocks decoded (site numbers are the file's own).
    static func state(_ r: Replica) throws -> [String] {
        var out: [String] = []
        for row in try r.database.rows("SELECT tbl, id, org_id, alive, local FROM msync_rows ORDER BY tbl, id") {
            let clock = try r.loadRow(table: Int(row[0].integer!), id: row[1].displayText)!.clock
            out.append("\(row.map(\.displayText)) \(clock)")
        }
        for t in r.schema.tables {
            let cols = (["id"] + t.cellNames + ["msync_fp"]).map(SQL.identifier).joined(separator: ", ")
            out += try r.database.rows("SELECT \(cols) FROM \(SQL.identifier(t.name)) ORDER BY id").map { "\(t.name) \($0.map(\.displayText))" }
        }
        out += try r.database.rows("SELECT tbl, row_id, col, winner_value, loser_value, winner_site, loser_site FROM msync_conflicts ORDER BY id")
            .map { "conflict \($0.map(\.displayText))" }
        return out
    }

    static func merge(_ r: Replica, _ url: URL, _ t: TestDistrict) throws -> String {
        let m = try r.importBundle(at: url, keyFor: t.key(for:), policy: MergePolicies.schoolsWriteOwnRows,
                                   conflictPolicy: MergePolicies.schoolsReportOwnConflicts)
        return "\(m.rowsReceived) \(m.rowsChanged) \(m.rowsInserted) \(m.rowsDeleted) \(m.refusals.map(\.reason)) "
            + "\(m.ownRowsChanged.count) \(m.conflictsDetected) \(m.conflictCellsDetected.count)"
    }

    func testACoveredUpdateMergedInPlaceEndsAsTheUsualPathLeavesIt() throws {
        try checkAgainstTheUsualPath(rows: 60)
    }

    /// A bundle big enough to be read ahead: its rows' cells and clock patches are worked out on
    /// the reading thread (RowPreparer) while the merge goes on.
    func testABundleReadAheadEndsAsTheUsualPathLeavesIt() throws {
        XCTAssertGreaterThanOrEqual(1_200, BundleReadAhead.minimumRows)
        try checkAgainstTheUsualPath(rows: 1_200)
    }

    /// A district and s001's bundle of a day over `rows` persons: covered updates of one cell and
    /// of several (merged in place), concurrent ones (the district corrected rows the school had
    /// not seen), a deletion, a write to the district's own row, a move to s002.
    static func schoolsDay(rows: Int) throws -> (t: TestDistrict, upload: URL) {
        let t = try TestDistrict(schools: ["s001", "s002"])
        let s = t.school("s001")
        var ids: [String] = []
        for i in 0..<rows {
            ids.append(try s.insert("persons", ["org_id": .text("s001"), "full_name": .text("Учитель \(i)"), "role": .text("teacher")]))
        }
        let districtRow = try t.district.insert("persons", ["org_id": .text(t.district.site.rawValue), "full_name": .text("Методист"), "role": .text("methodologist")])
        try t.syncAll()
        // Corrections the school has seen, then ones it has not: its edits of those rows are concurrent.
        for id in ids[0..<10] { try t.district.update("persons", id, ["position": .text("учитель")]) }
        try t.syncAll()
        for id in ids[10..<13] { try t.district.update("persons", id, ["notes": .text("из района")]) }
        // The school's day: one cell of many rows, several cells of some, a deletion, the district's own row.
        for id in ids[0..<40] { try s.update("persons", id, ["notes": .text("заметка")]) }
        for id in ids[40..<45] { try s.update("persons", id, ["full_name": .text("Новое имя"), "subject": .text("физика")]) }
        try s.update("persons", ids[45], ["notes": .text("заметка"), "role": .text("manager")])
        try s.delete("persons", ids[50])
        try s.update("persons", districtRow, ["notes": .text("чужая строка")])
        try s.update("persons", ids[46], ["org_id": .text("s002")])
        for id in ids.dropFirst(60) { try s.update("persons", id, ["notes": .text("заметка")]) }
        return (t, try t.upload("s001"))
    }

    /// Merges one school bundle into the district and into a copy of it with the in-place path off,
    /// and requires the same report and the same state, also for the same bundle again.
    func checkAgainstTheUsualPath(rows: Int, file: StaticString = #filePath, line: UInt = #line) throws {
        let (t, upload) = try Self.schoolsDay(rows: rows)
        let copy = t.scratch.path("usual.db").path
        try t.district.database.backup(to: copy)
        let usual = try Replica(path: copy, schema: RegistrySchema.schema)
        usual.mergesInPlace = false

        let inPlaceReport = try Self.merge(t.district, upload, t)
        let usualReport = try Self.merge(usual, upload, t)
        XCTAssertEqual(inPlaceReport, usualReport, file: file, line: line)
        XCTAssertEqual(try Self.state(t.district), try Self.state(usual), file: file, line: line)
        XCTAssertEqual(usual.rowsMergedInPlace, 0, file: file, line: line)
        // Rows 13…44 and 47…49, 51…59 untouched: the covered updates of 13…44 (and 0…9, seen
        // corrections, and every row past 60) go in place; the concurrent ones, the deletion, the
        // move and the refusal do not.
        XCTAssertGreaterThanOrEqual(t.district.rowsMergedInPlace, 40 + rows - 60, file: file, line: line)
        XCTAssertLessThan(t.district.rowsMergedInPlace, 47 + rows - 60, file: file, line: line)
        XCTAssertGreaterThan(try t.district.openConflicts().count, 0, "the concurrent edits were weighed", file: file, line: line)

        // The same bundle again changes nothing either way.
        XCTAssertEqual(try Self.merge(t.district, upload, t), try Self.merge(usual, upload, t), file: file, line: line)
        XCTAssertEqual(try Self.state(t.district), try Self.state(usual), file: file, line: line)
    }
}
