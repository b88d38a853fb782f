import Foundation
import XCTest
@testable import MentorSyncDomain

/// Damaged workbooks never crash or hang the reader: each one reads, or is refused with an XLSXError.
/// Deterministic (a fixed seed), so a failure is reproduced by running the test again.
final class XLSXFuzzTests: XCTestCase {
    /// SplitMix64: a small seeded generator, so every run tries the same inputs.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    func readOrRefuse(_ data: Data, _ what: String) {
        do {
            let book = try XLSXWorkbook(data: data, file: "fuzz.xlsx")
            for name in book.sheetNames { _ = try book.sheet(name) }
        } catch is XLSXError {
        } catch {
            XCTFail("\(what): not an XLSXError: \(error)")
        }
    }

    /// Bytes of the archive changed, cut or repeated: the zip layer and checksums catch it.
    func testDamagedArchives() throws {
        var rng = Seeded(state: 12)
        for name in ["handmade.xlsx", "libreoffice/persons.xlsx"] {
            let original = [UInt8](try Data(contentsOf: SpreadsheetFixtures.url(name)))
            for round in 0..<400 {
                var b = original
                switch round % 4 {
                case 0: for _ in 0..<Int.random(in: 1...8, using: &rng) { b[Int.random(in: 0..<b.count, using: &rng)] ^= UInt8.random(in: 1...255, using: &rng) }
                case 1: b = Array(b.prefix(Int.random(in: 0..<b.count, using: &rng)))
                case 2: b.removeSubrange(Int.random(in: 0..<b.count / 2, using: &rng)..<Int.random(in: b.count / 2..<b.count, using: &rng))
                default:
                    // Change a field of the central directory: sizes, offsets, counts.
                    let at = max(0, b.count - Int.random(in: 1...400, using: &rng))
                    b[at] = UInt8.random(in: 0...255, using: &rng)
                }
                readOrRefuse(Data(b), "\(name) round \(round)")
            }
        }
    }

    /// Sheet XML changed before it was zipped, so the parts arrive intact and the XML layer meets it.
    func testDamagedSheetXML() throws {
        var rng = Seeded(state: 34)
        let folder = SpreadsheetFixtures.url("handmade")
        let names = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                     "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"]
        let parts = try names.map { [UInt8](try Data(contentsOf: folder.appendingPathComponent($0))) }
        let alphabet = Array("<>/\"'=&;:#x_rcvtsi 0129AZ\u{0}".utf8)
        for round in 0..<600 {
            var zip = ZipWriter()
            let target = Int.random(in: 2..<names.count, using: &rng)
            for (k, name) in names.enumerated() {
                var b = parts[k]
                if k == target {
                    for _ in 0..<Int.random(in: 1...6, using: &rng) {
                        let at = Int.random(in: 0..<b.count, using: &rng)
                        if Bool.random(using: &rng) { b[at] = alphabet.randomElement(using: &rng)! } else { b.remove(at: at) }
                    }
                }
                try zip.add(name, b)
            }
            readOrRefuse(zip.finish(), "round \(round), \(names[target])")
        }
    }
}
