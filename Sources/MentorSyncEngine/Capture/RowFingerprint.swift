import CSQLite

/// A compact fingerprint of a row's values (cell positions 1…n: org_id, then the columns), kept in
/// `msync_rows.fp` whenever a row's clock is stored. When capture was off for a while (another
/// tool rebuilt a table and its triggers went with it), comparing the fingerprints with the
/// values now tells which rows and which cells changed meanwhile, so only those are stamped.
///
/// Layout: an 8-byte hash of the whole row, then 2 bytes per cell. The row hash decides whether
/// the row changed (a miss is 2^-64); the cell bytes tell which cells (when they cannot tell,
/// every cell is taken as changed, never none).
public struct RowFingerprint: Equatable, Sendable {
    public var bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    public init(values: [DatabaseValue]) {
        self.init(cells: values.count) { RowFingerprint.hash(values[$0]) }
    }

    /// The fingerprint of columns `columns` of a statement's current row, hashed from SQLite's
    /// bytes without making values: the same as `init(values:)` of the values they hold.
    init(statement s: Statement, columns: Range<Int>) {
        self.init(cells: columns.count) { RowFingerprint.hash(s, column: Int32(columns.lowerBound + $0)) }
    }

    private init(cells: Int, hash: (Int) -> UInt64) {
        var row = FNV1a()
        var out = [UInt8](repeating: 0, count: 8 + 2 * cells)
        for i in 0..<cells {
            let h = hash(i)
            row.add(h)
            let folded = UInt16(truncatingIfNeeded: h ^ (h >> 16) ^ (h >> 32) ^ (h >> 48))
            out[8 + 2 * i] = UInt8(folded >> 8); out[9 + 2 * i] = UInt8(folded & 0xff)
        }
        for i in 0..<8 { out[i] = UInt8(truncatingIfNeeded: row.value >> (8 * UInt64(i))) }
        bytes = out
    }

    /// Cell positions (1-based: 1 is org_id) whose values differ from the ones this fingerprint was
    /// taken of; empty when the row is unchanged.
    public func changedPositions(_ values: [DatabaseValue]) -> [Int] {
        let now = RowFingerprint(values: values)
        if now.bytes == bytes { return [] }
        let all = Array(1...values.count)
        // Columns added since the fingerprint was taken have no cell bytes here: any value there is new.
        guard bytes.count >= 8 else { return all }
        var changed: [Int] = []
        for p in all {
            let at = 8 + 2 * (p - 1)
            if at + 1 >= bytes.count {
                if !values[p - 1].isNull { changed.append(p) }
            } else if bytes[at] != now.bytes[at] || bytes[at + 1] != now.bytes[at + 1] {
                changed.append(p)
            }
        }
        if changed.isEmpty && bytes.count == now.bytes.count { return all }  // the row hash differs, the cells cannot tell
        return changed
    }

    static func hash(_ v: DatabaseValue) -> UInt64 {
        var h = FNV1a()
        switch v {
        case .null: h.byte(0)
        case .integer(let i): h.byte(1); h.add(UInt64(bitPattern: i))
        case .real(let d): h.byte(2); h.add(d.bitPattern)
        case .text(let s):
            h.byte(3)
            var s = s
            s.withUTF8 { for b in $0 { h.byte(b) } }
        case .blob(let b): h.byte(4); for x in b { h.byte(x) }
        }
        return h.value
    }

    /// `hash(_:)` of the value in a column of a statement's current row, read as `Statement.value(at:)`
    /// reads it (text that is not UTF-8 is hashed as the repaired text that call makes).
    static func hash(_ s: Statement, column i: Int32) -> UInt64 {
        var h = FNV1a()
        switch sqlite3_column_type(s.handle, i) {
        case SQLITE_INTEGER: h.byte(1); h.add(UInt64(bitPattern: sqlite3_column_int64(s.handle, i)))
        case SQLITE_FLOAT: h.byte(2); h.add(sqlite3_column_double(s.handle, i).bitPattern)
        case SQLITE_TEXT:
            h.byte(3)
            guard let p = sqlite3_column_text(s.handle, i) else { break }
            let bytes = UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(s.handle, i)))
            // Hashed while checked, in one pass; text that is not UTF-8 is hashed again, repaired.
            var checked = h
            if UTF8Check.isValid(bytes, hashingInto: &checked) {
                h = checked
            } else {
                for b in String(decoding: bytes, as: UTF8.self).utf8 { h.byte(b) }
            }
        case SQLITE_BLOB:
            h.byte(4)
            let n = Int(sqlite3_column_bytes(s.handle, i))
            if n > 0, let p = sqlite3_column_blob(s.handle, i) {
                for b in UnsafeRawBufferPointer(start: p, count: n) { h.byte(b) }
            }
        default: h.byte(0)
        }
        return h.value
    }
}

/// FNV-1a, 64 bits: a fast non-cryptographic hash (http://www.isthe.com/chongo/tech/comp/fnv/).
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    mutating func byte(_ b: UInt8) { value = (value ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
    mutating func add(_ x: UInt64) { for i in 0..<8 { byte(UInt8(truncatingIfNeeded: x >> (8 * UInt64(i)))) } }
}

/// Whether bytes are well-formed UTF-8 (Unicode, Table 3-7): no overlong forms, no surrogates,
/// nothing above U+10FFFF, nothing cut short.
enum UTF8Check {
    static func isValid(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        var ignored = FNV1a()
        return isValid(b, hashingInto: &ignored)
    }

    /// The same check, feeding each byte checked to `hash` as it goes (a row's fingerprint checks
    /// and hashes every text it reads: one pass over the bytes, not two). When the bytes are not
    /// UTF-8, `hash` holds some of them: the caller drops it.
    static func isValid(_ b: UnsafeBufferPointer<UInt8>, hashingInto hash: inout FNV1a) -> Bool {
        var i = 0
        let n = b.count
        guard let base = b.baseAddress else { return true }
        while i < n {
            // Registry text is mostly ASCII and Cyrillic: eight ASCII bytes are passed at once,
            // and a two-byte letter (Cyrillic) without the general case.
            if i + 8 <= n, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                for k in i..<i + 8 { hash.byte(base[k]) }
                i += 8; continue
            }
            let c = base[i]
            if c < 0x80 { hash.byte(c); i += 1; continue }
            let length: Int
            switch c {
            case 0xC2...0xDF:
                guard i + 1 < n, base[i + 1] & 0xC0 == 0x80 else { return false }
                length = 2
            case 0xE0: guard continues(b, i, 2, second: 0xA0...0xBF) else { return false }; length = 3
            case 0xE1...0xEC, 0xEE...0xEF: guard continues(b, i, 2) else { return false }; length = 3
            case 0xED: guard continues(b, i, 2, second: 0x80...0x9F) else { return false }; length = 3
            case 0xF0: guard continues(b, i, 3, second: 0x90...0xBF) else { return false }; length = 4
            case 0xF1...0xF3: guard continues(b, i, 3) else { return false }; length = 4
            case 0xF4: guard continues(b, i, 3, second: 0x80...0x8F) else { return false }; length = 4
            default: return false
            }
            for k in i..<i + length { hash.byte(base[k]) }
            i += length
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
