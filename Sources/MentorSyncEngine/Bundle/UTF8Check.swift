/// Whether bytes are well-formed UTF-8 (Unicode, Table 3-7): no overlong forms, no surrogates,
/// nothing above U+10FFFF, nothing cut short. Agrees with the standard library's check
/// (FingerprintReadTests); used where a bundle's texts are read and where fingerprints hash text.
enum UTF8Check {
    static func isValid(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = b.count
        guard let base = b.baseAddress else { return true }
        while i < n {
            // Registry text is mostly ASCII and Cyrillic: eight ASCII bytes are passed at once, so
            // are four two-byte letters (each a lead byte 110xxxxx other than C0 and C1, then a
            // continuation 10xxxxxx), and a lone two-byte letter without the general case.
            if i + 8 <= n {
                let w = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                if w & 0x8080_8080_8080_8080 == 0 { i += 8; continue }
                // The lead byte of each pair is the lower of its 16 bits; its bits 1–4 are not all
                // 0 (C0, C1), told for the four at once: adding 0x7FFF to a lane of at most 0x1E
                // sets its top bit exactly when the lane is not 0, and carries into no other lane.
                if w & 0xC0E0_C0E0_C0E0_C0E0 == 0x80C0_80C0_80C0_80C0,
                   ((w & 0x001E_001E_001E_001E) &+ 0x7FFF_7FFF_7FFF_7FFF) & 0x8000_8000_8000_8000 == 0x8000_8000_8000_8000 {
                    i += 8; continue
                }
            }
            let c = base[i]
            if c < 0x80 { i += 1; continue }
            switch c {
            case 0xC2...0xDF:
                guard i + 1 < n, base[i + 1] & 0xC0 == 0x80 else { return false }
                i += 2
            case 0xE0: guard continues(b, i, 2, second: 0xA0...0xBF) else { return false }; i += 3
            case 0xE1...0xEC, 0xEE...0xEF: guard continues(b, i, 2) else { return false }; i += 3
            case 0xED: guard continues(b, i, 2, second: 0x80...0x9F) else { return false }; i += 3
            case 0xF0: guard continues(b, i, 3, second: 0x90...0xBF) else { return false }; i += 4
            case 0xF1...0xF3: guard continues(b, i, 3) else { return false }; i += 4
            case 0xF4: guard continues(b, i, 3, second: 0x80...0x8F) else { return false }; i += 4
            default: return false
            }
        }
        return true
    }

    /// Whether `count` continuation bytes follow the lead byte at `i`, the first of them in `second`.
    private static func continues(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ count: Int,
                                  second: ClosedRange<UInt8> = 0x80...0xBF) -> Bool {
        guard i + count < b.count, second.contains(b[i + 1]) else { return false }
        for k in i + 2..<i + 1 + count where b[k] & 0xC0 != 0x80 { return false }
        return true
    }
}
