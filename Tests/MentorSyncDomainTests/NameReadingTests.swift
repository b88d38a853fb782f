import Foundation
import XCTest
@testable import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// Reading a table's names keeps to Swift's and Foundation's rules where it goes around them for
/// speed (a district's 80,000 persons): each shortcut gives what the general way gave, for every
/// scalar of the Basic Multilingual Plane.
final class NameReadingTests: XCTestCase {
    /// `normalize` as it was written first: `lowercased()`, then one pass over the scalars.
    private func normalizedTheGeneralWay(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var space = false
        var last: Unicode.Scalar = " "
        for u in s.lowercased().unicodeScalars {
            if Character(u).isWhitespace && u.value != 0x0308 { space = !out.isEmpty; continue }
            if space { out.append(" "); space = false; last = " " }
            switch u.value {
            case 0x0451: out.append("е"); last = "е"
            case 0x0308 where last == "е": continue
            case 0x2013, 0x2014: out.append("-"); last = "-"
            default: out.append(u); last = u
            }
        }
        return String(out)
    }

    private var everyScalar: [Unicode.Scalar] { (UInt32(0)...0xFFFF).compactMap(Unicode.Scalar.init) }

    func testNamesAreInSmallLettersAsLowercasedMakesThem() {
        for u in everyScalar where !Character(u).isWhitespace {
            for s in ["\(u)", "Ива\(u)нова", "\(u)Ё\(u)Е\u{0308}"] {
                XCTAssertEqual(Array(RowNames.normalize(s).unicodeScalars), Array(normalizedTheGeneralWay(s).unicodeScalars), "U+\(String(u.value, radix: 16))")
            }
        }
    }

    func testNamesAreTrimmedAsFoundationTrimsThem() {
        for u in everyScalar {
            for s in ["\(u)", "\(u)Анна", "Анна\(u)", "\(u)Анна Ивановна\(u)", "\u{0306}\(u)"] {
                XCTAssertEqual(Array(RowNames.trimmed(s).unicodeScalars), Array(s.trimmingCharacters(in: .whitespacesAndNewlines).unicodeScalars),
                               "U+\(String(u.value, radix: 16))")
                XCTAssertEqual(Array(RowNames.trimmed(s, .whitespaces).unicodeScalars), Array(s.trimmingCharacters(in: .whitespaces).unicodeScalars),
                               "U+\(String(u.value, radix: 16))")
            }
        }
    }

    /// A composed key is the same key exactly where Swift's strings are equal: a name typed with
    /// «й» as one letter and as «и» with its mark is one name, as it always was.
    func testComposedKeysAreEqualWhereTheTextsAre() {
        let texts = ["йод", "и\u{0306}од", "ёлка", "е\u{0308}лка", "елка", "Å", "A\u{030A}", "\u{212B}", "ﬁ", "fi", "", "ا\u{0653}", "آ", "가", "\u{1100}\u{1161}",
                     "Протокол № 5", "Петров — 01.09.2024", "«а»…", "\u{2000}", "\u{2002}", "\u{2126}", "Ω"]
        for a in texts {
            for b in texts {
                XCTAssertEqual(ComposedKey(a) == ComposedKey(b), a == b, "«\(a)» «\(b)»")
                if a == b { XCTAssertEqual(ComposedKey(a).hashValue, ComposedKey(b).hashValue, "«\(a)» «\(b)»") }
            }
        }
        for u in everyScalar where ComposedKey.isComposed("\(u)") {
            XCTAssertEqual(Array("\(u)".precomposedStringWithCanonicalMapping.unicodeScalars), [u], "U+\(String(u.value, radix: 16))")
        }
    }

    /// Two persons of one name, one written with «й» as a letter and its mark: namesakes, told apart by their birth dates.
    func testNamesakesWrittenInBothWaysAreToldApart() throws {
        let names = RowNames.disambiguate([("1", "Зуева Майя", "1990-01-02"), ("2", "Зуева Ма\u{0438}\u{0306}я", "1991-03-04"), ("3", "Зуева Анна", "1990-01-02")]) {
            "\($0) (\(RowNames.russianDate($1)))"
        }
        XCTAssertEqual(names.map(\.label), ["Зуева Майя (02.01.1990)", "Зуева Ма\u{0438}\u{0306}я (04.03.1991)", "Зуева Анна"])
        let sameDay = RowNames.disambiguate([("aaaaaaaa1", "Зуева Майя", "1990-01-02"), ("bbbbbbbb2", "Зуева Ма\u{0438}\u{0306}я", "1990-01-02")]) {
            "\($0) (\(RowNames.russianDate($1)))"
        }
        XCTAssertEqual(sameDay.map(\.label), ["Зуева Майя (02.01.1990) [aaaaaaaa]", "Зуева Ма\u{0438}\u{0306}я (02.01.1990) [bbbbbbbb]"])
    }
}
