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
            if UTF8Check.isValid(bytes) {
                for b in bytes { h.byte(b) }
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
        var i = 0
        let n = b.count
        guard let base = b.baseAddress else { return true }
        while i < n {
            // Registry text is mostly ASCII and Cyrillic: eight ASCII bytes are passed at once.
            if i + 8 <= n, UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8; continue
            }
            let c = b[i]
            if c < 0x80 { i += 1; continue }
            func cont(_ k: Int, _ low: UInt8 = 0x80, _ high: UInt8 = 0xBF) -> Bool { i + k < n && b[i + k] >= low && b[i + k] <= high }
            switch c {
            case 0xC2...0xDF: guard cont(1) else { return false }; i += 2
            case 0xE0: guard cont(1, 0xA0), cont(2) else { return false }; i += 3
            case 0xE1...0xEC, 0xEE...0xEF: guard cont(1), cont(2) else { return false }; i += 3
            case 0xED: guard cont(1, 0x80, 0x9F), cont(2) else { return false }; i += 3
            case 0xF0: guard cont(1, 0x90), cont(2), cont(3) else { return false }; i += 4
            case 0xF1...0xF3: guard cont(1), cont(2), cont(3) else { return false }; i += 4
            case 0xF4: guard cont(1, 0x80, 0x8F), cont(2), cont(3) else { return false }; i += 4
            default: return false
            }
        }
        return true
    }
}
