/// The patchable layout (`Layout.sums`): the row's hash is the sum (modulo 2^64) of one term per
/// cell, each term the cell's position and hash mixed, so a cell's new value changes the row's
/// hash by its new term less its old one and nothing else need be read.
extension RowFingerprint {
    /// A cell's part of the row's hash: its position (1 is org_id) and its value's hash, mixed.
    static func sumTerm(position: Int, hash: UInt64) -> UInt64 {
        var w = WordHash(tag: 6)
        w.add(UInt64(position))
        w.add(hash)
        return w.value
    }

    /// The two bytes kept for the cell at `position`: its hash folded to 16 bits.
    static func putCell(_ hash: UInt64, at position: Int, in bytes: inout [UInt8]) {
        let folded = UInt16(truncatingIfNeeded: hash ^ (hash >> 16) ^ (hash >> 32) ^ (hash >> 48))
        bytes[6 + 2 * position] = UInt8(folded >> 8)
        bytes[7 + 2 * position] = UInt8(folded & 0xff)
    }

    static func putRowHash(_ row: UInt64, in bytes: inout [UInt8]) {
        for i in 0..<8 { bytes[i] = UInt8(truncatingIfNeeded: row >> (8 * UInt64(i))) }
    }

    /// This fingerprint with cells changed: for each, its position and the hashes (`wordHash`) of
    /// the value it held when the fingerprint was taken and of its new one. Nil when the
    /// fingerprint cannot be patched: another layout, or a position it has no cell bytes for.
    func patched(_ cells: [(position: Int, old: UInt64, new: UInt64)]) -> RowFingerprint? {
        guard layout == .sums, bytes.count >= 9 else { return nil }
        let width = (bytes.count - 9) / 2
        var out = bytes
        var row: UInt64 = 0
        for i in 0..<8 { row |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        for c in cells {
            guard c.position >= 1, c.position <= width else { return nil }
            row = row &- RowFingerprint.sumTerm(position: c.position, hash: c.old) &+ RowFingerprint.sumTerm(position: c.position, hash: c.new)
            RowFingerprint.putCell(c.new, at: c.position, in: &out)
        }
        RowFingerprint.putRowHash(row, in: &out)
        return RowFingerprint(bytes: out)
    }
}
