import CSQLite

/// A compact fingerprint of a row's values (cell positions 1…n: org_id, then the columns), kept in
/// `msync_rows.fp` whenever a row's clock is stored. When capture was off for a while (another
/// tool rebuilt a table and its triggers went with it), comparing the fingerprints with the
/// values now tells which rows and which cells changed meanwhile, so only those are stamped.
///
/// Layout: an 8-byte hash of the whole row, then 2 bytes per cell, then the layout's number (3):
/// cells hashed eight bytes at a time (`WordHash`), the row's hash the sum of one term per cell
/// (`sumTerm`), so that a merge writing a few cells can patch it from their old and new values
/// (`patch`) instead of hashing the whole row again. Fingerprints stored before are still
/// compared as they were taken: layout 2 chained the cell hashes into the row's; the first had no
/// number (an even length) and hashed a byte at a time (FNV-1a). The row hash decides whether the
/// row changed (a miss is 2^-64); the cell bytes tell which cells (when they cannot tell, every
/// cell is taken as changed, never none).
public struct RowFingerprint: Equatable, Sendable {
    public var bytes: [UInt8]

    /// How the cells were hashed.
    enum Layout: UInt8 {
        /// A byte at a time, FNV-1a; no layout byte (fingerprints kept before words).
        case bytes = 1
        /// Eight bytes at a time, the row's hash chained; the layout byte last.
        case words = 2
        /// Eight bytes at a time, the row's hash a sum of terms (patchable); the layout byte last.
        case sums = 3
    }

    public init(bytes: [UInt8]) { self.bytes = bytes }

    public init(values: [DatabaseValue]) {
        self.init(values: values, layout: .sums)
    }

    init(values: [DatabaseValue], layout: Layout) {
        switch layout {
        case .words, .sums: self.init(cells: values.count, layout: layout) { RowFingerprint.wordHash(values[$0]) }
        case .bytes: self.init(cells: values.count, layout: .bytes) { RowFingerprint.byteHash(values[$0]) }
        }
    }

    /// The fingerprint of columns `columns` of a statement's current row, hashed from SQLite's
    /// bytes without making values: the same as `init(values:)` of the values they hold.
    init(statement s: Statement, columns: Range<Int>) {
        self.init(cells: columns.count, layout: .sums) { RowFingerprint.wordHash(s, column: Int32(columns.lowerBound + $0)) }
    }

    /// The layout of `cells` hashes (also `init(arguments:)`, the SQL function's).
    init(cells: Int, layout: Layout, hash: (Int) -> UInt64) {
        var out = [UInt8](repeating: 0, count: 8 + 2 * cells + (layout == .bytes ? 0 : 1))
        var words = WordHash(tag: 5)
        var fnv = FNV1a()
        var sum: UInt64 = 0
        for i in 0..<cells {
            let h = hash(i)
            switch layout {
            case .sums: sum &+= RowFingerprint.sumTerm(position: i + 1, hash: h)
            case .words: words.add(h)
            case .bytes: fnv.add(h)
            }
            RowFingerprint.putCell(h, at: i + 1, in: &out)
        }
        let row = layout == .sums ? sum : layout == .words ? words.value : fnv.value
        RowFingerprint.putRowHash(row, in: &out)
        if layout != .bytes { out[out.count - 1] = layout.rawValue }
        bytes = out
    }

    /// How this fingerprint was taken: an odd length ends with its layout's number.
    var layout: Layout {
        guard bytes.count % 2 == 1, let last = bytes.last, let layout = Layout(rawValue: last), layout != .bytes else { return .bytes }
        return layout
    }

    /// Cell positions (1-based: 1 is org_id) whose values differ from the ones this fingerprint was
    /// taken of; empty when the row is unchanged.
    public func changedPositions(_ values: [DatabaseValue]) -> [Int] {
        let layout = self.layout
        let now = RowFingerprint(values: values, layout: layout)
        if now.bytes == bytes { return [] }
        let all = Array(1...values.count)
        // Columns added since the fingerprint was taken have no cell bytes here: any value there is new.
        let cellsEnd = bytes.count - (layout == .bytes ? 0 : 1)
        guard cellsEnd >= 8 else { return all }
        var changed: [Int] = []
        for p in all {
            let at = 8 + 2 * (p - 1)
            if at + 1 >= cellsEnd {
                if !values[p - 1].isNull { changed.append(p) }
            } else if bytes[at] != now.bytes[at] || bytes[at + 1] != now.bytes[at + 1] {
                changed.append(p)
            }
        }
        if changed.isEmpty && bytes.count == now.bytes.count { return all }  // the row hash differs, the cells cannot tell
        return changed
    }

