import XCTest
import MentorSyncDemo
import MentorSyncDomain
import MentorSyncTestSupport
@testable import MentorSyncEngine

/// A row's fingerprint hashed from SQLite's bytes (fold, merged updates) is the one its values give
/// (merge of new rows, the capture check), whatever the values hold.
final class FingerprintReadTests: XCTestCase {
    func testTheStatementGivesTheFingerprintOfItsValues() throws {
        let scratch = ScratchDirectory("fingerprint")
        let db = try Database(path: scratch.path("f.db").path)
        try db.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, a, b, c, d)")
        var g = SplitMix64(seed: 0xf1)
        let texts = ["", "Иванова Мария Петровна", "2024-02-29", "teacher", "a\u{0}b", "😀 emoji", "x"]
        func value() -> DatabaseValue {
            switch g.int(0...5) {
            case 0: return .null
            case 1: return .integer(Int64(g.int(-1_000_000...1_000_000)))
            case 2: return .real(Double(g.int(-1000...1000)) / 7)
            case 3: return .blob((0..<g.int(0...12)).map { _ in UInt8(g.int(0...255)) })
            default: return .text(g.pick(texts))
            }
        }
        for id in 0..<400 {
            try db.execute("INSERT INTO t VALUES (?, ?, ?, ?, ?)", [.integer(Int64(id)), value(), value(), value(), value()])
        }
        // Text that is not UTF-8, as other tools can store it.
        try db.execute("INSERT INTO t VALUES (1000, CAST(x'c0af' AS TEXT), CAST(x'd09fd180' AS TEXT), CAST(x'eda080' AS TEXT), CAST(x'f4908080' AS TEXT))")
        let s = try db.prepare("SELECT a, b, c, d FROM t ORDER BY id")
        var rows = 0
        while try s.step() {
            let values = s.row()
            XCTAssertEqual(RowFingerprint(statement: s, columns: 0..<4), RowFingerprint(values: values), "\(values)")
            rows += 1
        }
        XCTAssertEqual(rows, 401)
    }

    func testUTF8CheckAgreesWithTheStandardLibrary() {
        var g = SplitMix64(seed: 0x8)
        let interesting: [[UInt8]] = [[0xC0, 0xAF], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xF0, 0x9F, 0x98, 0x80],
                                      [0xD0, 0x9F], [0xE2, 0x82], [0xFF], [0x7F], Array("Иванова".utf8)]
        var cases = interesting
        for _ in 0..<20_000 {
            cases.append((0..<g.int(0...6)).map { _ in g.chance(0.5) ? UInt8(g.int(0x80...0xFF)) : UInt8(g.int(0...0x7F)) })
        }
        // Runs of ASCII (passed eight bytes at a time) before, between and after the rest.
        for _ in 0..<20_000 {
            let ascii = { (n: Int) in (0..<n).map { _ in UInt8(g.int(0...0x7F)) } }
            cases.append(ascii(g.int(0...17)) + interesting[g.int(0...interesting.count - 1)] + ascii(g.int(0...9))
                         + (0..<g.int(0...3)).map { _ in UInt8(g.int(0x80...0xFF)) } + ascii(g.int(0...12)))
        }
        // Runs of two-byte letters (passed four at a time), now and then a byte that breaks one:
        // an overlong lead (C0, C1), a lead without its continuation, a stray continuation, ASCII.
        let letters = Array("абвгдежзийклмнопрстуфхцчшщъыьэюяАБВЖЯёЁ".utf8)
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<g.int(0...12) {
                let k = 2 * g.int(0...letters.count / 2 - 1)
                bytes += letters[k...k + 1]
            }
            for _ in 0..<g.int(0...2) {
                let at = g.int(0...bytes.count)
                let breaker: [UInt8] = g.pick([[0xC0], [0xC1], [0xD0], [0x80], [0xBF], [0x20], [0xE0, 0xA0], [0xC1, 0x81], [0xDF, 0xC0]])
                bytes.insert(contentsOf: breaker, at: at)
            }
            cases.append(bytes)
        }
        for bytes in cases {
            let expected = String(validating: bytes, as: UTF8.self) != nil
            bytes.withUnsafeBufferPointer {
                XCTAssertEqual(UTF8Check.isValid($0), expected, "\(bytes.map { String($0, radix: 16) })")
            }
        }
    }

    /// Merged rows, new and updated (an update's fingerprint comes from its RETURNING), keep the
    /// fingerprint of the values they hold: a later capture check sees them unchanged.
    func testMergedRowsKeepTheFingerprintOfTheirValues() throws {
        let t = try TestDistrict(schools: ["s001"])
        let s = t.school("s001")
        var ids: [String] = []
        for i in 0..<30 {
            ids.append(try s.insert("persons", ["org_id": .text("s001"), "full_name": .text("Иванова Мария \(i)"),
                                                "role": .text("teacher"), "notes": .text("заметка \(i)")]))
        }
        try t.syncAll()
        for (i, id) in ids.enumerated() where i % 2 == 0 {
            try s.update("persons", id, ["notes": .text("изменено \(i)"), "position": .text("учитель")])
        }
        try t.syncAll()
        for id in ids {
            let stored = try t.district.database.scalar("SELECT msync_fp FROM persons WHERE id = ?", [.text(id)])
            let values = try XCTUnwrap(try t.district.readValues(RegistrySchema.persons, id: id))
            XCTAssertEqual(stored, .blob(RowFingerprint(values: values).bytes), id)
        }
        XCTAssertEqual(try t.district.value("persons", ids[0], "notes"), .text("изменено 0"))
    }
}
