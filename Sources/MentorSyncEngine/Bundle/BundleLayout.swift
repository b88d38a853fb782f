/// Fixed parts of a bundle file (Protocol/bundle.md, "File layout").
public enum BundleLayout {
    /// "MSYNC", CR LF, SUB: damage by text-mode transfers shows at once.
    public static let magic: [UInt8] = [0x4D, 0x53, 0x59, 0x4E, 0x43, 0x0D, 0x0A, 0x1A]
    public static let trailerMagic: [UInt8] = Array("MEND".utf8)
    /// The version this program writes: 2, with an encrypted body. Version 1 (plaintext body) is still read.
    public static let formatVersion: UInt16 = 2
    public static let readableVersions: ClosedRange<UInt16> = 1...2
    public static let nonceSize = 12
    public static let bodyTagSize = 16
    public static let prefixSize = 14          // magic 8, version 2, header length 4
    public static let trailerSize = 40         // "MEND" 4, CRC-32 4, HMAC-SHA256 32
    public static let fileExtension = "msync"

    /// Body record types.
    enum RecordType: UInt8 { case end = 0, site = 1, table = 2, row = 3, conflict = 4 }

    /// Value type tags.
    enum ValueTag: UInt8 { case null = 0, integer = 1, real = 2, text = 3, blob = 4, uuid = 5 }

    /// True for names writers use while a file is still being written; readers skip them.
    public static func isTemporaryName(_ name: String) -> Bool {
        name.hasPrefix(".") || !name.hasSuffix("." + fileExtension)
    }
}

/// The keys of one bundle, derived from the school's enrollment secret (Protocol/bundle.md, "Encryption").
enum BundleKeys {
    /// The HMAC key: the secret itself in version 1; derived with HKDF-SHA256 (RFC 5869) in version 2.
    static func authenticator(secret: [UInt8], version: UInt16) -> [UInt8] {
        version >= 2 ? HKDF.deriveKey(ikm: secret, salt: [], info: Array("mentorsync bundle authenticator v2".utf8), length: 32) : secret
    }

    /// The ChaCha20-Poly1305 key of one bundle's body: a different key for every bundle id.
    static func body(secret: [UInt8], bundleID: [UInt8]) -> [UInt8] {
        HKDF.deriveKey(ikm: secret, salt: bundleID, info: Array("mentorsync bundle body v2".utf8), length: 32)
    }
}

/// Raised internally when a record runs past the bytes decoded so far.
struct NeedMoreBytes: Error { let what: String }

/// Canonical lowercase UUID text (8-4-4-4-12 hex digits) packed into 16 bytes, and back.
/// Ids are most of what cannot be compressed in a bundle; packing saves about a fifth of it.
enum PackedUUID {
    static func pack(_ s: String) -> [UInt8]? {
        guard let words = words(s) else { return nil }
        var out = ByteWriter(capacity: 16)
        out.uuid(words)
        return out.bytes
    }

    /// The UUID's 16 bytes as two big-endian words, or nil when `s` is not 36 lowercase hex
    /// digits with dashes at 8, 13, 18 and 23. Made without an array: a row id is packed for
    /// every row an export writes.
    static func words(_ s: String) -> (UInt64, UInt64)? {
        guard s.utf8.count == 36 else { return nil }
        var s = s
        return s.withUTF8 { u -> (UInt64, UInt64)? in
            guard u[8] == 0x2d, u[13] == 0x2d, u[18] == 0x2d, u[23] == 0x2d else { return nil }
            var words: (UInt64, UInt64) = (0, 0)
            var invalid: UInt8 = 0
            var k = 0
            for i in 0..<36 where i != 8 && i != 13 && i != 18 && i != 23 {
                let n = nibble(u[i])
                invalid |= n
                if k < 16 { words.0 = words.0 << 4 | UInt64(n & 0xf) } else { words.1 = words.1 << 4 | UInt64(n & 0xf) }
                k += 1
            }
            return invalid & 0x10 == 0 ? words : nil
        }
    }

    /// A lowercase hex digit's value; 0x10 for any other byte.
    @inline(__always)
    private static func nibble(_ c: UInt8) -> UInt8 {
        switch c {
        case 0x30...0x39: return c &- 0x30
        case 0x61...0x66: return c &- 0x61 &+ 10
        default: return 0x10
        }
    }

    static func unpack<C: Collection>(_ b: C) -> String where C.Element == UInt8 {
        let digits = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(36)
        for (i, byte) in b.enumerated() {
            if i == 4 || i == 6 || i == 8 || i == 10 { out.append(0x2d) }
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension ByteWriter {
    mutating func value(_ v: DatabaseValue) {
        switch v {
        case .null: u8(BundleLayout.ValueTag.null.rawValue)
        case .integer(let i): u8(BundleLayout.ValueTag.integer.rawValue); zigzag(i)
        case .real(let d): u8(BundleLayout.ValueTag.real.rawValue); real(d)
        case .text(let s): rowID(s)
        case .blob(let b): u8(BundleLayout.ValueTag.blob.rawValue); lengthPrefixed(b)
        }
    }

    /// A UUID's 16 bytes (`PackedUUID.words`).
    mutating func uuid(_ words: (UInt64, UInt64)) {
        withUnsafeBytes(of: words.0.bigEndian) { bytes.append(contentsOf: $0) }
        withUnsafeBytes(of: words.1.bigEndian) { bytes.append(contentsOf: $0) }
    }

    /// A row id, or any text: a packed UUID (tag 5) when it is one, otherwise text (tag 3).
    mutating func rowID(_ s: String) {
        if let words = PackedUUID.words(s) {
            u8(BundleLayout.ValueTag.uuid.rawValue)
            uuid(words)
        } else {
            u8(BundleLayout.ValueTag.text.rawValue); string(s)
        }
    }
}

extension ByteReader {
    mutating func value(_ what: @autoclosure () -> String) throws -> DatabaseValue {
        let tag = try u8("\(what()) type")
        switch BundleLayout.ValueTag(rawValue: tag) {
        case .null: return .null
        case .integer: return .integer(try zigzag(what()))
        case .real:
            let d = try real(what())
            guard d.isFinite else { throw BundleError.malformed("\(what()) is not a finite number") }
            return .real(d)
        case .text: return .text(try string(what(), limit: BundleLimits.maxValueBytes))
        case .blob: return .blob(try lengthPrefixed(what(), limit: BundleLimits.maxValueBytes))
        case .uuid: return .text(PackedUUID.unpack(try raw(16, what())))
        case nil: throw BundleError.malformed("\(what()) has unknown type tag \(tag)")
        }
    }

    mutating func rowID(_ what: @autoclosure () -> String) throws -> String {
        let tag = try u8("\(what()) type")
        switch BundleLayout.ValueTag(rawValue: tag) {
        case .uuid: return PackedUUID.unpack(try raw(16, what()))
        case .text:
            let s = try string(what(), limit: BundleLimits.maxRowIDBytes)
            guard PackedUUID.pack(s) == nil else { throw BundleError.malformed("\(what()) is a UUID written as text") }
            return s
        default: throw BundleError.malformed("\(what()) has type tag \(tag), not text or uuid")
        }
    }
}
