/// Reads the primitive encodings of Protocol/bundle.md from a byte buffer, checking every bound.
/// A value that runs past the end throws `NeedMoreBytes` (the body reader then decodes more);
/// every other failure is `BundleError.malformed` with what was being read. The labels are
/// autoclosures: a label is only built when it is thrown, not for every value read.
public struct ByteReader {
    public let bytes: [UInt8]
    public private(set) var offset: Int
    public let end: Int

    public init(_ bytes: [UInt8], offset: Int = 0, end: Int? = nil) {
        self.bytes = bytes
        self.offset = offset
        self.end = end ?? bytes.count
    }

    public var remaining: Int { end - offset }
    public var isAtEnd: Bool { offset >= end }

    public mutating func u8(_ what: @autoclosure () -> String = "byte") throws -> UInt8 {
        guard offset < end else { throw NeedMoreBytes(what: what()) }
        defer { offset += 1 }
        return bytes[offset]
    }

    public mutating func u16(_ what: @autoclosure () -> String) throws -> UInt16 {
        let hi = try u8(what()), lo = try u8(what())
        return UInt16(hi) << 8 | UInt16(lo)
    }

    public mutating func u32(_ what: @autoclosure () -> String) throws -> UInt32 {
        var v: UInt32 = 0
        for _ in 0..<4 { v = v << 8 | UInt32(try u8(what())) }
        return v
    }

    public mutating func varint(_ what: @autoclosure () -> String) throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try u8(what())
            if shift == 63 && b > 1 { throw BundleError.malformed("\(what()): varint overflows 64 bits") }
            result |= UInt64(b & 0x7f) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
            if shift > 63 { throw BundleError.malformed("\(what()): varint longer than 10 bytes") }
        }
    }

    /// A varint that must fit a count or length no larger than `limit`.
    public mutating func count(_ what: @autoclosure () -> String, limit: Int) throws -> Int {
        let v = try varint(what())
        guard v <= UInt64(limit) else { throw BundleError.limitExceeded("\(what()) is \(v), more than the limit of \(limit)") }
        return Int(v)
    }

    public mutating func counter(_ what: @autoclosure () -> String) throws -> Int64 {
        let v = try varint(what())
        guard v <= UInt64(BundleLimits.maxCounter) else {
            throw BundleError.limitExceeded("\(what()) \(v) is above the largest counter allowed (2^53)")
        }
        return Int64(v)
    }

    public mutating func zigzag(_ what: @autoclosure () -> String) throws -> Int64 {
        let v = try varint(what())
        return Int64(bitPattern: (v >> 1) ^ (0 &- (v & 1)))
    }

    public mutating func raw(_ n: Int, _ what: @autoclosure () -> String) throws -> ArraySlice<UInt8> {
        guard n >= 0 else { throw BundleError.malformed("\(what()) has a negative length") }
        guard n <= remaining else { throw NeedMoreBytes(what: what()) }
        defer { offset += n }
        return bytes[offset..<offset + n]
    }

    public mutating func string(_ what: @autoclosure () -> String, limit: Int) throws -> String {
        let n = try count("\(what()) length", limit: limit)
        let slice = try raw(n, what())
        // Checked by `UTF8Check` (the standard library's answer, tested so), then made a String on
        // the library's own contiguous path: `String(validating:)` over a slice went through its
        // generic path, looking up type metadata at each call (a sixth of reading a bundle).
        guard let s = slice.withUnsafeBufferPointer({ UTF8Check.isValid($0) ? String(decoding: $0, as: UTF8.self) : nil }) else {
            throw BundleError.malformed("\(what()) is not valid UTF-8")
        }
        return s
    }

    public mutating func lengthPrefixed(_ what: @autoclosure () -> String, limit: Int) throws -> [UInt8] {
        let n = try count("\(what()) length", limit: limit)
        return Array(try raw(n, what()))
    }

    public mutating func real(_ what: @autoclosure () -> String) throws -> Double {
        var bits: UInt64 = 0
        for _ in 0..<8 { bits = bits << 8 | UInt64(try u8(what())) }
        return Double(bitPattern: bits)
    }
}
