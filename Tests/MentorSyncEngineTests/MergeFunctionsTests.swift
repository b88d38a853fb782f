import XCTest
import CSQLite
import MentorSyncDemo
import MentorSyncTestSupport
@testable import MentorSyncEngine

/// The merge's SQL functions on a real SQLite file: `msync_fingerprint` gives `RowFingerprint`'s
/// bytes, one UPDATE guarded by `msync_clock_advances` changes the rows the Swift merge would, and
/// a defined function's closure lives exactly as long as SQLite keeps the function.
final class MergeFunctionsTests: XCTestCase {
    func database(_ scratch: ScratchDirectory) throws -> Database {
        let db = try Database(path: scratch.path("f.db").path)
        try MergeFunctions.install(on: db)
        return db
    }

    private let columns = (1...17).map { "c\($0)" }
    private let literals = ["CAST(x'c0af' AS TEXT)", "CAST(x'd09fd1' AS TEXT)", "CAST(x'eda080' AS TEXT)", "CAST(x'' AS TEXT)",
                            "x''", "NULL", "9223372036854775807", "-9223372036854775808", "-0.0", "1e308", "'Пётр'"]

    /// A value of any type: integers of every size, reals, blobs, texts Russian and not.
    private func randomValue(_ g: inout SplitMix64) -> DatabaseValue {
        let texts = ["", "Иванова Мария Петровна", "учитель", "a\u{0}b", "😀", "2024-02-29", "x"]
        switch g.int(0...6) {
        case 0: return .null
        case 1: return .integer(Int64(bitPattern: g.next()) >> Int64(g.int(0...63)))
        case 2: return .real(Double(bitPattern: g.next() & 0x7FEF_FFFF_FFFF_FFFF) * (g.chance(0.5) ? -1 : 1))
        case 3: return .blob(g.bytes(g.int(1...40)))
        default: return .text(g.pick(texts) + (g.chance(0.3) ? String(repeating: "ж", count: g.int(0...20)) : ""))
        }
    }

