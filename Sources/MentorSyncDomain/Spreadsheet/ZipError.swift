/// Why a ZIP archive (an `.xlsx` workbook is one) could not be read. Each case is the second half
/// of a sentence that starts with the file's name; `XLSXError` adds what to do.
public enum ZipError: Error, Equatable, CustomStringConvertible {
    /// The bytes do not end with a ZIP directory: not a ZIP file at all, or cut short.
    case notZip
    /// The archive's structure is broken (offsets or lengths point outside the file).
    case damaged(Message)
    /// A feature this reader does not take: encryption, ZIP64, a compression other than deflate.
    case unsupported(Message)
    /// A bound that keeps a hostile archive (a zip bomb) from filling memory was reached.
    case overLimit(Message)
    /// An entry's bytes do not match the CRC-32 its directory gives.
    case checksumMismatch(entry: String)

    /// The reason, in both languages.
    public var message: Message {
        switch self {
        case .notZip: return .zipNotZip
        case .damaged(let why): return .zipDamaged(why)
        case .unsupported(let what): return .zipUnsupported(what)
        case .overLimit(let why): return .zipOverLimit(why)
        case .checksumMismatch(let entry): return .zipChecksum(entry)
        }
    }

    public var description: String { message.text() }
}

/// Bounds on what one archive may unpack to. A workbook of a school's lists is a few hundred
/// kilobytes; these leave room for very large lists and refuse what could only be an attack.
public struct ZipLimits: Sendable, Equatable {
    /// Bytes of the archive file itself.
    public var archiveBytes = 64 << 20
    /// Entries in its directory.
    public var entries = 10_000
    /// Unpacked bytes of one entry.
    public var entryBytes = 128 << 20
    /// Unpacked bytes of all entries read from one archive.
    public var totalBytes = 256 << 20
    /// Unpacked bytes per packed byte, checked for entries larger than `ratioFloor`. Deflate
    /// reaches about 1030:1 at most; real spreadsheet XML packs 5–30:1.
    public var ratio = 200
    public var ratioFloor = 1 << 20

    public init() {}
    public static let standard = ZipLimits()
}
