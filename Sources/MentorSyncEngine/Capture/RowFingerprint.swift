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
        var row = FNV1a()
        var out = [UInt8](repeating: 0, count: 8)
        out.reserveCapacity(8 + 2 * values.count)
        for v in values {
            let h = RowFingerprint.hash(v)
            row.add(h)
            let folded = UInt16(truncatingIfNeeded: h ^ (h >> 16) ^ (h >> 32) ^ (h >> 48))
            out.append(UInt8(folded >> 8)); out.append(UInt8(folded & 0xff))
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
}

/// FNV-1a, 64 bits: a fast non-cryptographic hash (http://www.isthe.com/chongo/tech/comp/fnv/).
struct FNV1a {
    private(set) var value: UInt64 = 0xcbf2_9ce4_8422_2325
    mutating func byte(_ b: UInt8) { value = (value ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
    mutating func add(_ x: UInt64) { for i in 0..<8 { byte(UInt8(truncatingIfNeeded: x >> (8 * UInt64(i)))) } }
}
