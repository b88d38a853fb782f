import Foundation
import XCTest
@testable import MentorSyncCLI
import MentorSyncTestSupport

/// `list --json` writes its rows by hand (`JSONRows`: Foundation's JSONSerialization was 5 s of CPU
/// on 82,000 meetings): byte for byte what Foundation writes, on the values a registry holds.
final class JSONRowsTests: XCTestCase {
    func foundation(_ keys: [String], _ rows: [[Any?]]) throws -> String {
        let objects = rows.map { row in
            Dictionary(uniqueKeysWithValues: zip(keys, row).compactMap { k, v in v.map { (k, $0) } })
        }
        let data = try JSONSerialization.data(withJSONObject: objects, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        return String(decoding: data, as: UTF8.self)
    }

    func testRowsAreWrittenAsFoundationWritesThem() throws {
        let controls = String(String.UnicodeScalarView((0..<32).compactMap(Unicode.Scalar.init)))
        let texts = ["Иванова Мария Петровна", "«Ёлочка» \"в кавычках\"", "C:\\Users\\Завуч\\список.csv", "a/b//c", controls,
                     "строка\nвторая\r\n\tтаб", "\u{7f}\u{2028}\u{2029}\u{feff}", "е\u{0308}лка á 🙂 👩‍🏫", "", " ", "null", "0"]
        let numbers: [Any] = [Int64(0), Int64(-1), Int64.max, Int64.min, Int64(2026), 0.1, 1.5, 2.0, -0.0, 1e-7, 1e20, 1e15, 1e16,
                              123456.7, 0.30000000000000004, 5e-324, 1.7976931348623157e308, -42.25]
        let keys = ["org_id", "full_name", "q10", "q1", "Q2", "a_b", "ab", "A", "id", "other_school", "hours", "notes"]
        var rows: [[Any?]] = []
        for i in 0..<60 {
            rows.append(keys.indices.map { k -> Any? in
                switch (i + k) % 6 {
                case 0: return texts[(i * 7 + k) % texts.count]
                case 1: return numbers[(i * 5 + k) % numbers.count]
                case 2: return NSNull()
                case 3: return k == 9 ? nil : texts[(i + k) % texts.count]
                case 4: return k == 9 ? true : numbers[(i + 3 * k) % numbers.count]
                default: return nil
                }
            })
        }
        XCTAssertEqual(JSONRows(keys: keys, rows: rows).text(), try foundation(keys, rows))
        XCTAssertEqual(JSONRows(keys: keys, rows: []).text(), try foundation(keys, []))
        XCTAssertEqual(JSONRows(keys: keys, rows: [[]]).text(), try foundation(keys, [[]]))
    }

    /// Through the binary: a district's list with Russian names, quotes, backslashes, a line
    /// break and empty cells reads as Foundation writes it (read and written again, byte for byte).
    func testListJSONIsWhatFoundationWrites() throws {
        let w = try CLIWorld(schools: ["s001"])
        for (name, notes) in [("Иванова Мария Петровна", "сказала: \"приду\"\nпотом \\ позже"), ("Петров Пётр", ""), ("Ёлкина Ё", "таб\tи /слэш/")] {
            expectOK(try w.school("s001", "put", "persons", "--set", "full_name=\(name)", "--set", "role=teacher", "--set", "notes=\(notes)"))
        }
        try w.round()
        for table in ["persons", "organizations"] {
            let listed = try w.district("list", table, "--json")
            expectOK(listed)
            let again = try JSONSerialization.data(withJSONObject: try w.json(listed), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
            XCTAssertEqual(listed.stdout, String(decoding: again, as: UTF8.self) + "\n")
            XCTAssertTrue(listed.stdout.contains("Иванова Мария Петровна") || table != "persons", listed.stdout)
        }
    }
}
