/// Bounds on everything a bundle may declare, so a hostile file cannot exhaust memory or time.
/// The format's bounds are constants; the decompressed body size is a value each reader is given
/// (`.standard` unless a caller, such as a test building a zip bomb in seconds, lowers it).
public struct BundleLimits: Sendable, Equatable {
    public static let maxHeaderBytes = 1 << 20
    public static let maxSites = 100_000
    public static let maxTables = 256
    public static let maxColumns = 62            // column bits fit a 64-bit mask with the existence bit
    public static let maxRows = 50_000_000
    public static let maxValueBytes = 16 << 20
    public static let maxNameBytes = 256
    /// Lamport counters, sequences and version-vector entries. Far above any real use (a site
    /// writing a million rows a day for ten thousand years stays below 2^42) and far below
    /// Int64.max, so no arithmetic on a counter can overflow and a hostile bundle cannot push a
    /// site's counter to the end of its range.
    public static let maxCounter: Int64 = 1 << 53
    /// How far above the receiver's own counter a bundle's counters may lie (stamps, version
    /// vectors, knowledge, acknowledgement). Ten years of a million writes a day stay below 2³²,
    /// and it takes two million bundles to walk a clock from 0 to 2⁵³ in such steps.
    public static let maxCounterReach: Int64 = 1 << 32
    public static let maxRowIDBytes = 256
    /// Decompressed body size; a larger body is treated as a zip bomb.
    public var maxBodyBytes: Int

    public init(maxBodyBytes: Int = 4 << 30) { self.maxBodyBytes = maxBodyBytes }

    /// The largest file a bundle can be: the prefix and header, the body compressed (deflate's stored
    /// blocks add 5 bytes a 64 KiB block to what does not compress), the body's tag and the trailer.
    /// A larger file is no bundle, and is not read (a sparse file of a terabyte planted on a stick
    /// took a quarter of an hour to read, and a district's copy of it filled its disk).
    public var maxFileBytes: Int { maxBodyBytes + maxBodyBytes / 8192 + BundleLimits.maxHeaderBytes + 4096 }

    public static let standard = BundleLimits()
}