    /// Table `t` (id, c1…c17) of 600 random rows and 40 of literals SQLite holds as they are
    /// written (text that is not UTF-8 among them).
    private func randomTable(_ db: Database, _ g: inout SplitMix64) throws {
        try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, \(columns.joined(separator: ", ")))")
        let insert = try db.prepare("INSERT INTO t VALUES (?\(String(repeating: ", ?", count: 17)))")
        for id in 0..<600 {
            try insert.execute([.integer(Int64(id))] + columns.map { _ in randomValue(&g) })
        }
        for id in 1000..<1040 {
            try db.execute("INSERT INTO t VALUES (\(id), \(columns.map { _ in g.pick(literals) }.joined(separator: ", ")))")
        }
    }

    func testFingerprintIsTheOneOfTheRowsValues() throws {
        let scratch = ScratchDirectory("merge-functions")
        let db = try database(scratch)
        var g = SplitMix64(seed: 0xf9)
        try randomTable(db, &g)
        try expectFingerprints(db, "SELECT msync_fingerprint(\(columns.joined(separator: ", "))), \(columns.joined(separator: ", ")) FROM t")
        // Fewer arguments, and none.
        XCTAssertEqual(try db.scalar("SELECT msync_fingerprint('s001', 42, NULL)"),
                       .blob(RowFingerprint(values: [.text("s001"), .integer(42), .null]).bytes))
        XCTAssertEqual(try db.scalar("SELECT msync_fingerprint()"), .blob(RowFingerprint(values: []).bytes))
    }

    /// Cells written by an UPDATE whose SET patches the fingerprint from their old values (as
    /// SQLite gives them to SET) and new ones: the row's fingerprint after, as if hashed whole.
    func testAPatchedFingerprintIsTheOneOfTheRowAfter() throws {
        let scratch = ScratchDirectory("merge-functions")
        let db = try database(scratch)
        var g = SplitMix64(seed: 0x3a)
        try randomTable(db, &g)
        try db.execute("ALTER TABLE t ADD COLUMN fp BLOB")
        try db.execute("UPDATE t SET fp = msync_fingerprint(\(columns.joined(separator: ", ")))")
        let ids = try db.rows("SELECT id FROM t").map { $0[0] }
        for (n, id) in ids.enumerated() {
            // One to three cells, a value bound or a literal held as it is written.
            let written = Array(Set((0..<g.int(1...3)).map { _ in g.int(1...17) })).sorted()
            var values: [DatabaseValue] = []
            var sets: [String] = [], patches: [String] = []
            for p in written {
                let new: String
                if n % 4 == 3 { new = g.pick(literals) } else { values.append(randomValue(&g)); new = "?\(values.count + 1)" }
                sets.append("c\(p) = \(new)")
                patches.append("\(p), c\(p), \(new)")
            }
            try db.prepare("""
                UPDATE t SET \(sets.joined(separator: ", ")), fp = msync_fp_patch(fp, \(patches.joined(separator: ", "))) WHERE id = ?1
                """).execute([id] + values)
        }
        try expectFingerprints(db, "SELECT fp, \(columns.joined(separator: ", ")) FROM t")
    }

    /// Each of the 640 rows of `sql`: its first column the fingerprint of the values after it.
    private func expectFingerprints(_ db: Database, _ sql: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let s = try db.prepare(sql)
        var rows = 0
        while try s.step() {
            let values = Array(s.row().dropFirst())
            XCTAssertEqual(s.value(at: 0), .blob(RowFingerprint(values: values).bytes), "\(values)", file: file, line: line)
            rows += 1
        }
        XCTAssertEqual(rows, 640, file: file, line: line)
    }

    /// What cannot be patched is NULL, so the statement hashes the row whole instead.
    func testAFingerprintThatCannotBePatchedIsNull() throws {
        let scratch = ScratchDirectory("merge-functions")
        let db = try database(scratch)
        let sums = Hex.encode(RowFingerprint(values: [.text("s001"), .integer(1)]).bytes)
        let words = Hex.encode(RowFingerprint(values: [.text("s001"), .integer(1)], layout: .words).bytes)
        XCTAssertEqual(try db.scalar("SELECT msync_fp_patch(x'\(sums)', 2, 1, 2)"),
                       .blob(RowFingerprint(values: [.text("s001"), .integer(2)]).bytes))
        for call in ["msync_fp_patch(x'\(words)', 2, 1, 2)", "msync_fp_patch(x'\(sums)', 3, 1, 2)",
                     "msync_fp_patch(x'\(sums)', 0, 1, 2)", "msync_fp_patch(x'\(sums)', 2, 1)",
                     "msync_fp_patch(x'\(sums)', '2', 1, 2)", "msync_fp_patch(NULL, 2, 1, 2)", "msync_fp_patch(x'03', 1, 1, 2)"] {
            XCTAssertEqual(try db.scalar("SELECT \(call)"), .null, call)
        }
        XCTAssertEqual(try db.scalar("SELECT msync_fp_patch(x'\(sums)')"), .blob(RowFingerprint(values: [.text("s001"), .integer(1)]).bytes))
    }

    /// The statement the engine means to run, row by row and over the whole table at once.
    func testAnUpdateGuardedByAdvancesChangesTheRowsTheSwiftMergeWould() throws {
        let scratch = ScratchDirectory("merge-functions")
        let db = try database(scratch)
        try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, org_id TEXT, c1, c2, c3, c4, msync_clock BLOB, msync_fp BLOB)")
        let model = ClockModel()
        let own = SiteID("s001")!, ownNumber = Int64(ClockModel.numbers[own]!)
        var g = SplitMix64(seed: 0x0bd)
        var held: [Int64: RowClock] = [:], current: [Int64: RowClock] = [:]
        for id in Int64(0)..<400 {
            let clock = model.randomClock(&g, positions: 6)
            held[id] = clock
            // A few rows without a clock: they always go the slow way.
            let stored: DatabaseValue = id % 50 == 7 ? .null : .blob(model.encode(clock))
            try db.execute("INSERT INTO t VALUES (?, ?, ?, ?, ?, ?, ?, NULL)",
                           [.integer(id), .text(id % 3 == 0 ? "s002" : "s001"), .integer(id), .text("имя \(id)"), .null, .real(0.5), stored])
        }
        let update = try db.prepare("""
            UPDATE t SET c3 = ?2, msync_clock = msync_clock_merge(msync_clock, ?3),
                         msync_fp = msync_fingerprint(org_id, c1, c2, ?2, c4)
            WHERE id = ?1 AND org_id = ?4 AND msync_clock_advances(msync_clock, ?3, ?5)
            """)
        var updated = 0
        for id in Int64(0)..<400 {
            let clock = held[id]!
            let patch = model.randomPatch(&g, held: clock, own: own, positions: 6)
            let org = g.chance(0.9) ? (id % 3 == 0 ? "s002" : "s001") : "s099"
            let value = DatabaseValue.text("новое \(id)")
            try update.execute([.integer(id), value, .blob(model.encode(patch)), .text(org), .integer(ownNumber)])
            let expected = model.swiftMerge(held: clock, patch: patch, own: own)
            let takes = id % 50 != 7 && org != "s099" && expected?.advances == true
            XCTAssertEqual(db.changes, takes ? 1 : 0, "row \(id): held \(clock) patch \(patch)")
            let row = try XCTUnwrap(try db.rows("SELECT org_id, c1, c2, c3, c4, msync_clock, msync_fp FROM t WHERE id = ?", [.integer(id)]).first)
            current[id] = takes ? expected!.merged : clock
            if takes {
                updated += 1
                XCTAssertEqual(row[3], value)
                XCTAssertEqual(row[5], .blob(model.encode(expected!.merged)))
                XCTAssertEqual(row[6], .blob(RowFingerprint(values: Array(row[0..<5])).bytes))
            } else {
                XCTAssertEqual(row[3], .null)
                XCTAssertEqual(row[5], id % 50 == 7 ? .null : .blob(model.encode(clock)))
                XCTAssertEqual(row[6], .null)
            }
        }
        XCTAssertGreaterThan(updated, 80)
        XCTAssertLessThan(updated, 320)

        // One patch over every row, naming no counter of this site: exactly the rows it advances change.
        let others = ["s002", "district", "s010", "a", "zz"].map { (SiteID($0)!, Int64(100)) }
        let patch = RowClock(version: VersionVector(Dictionary(uniqueKeysWithValues: others)),
                             stamps: [3: Stamp(counter: 100, site: SiteID("s002")!)])
        var expected: [Int64: [UInt8]] = [:]
        for (id, clock) in current where id % 50 != 7 {
            if let e = model.swiftMerge(held: clock, patch: patch, own: own), e.advances { expected[id] = model.encode(e.merged) }
        }
        try db.execute("""
            UPDATE t SET c3 = ?1, msync_clock = msync_clock_merge(msync_clock, ?2), msync_fp = msync_fingerprint(org_id, c1, c2, ?1, c4)
            WHERE msync_clock_advances(msync_clock, ?2, ?3)
            """, [.text("всем"), .blob(model.encode(patch)), .integer(ownNumber)])
        XCTAssertEqual(db.changes, expected.count)
        XCTAssertGreaterThan(expected.count, 50)
        for r in try db.rows("SELECT id, msync_clock FROM t WHERE c3 = 'всем'") {
            XCTAssertEqual(r[1], expected[r[0].integer!].map { .blob($0) }, "row \(r[0])")
        }
    }
}
