import Foundation

/// A text as a dictionary key, in Unicode's composed form (NFC) and compared by its bytes: two
/// texts are the same key exactly when Swift calls them equal (canonically equivalent), without
/// Swift normalizing each text again for every hash and comparison (a third of reading a district's
/// names). A text of Latin and Cyrillic letters and punctuation is composed already.
struct ComposedKey: Hashable {
    let text: String

    init(_ text: String) {
        var text = Self.isComposed(text) ? text : text.precomposedStringWithCanonicalMapping
        text.makeContiguousUTF8()
        self.text = text
    }

    /// Whether every scalar is one NFC leaves as it is wherever it stands: below the combining
    /// marks (U+0300), a Cyrillic letter (not the Cyrillic combining marks U+0483–U+0489), a dash,
    /// quote, ellipsis or other punctuation people write (not the spaces U+2000–U+200F, two of them
    /// taken for others), or «№».
    static func isComposed(_ s: String) -> Bool {
        s.unicodeScalars.allSatisfy { u in
            switch u.value {
            case 0..<0x300, 0x400...0x482, 0x48A...0x52F, 0x2010...0x2027, 0x2030...0x205E, 0x2116: return true
            default: return false
            }
        }
    }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }

    static func == (a: ComposedKey, b: ComposedKey) -> Bool {
        var a = a.text, b = b.text
        return a.withUTF8 { x in b.withUTF8 { y in x.count == y.count && (x.isEmpty || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0) } }
    }
}
