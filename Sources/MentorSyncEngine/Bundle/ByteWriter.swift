/// Appends the primitive encodings of Protocol/bundle.md ("Encodings") to a byte buffer.
public struct ByteWriter {
    public var bytes: [UInt8] = []

    public init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    public mutating func u8(_ v: UInt8) { bytes.append(v) }

    public mutating func u16(_ v: UInt16) {
        bytes.append(UInt8(v >> 8)); bytes.append(UInt8(v & 0xff))
    }

    public mutating func u32(_ v: UInt32) {
        for shift in stride(from: 24, through: 0, by: -8) { bytes.append(UInt8((v >> UInt32(shift)) & 0xff)) }
    }

    /// Unsigned LEB128: 7 bits a byte, low bits first, high bit set on all but the last byte.
    public mutating func varint(_ v: UInt64) {
        var v = v
        while v >= 0x80 {
            bytes.append(UInt8(v & 0x7f) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    public mutating func varint(_ v: Int) { varint(UInt64(v)) }

    /// Non-negative counters (Lamport counters, indices) are written as unsigned varints.
    public mutating func counter(_ v: Int64) { varint(UInt64(max(0, v))) }

    /// Signed integers: zigzag, then varint.
    public mutating func zigzag(_ v: Int64) { varint(UInt64(bitPattern: (v << 1) ^ (v >> 63))) }

    public mutating func string(_ s: String) {
        // Copied whole from the string's storage (appending its UTF8View went byte by byte).
        var s = s
        s.withUTF8 { utf8 in
            varint(utf8.count)
            bytes.append(contentsOf: utf8)
        }
    }

    public mutating func lengthPrefixed(_ b: [UInt8]) {
        varint(b.count)
        bytes.append(contentsOf: b)
    }

    public mutating func raw(_ b: [UInt8]) { bytes.append(contentsOf: b) }

    public mutating func real(_ d: Double) {
        let bits = d.bitPattern
        for shift in stride(from: 56, through: 0, by: -8) { bytes.append(UInt8((bits >> UInt64(shift)) & 0xff)) }
    }

    public mutating func reset() { bytes.removeAll(keepingCapacity: true) }
}
