import XCTest
@testable import MentorSyncEngine
import MentorSyncTestSupport

/// Fingerprints are kept in every home (`msync_rows.fp`): the hashes they are made of must never
/// change, and the ones kept in earlier layouts must still be read as they were taken.
final class FingerprintLayoutTests: XCTestCase {
    private let row: [DatabaseValue] = [.text("s001"), .text("Иванова Мария Петровна"), .null, .integer(-42), .real(2.5),
                                        .blob([0, 1, 2, 0xff]), .text(""), .text("2024-02-29")]

    func testFNV1aGivesItsPublishedValues() {
        // http://www.isthe.com/chongo/src/fnv/test_fnv.c (FNV-1a, 64 bits)
        func fnv(_ s: String) -> UInt64 { var h = FNV1a(); for b in s.utf8 { h.byte(b) }; return h.value }
        XCTAssertEqual(fnv(""), 0xcbf2_9ce4_8422_2325)
        XCTAssertEqual(fnv("a"), 0xaf63_dc4c_8601_ec8c)
        XCTAssertEqual(fnv("foobar"), 0x8594_4171_f739_67e8)
    }

    /// The values stored fingerprints are made of: a change here makes every row of every home read
    /// as changed at the next capture check, so a new hash needs a new layout number instead.
    /// Computed apart from this code, by a short Python rendering of the layouts as documented.
    func testEveryLayoutKeepsItsValues() {
        XCTAssertEqual(RowFingerprint(values: row).bytes,
                       Hex.bytes("76 88 c5 8d a2 25 68 8f a3 7c 3a 37 b2 7e c0 8c 62 2f 32 e3 24 02 ee 88 03"))
        XCTAssertEqual(RowFingerprint(values: row, layout: .words).bytes,
                       Hex.bytes("9c 71 e3 55 8b a1 6c 97 a3 7c 3a 37 b2 7e c0 8c 62 2f 32 e3 24 02 ee 88 02"))
        XCTAssertEqual(RowFingerprint(values: row, layout: .bytes).bytes,
                       Hex.bytes("d9 6d 72 94 41 37 f9 37 7d 65 9c 1a 23 f1 78 77 63 85 3a 9b 2e bc 3b 95"))
        XCTAssertEqual(RowFingerprint.wordHash(.text("Иванова")), 6_270_911_393_436_906_842)
        XCTAssertEqual(RowFingerprint.wordHash(.null), 18_400_995_421_458_785_111)
    }

    func testEachLayoutIsKnownByItsLength() {
        let sums = RowFingerprint(values: row), words = RowFingerprint(values: row, layout: .words)
        let bytes = RowFingerprint(values: row, layout: .bytes)
        XCTAssertEqual(sums.bytes.count, 8 + 2 * row.count + 1)
        XCTAssertEqual(words.bytes.count, 8 + 2 * row.count + 1)
        XCTAssertEqual(bytes.bytes.count, 8 + 2 * row.count)
        XCTAssertEqual(sums.layout, .sums)
        XCTAssertEqual(words.layout, .words)
        XCTAssertEqual(bytes.layout, .bytes)
        XCTAssertEqual(RowFingerprint(bytes: Array(words.bytes.dropLast())).layout, .bytes)
    }

    /// A fingerprint of every layout tells which cells changed, and none when none did.
    func testAFingerprintOfEveryLayoutTellsTheChangedCells() {
        for layout in [RowFingerprint.Layout.bytes, .words, .sums] {
            let fp = RowFingerprint(values: row, layout: layout)
            XCTAssertEqual(fp.changedPositions(row), [], "\(layout)")
            var changed = row
            changed[1] = .text("Иванова Мария Павловна")
            changed[6] = .null
            XCTAssertEqual(fp.changedPositions(changed), [2, 7], "\(layout)")
            XCTAssertEqual(fp.changedPositions(row + [.null]), [], "\(layout): a column added since, still empty")
            XCTAssertEqual(fp.changedPositions(row + [.integer(1)]), [9], "\(layout)")
        }
    }

    /// A fingerprint of the patchable layout patched cell by cell is the fingerprint of the row
    /// after; a position it has no cell for leaves it as it was.
    func testAPatchedFingerprintIsTheRowsAfter() {
        var bytes = RowFingerprint(values: row).bytes
        var after = row
        for (position, value) in [(2, DatabaseValue.text("Иванова Мария Павловна")), (7, .null), (2, .integer(7)), (8, .text("2025-01-01"))] {
            XCTAssertTrue(RowFingerprint.patch(&bytes, position: position, old: RowFingerprint.wordHash(after[position - 1]),
                                               new: RowFingerprint.wordHash(value)))
            after[position - 1] = value
            XCTAssertEqual(bytes, RowFingerprint(values: after).bytes, "after position \(position)")
        }
        let kept = bytes
        XCTAssertFalse(RowFingerprint.patch(&bytes, position: 9, old: 0, new: 1))
        XCTAssertFalse(RowFingerprint.patch(&bytes, position: 0, old: 0, new: 1))
        XCTAssertEqual(bytes, kept)
        XCTAssertFalse(RowFingerprint.isPatchable(RowFingerprint(values: row, layout: .words).bytes))
    }

    /// One byte changed anywhere in a text of any length changes its hash; so does a zero byte
    /// added at its end, and the type of a value.
    func testTheWordHashTellsEveryOneByteChange() {
        var seen = Set<UInt64>()
        for length in 0...40 {
            let base = (0..<length).map { UInt8(0x41 + $0 % 26) }
            XCTAssertTrue(seen.insert(hash(base)).inserted, "length \(length)")
            XCTAssertNotEqual(hash(base), hash(base + [0]), "length \(length) and a zero byte")
            for i in 0..<length {
                for delta: UInt8 in [1, 0x20, 0x80] {
                    var b = base
                    b[i] ^= delta
                    XCTAssertNotEqual(hash(b), hash(base), "length \(length), byte \(i) ^ \(delta)")
                }
            }
        }
        XCTAssertNotEqual(RowFingerprint.wordHash(.text("")), RowFingerprint.wordHash(.null))
        XCTAssertNotEqual(RowFingerprint.wordHash(.text("")), RowFingerprint.wordHash(.blob([])))
        XCTAssertNotEqual(RowFingerprint.wordHash(.integer(0)), RowFingerprint.wordHash(.real(0)))
    }

    private func hash(_ bytes: [UInt8]) -> UInt64 {
        var h = WordHash(tag: 4)
        bytes.withUnsafeBytes { h.add($0) }
        return h.value
    }
}