    /// A value's hash, eight bytes at a time.
    static func wordHash(_ v: DatabaseValue) -> UInt64 {
        switch v {
        case .null: return WordHash(tag: 0).value
        case .integer(let i): var h = WordHash(tag: 1); h.add(UInt64(bitPattern: i)); return h.value
        case .real(let d): var h = WordHash(tag: 2); h.add(d.bitPattern); return h.value
        case .text(let s):
            var h = WordHash(tag: 3)
            var s = s
            s.withUTF8 { h.add(UnsafeRawBufferPointer($0)) }
            return h.value
        case .blob(let b):
            var h = WordHash(tag: 4)
            b.withUnsafeBytes { h.add($0) }
            return h.value
        }
    }

    /// `wordHash(_:)` of the value in a column of a statement's current row, read as
    /// `Statement.value(at:)` reads it (text that is not UTF-8 is hashed as the repaired text that call makes).
    static func wordHash(_ s: Statement, column i: Int32) -> UInt64 {
        switch sqlite3_column_type(s.handle, i) {
        case SQLITE_INTEGER: var h = WordHash(tag: 1); h.add(UInt64(bitPattern: sqlite3_column_int64(s.handle, i))); return h.value
        case SQLITE_FLOAT: var h = WordHash(tag: 2); h.add(sqlite3_column_double(s.handle, i).bitPattern); return h.value
        case SQLITE_TEXT:
            guard let p = sqlite3_column_text(s.handle, i) else { return WordHash(tag: 3).value }
            return textHash(UnsafeBufferPointer(start: p, count: Int(sqlite3_column_bytes(s.handle, i))))
        case SQLITE_BLOB:
            var h = WordHash(tag: 4)
            let n = Int(sqlite3_column_bytes(s.handle, i))
            if n > 0, let p = sqlite3_column_blob(s.handle, i) { h.add(UnsafeRawBufferPointer(start: p, count: n)) }
            return h.value
        default: return WordHash(tag: 0).value
        }
    }

    /// `wordHash(_:)` of text as SQLite holds it: text that is not UTF-8 is hashed as the repaired
    /// text `Statement.value(at:)` makes of it.
    static func textHash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h = WordHash(tag: 3)
        if UTF8Check.isValid(bytes) {
            h.add(UnsafeRawBufferPointer(bytes))
        } else {
            var repaired = String(decoding: bytes, as: UTF8.self)
            repaired.withUTF8 { h.add(UnsafeRawBufferPointer($0)) }
        }
        return h.value
    }

    /// A value's hash a byte at a time (the fingerprints kept before `WordHash`).
    static func byteHash(_ v: DatabaseValue) -> UInt64 {
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
}

/// A 64-bit hash taking eight bytes at a time: each word is mixed in by a step that is one-to-one
/// in the word (two inputs of one length differing in one word never meet), the length goes in
/// last, and MurmurHash3's finalizer spreads the bits (https://github.com/aappleby/smhasher).
/// Not cryptographic: it tells a changed row from an unchanged one, nobody is trying to fool it.
struct WordHash {
    private var state: UInt64
    private var length: UInt64 = 0

    init(tag: UInt64) { state = (tag &+ 1) &* 0x9E37_79B9_7F4A_7C15 }

    mutating func add(_ word: UInt64) {
        state = (state ^ word) &* 0xBF58_476D_1CE4_E5B9
        state ^= state >> 31
        length &+= 8
    }

    /// Bytes as little-endian words, the last one padded with zeros.
    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        let n = bytes.count
        var i = 0
        while i + 8 <= n {
            add(UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self)))
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0
            for k in 0..<(n - i) { tail |= UInt64(bytes[i + k]) << (8 * UInt64(k)) }
            add(tail)
            length &-= UInt64(8 - (n - i))
        }
    }

    var value: UInt64 {
        var k = (state ^ length) &* 0xBF58_476D_1CE4_E5B9
        k ^= k >> 33; k = k &* 0xFF51_AFD7_ED55_8CCD
        k ^= k >> 33; k = k &* 0xC4CE_B9FE_1A85_EC53
        k ^= k >> 33
        return k
    }
}

/// FNV-1a, 64 bits: a fast non-cryptographic hash (http://www.isthe.com/chongo/tech/comp/fnv/).
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    mutating func byte(_ b: UInt8) { value = (value ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
    mutating func add(_ x: UInt64) { for i in 0..<8 { byte(UInt8(truncatingIfNeeded: x >> (8 * UInt64(i)))) } }
}
