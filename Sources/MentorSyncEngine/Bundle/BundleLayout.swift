/// Fixed parts of a bundle file (Protocol/bundle.md, "File layout").
public enum BundleLayout {
    /// "MSYNC", CR LF, SUB: damage by text-mode transfers shows at once.
    public static let magic: [UInt8] = [0x4D, 0x53, 0x59, 0x4E, 0x43, 0x0D, 0x0A, 0x1A]
    public static let trailerMagic: [UInt8] = Array("MEND".utf8)
    public static let formatVersion: UInt16 = 1
    public static let prefixSize = 14          // magic 8, version 2, header length 4
    public static let trailerSize = 40         // "MEND" 4, CRC-32 4, HMAC-SHA256 32
    public static let fileExtension = "msync"

    /// Body record types.
    enum RecordType: UInt8 { case end = 0, site = 1, table = 2, row = 3, conflict = 4 }

    /// Value type tags.
    enum ValueTag: UInt8 { case null = 0, integer = 1, real = 2, text = 3, blob = 4 }

    /// True for names writers use while a file is still being written; readers skip them.
    public static func isTemporaryName(_ name: String) -> Bool {
        name.hasPrefix(".") || !name.hasSuffix("." + fileExtension)
    }
}

/// Raised internally when a record runs past the bytes decoded so far.
struct NeedMoreBytes: Error { let what: String }

extension ByteWriter {
    mutating func value(_ v: DatabaseValue) {
        switch v {
        case .null: u8(BundleLayout.ValueTag.null.rawValue)
        case .integer(let i): u8(BundleLayout.ValueTag.integer.rawValue); zigzag(i)
        case .real(let d): u8(BundleLayout.ValueTag.real.rawValue); real(d)
        case .text(let s): u8(BundleLayout.ValueTag.text.rawValue); string(s)
        case .blob(let b): u8(BundleLayout.ValueTag.blob.rawValue); lengthPrefixed(b)
        }
    }
}

extension ByteReader {
    mutating func value(_ what: String) throws -> DatabaseValue {
        let tag = try u8("\(what) type")
        switch BundleLayout.ValueTag(rawValue: tag) {
        case .null: return .null
        case .integer: return .integer(try zigzag(what))
        case .real:
            let d = try real(what)
            guard d.isFinite else { throw BundleError.malformed("\(what) is not a finite number") }
            return .real(d)
        case .text: return .text(try string(what, limit: BundleLimits.maxValueBytes))
        case .blob: return .blob(try lengthPrefixed(what, limit: BundleLimits.maxValueBytes))
        case nil: throw BundleError.malformed("\(what) has unknown type tag \(tag)")
        }
    }
}
