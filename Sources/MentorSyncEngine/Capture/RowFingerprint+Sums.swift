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

    /// Whether `bytes` are a fingerprint of the patchable layout.
    static func isPatchable(_ bytes: [UInt8]) -> Bool {
        bytes.count >= 9 && bytes.count % 2 == 1 && bytes.last == Layout.sums.rawValue
    }

    /// Patches the patchable fingerprint `bytes` in place for one cell; false (bytes unchanged)
    /// for a position it has no cell bytes for.
    static func patch(_ bytes: inout [UInt8], position: Int, old: UInt64, new: UInt64) -> Bool {
        guard position >= 1, position <= (bytes.count - 9) / 2 else { return false }
        var row: UInt64 = 0
        for i in 0..<8 { row |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        row = row &- sumTerm(position: position, hash: old) &+ sumTerm(position: position, hash: new)
        putRowHash(row, in: &bytes)
        putCell(new, at: position, in: &bytes)
        return true
    }
}
