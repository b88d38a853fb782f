import Foundation

/// Writes one bundle file as a stream: records are compressed as they come, so a bundle of a
/// million changes never sits in memory. The file appears under its final name only when it is
/// complete and flushed (tmp → fsync → rename).
public final class BundleWriter {
    public let header: BundleHeader
    /// Where the file is written; written by its header's name into a folder, `finish` may choose a
    /// free name beside it (`freeName`). A path given whole is written as given.
    public private(set) var url: URL
    private var keepsOtherBundles = false
    public let formatVersion: UInt16
    private let body: BundleBodyStream
    private var pending = ByteWriter(capacity: BundleWriter.chunkCapacity)
    private var siteIndex: [SiteID: Int] = [:]
    private var tableIndex: [String: Int] = [:]
    /// The last table and site looked up: rows come table by table, their stamps mostly by one site.
    private var lastTable: (name: String, index: Int)?
    private var lastSite: (site: SiteID, index: Int)?
    private(set) public var rowsWritten = 0
    private(set) public var tombstonesWritten = 0
    private(set) public var conflictsWritten = 0
    /// Bytes of the file; final once `finish` returned.
    public var bytesWritten: Int { body.bytesWritten }
    private(set) public var bodyBytes = 0
    private var finished = false
    /// Encoded records are handed to the body stream in chunks of about this size.
    static let chunkSize = 64 * 1024
    static let chunkCapacity = 80 * 1024
    var temporaryURL: URL { body.temporaryURL }

    /// Opens `directory/<header.fileName>` for writing (under a temporary name until `finish`).
    public convenience init(directory: URL, header: BundleHeader, key: [UInt8], compressionLevel: Int32 = 6,
                            formatVersion: UInt16 = BundleLayout.formatVersion) throws {
        try self.init(url: directory.appendingPathComponent(header.fileName), header: header, key: key,
                      compressionLevel: compressionLevel, formatVersion: formatVersion)
        keepsOtherBundles = true
    }

    /// `key` is the school's enrollment secret. Version 2 (the default) encrypts the body with
    /// ChaCha20-Poly1305 under a key derived for this bundle, with the prefix and header as
    /// associated data; version 1 writes it in the clear (kept for tests and old readers).
    public init(url: URL, header: BundleHeader, key: [UInt8], compressionLevel: Int32 = 6,
                formatVersion: UInt16 = BundleLayout.formatVersion) throws {
        guard BundleLayout.readableVersions.contains(formatVersion) else { throw BundleError.unsupportedFormat(Int(formatVersion)) }
        var header = header
        if formatVersion >= 2 {
            if header.cipherNonce == nil {
                header.cipherNonce = RandomBytes.make(BundleLayout.nonceSize)
            }
        } else {
            header.cipherNonce = nil
        }
        self.header = header
        self.formatVersion = formatVersion
        self.url = url
        let (temporaryURL, file) = try DurableFile.createTemporary(for: url)
        let deflater: DeflateStream
        do { deflater = try DeflateStream(level: compressionLevel) } catch {
            try? file.close(); try? FileManager.default.removeItem(at: temporaryURL); throw error
        }
        let mac = HMACSHA256(key: BundleKeys.authenticator(secret: key, version: formatVersion))
        let headerBytes = header.encoded()
        var prefix = ByteWriter()
        prefix.raw(BundleLayout.magic)
        prefix.u16(formatVersion)
        prefix.u32(UInt32(headerBytes.count))
        prefix.raw(headerBytes)
        var sealer: ChaChaPolySealer?
        if formatVersion >= 2, let nonce = header.cipherNonce {
            do { sealer = try ChaChaPolySealer(key: BundleKeys.body(secret: key, bundleID: header.bundleID), nonce: nonce, aad: prefix.bytes) } catch {
                try? file.close(); try? FileManager.default.removeItem(at: temporaryURL); throw error
            }
        }
        self.body = BundleBodyStream(temporaryURL: temporaryURL, file: file, deflater: deflater, mac: mac, sealer: sealer)
        do { try body.emit(prefix.bytes) } catch { abandon(); throw error }
    }

    deinit { if !finished { abandon() } }

    /// Hands the encoded records to the body stream once a chunk is full.
    private func flushPending() throws {
        guard pending.bytes.count >= BundleWriter.chunkSize else { return }
        bodyBytes += pending.bytes.count
        let chunk = pending.bytes
        pending = ByteWriter(capacity: BundleWriter.chunkCapacity)
        try body.submit(chunk)
    }

    private func site(_ s: SiteID) -> Int {
        if let last = lastSite, last.site == s { return last.index }
        if let i = siteIndex[s] { lastSite = (s, i); return i }
        let i = siteIndex.count
        siteIndex[s] = i
        pending.u8(BundleLayout.RecordType.site.rawValue)
        pending.varint(i)
        pending.string(s.rawValue)
        return i
    }

    /// Declares a table and the names of its cell positions 1…n (position 0 is the row's existence).
    public func declareTable(_ name: String, columns: [String]) throws {
        guard tableIndex[name] == nil else { return }
        let i = tableIndex.count
        tableIndex[name] = i
        pending.u8(BundleLayout.RecordType.table.rawValue)
        pending.varint(i)
        pending.string(name)
        pending.varint(columns.count)
        for c in columns { pending.string(c) }
    }

    public func append(_ record: BundleRecord) throws {
        switch record {
        case .row(let row): try append(row)
        case .conflict(let c): try append(c)
        }
    }

    public func append(_ row: RowChange) throws {
        let t: Int
        if let last = lastTable, last.name == row.table { t = last.index } else {
            guard let i = tableIndex[row.table] else { throw BundleError.io("table \(row.table) was not declared before its rows") }
            t = i
            lastTable = (row.table, i)
        }
        for c in row.cells where c.stamp.counter < 1 || c.stamp.counter > row.version[c.stamp.site] {
            throw BundleError.io("row \(row.table)/\(row.id) has a cell stamp \(c.stamp) outside its version \(row.version)")
        }
        let entries = row.version.sortedEntries
        let siteNumbers = entries.map { site($0.site) }
        // Most cells of a row share one stamp (an insert writes them all at once): it is written
        // once, and only the cells with another stamp carry their own.
        let common = BundleWriter.commonStamp(of: row.cells)
        let commonSite = common.map { site($0.site) }
        var present: UInt64 = 0, own: UInt64 = 0
        var inOrder = true
        for (i, c) in row.cells.enumerated() {
            present |= 1 << UInt64(c.position)
            if c.stamp != common { own |= 1 << UInt64(c.position) }
            if i > 0 && row.cells[i - 1].position >= c.position { inOrder = false }
        }
        // Written into a local writer (the buffer moved out and back, not copied): a property of
        // a class is checked for exclusive access at each write, some thirty of them a row.
        // Every site the row names is numbered above, so nothing else writes meanwhile.
        var w = ByteWriter()
        swap(&w, &pending)
        do {
            defer { swap(&w, &pending) }
            w.u8(BundleLayout.RecordType.row.rawValue)
            w.varint(t)
            w.rowID(row.id)
            w.string(row.orgID)
            w.varint(entries.count)
            for (e, n) in zip(entries, siteNumbers) { w.varint(n); w.counter(e.counter) }
            w.varint(present)
            if let common, let commonSite {
                // Stamps are written as how far they are below the row's version for their site (usually 0).
                w.varint(commonSite)
                w.counter(row.version[common.site] - common.counter)
                w.varint(own)
                // Cells come in position order from an export; others are put in order here.
                for cell in inOrder ? row.cells : row.cells.sorted(by: { $0.position < $1.position }) {
                    if cell.stamp != common {
                        // A cell's site is in the row's version (checked above).
                        w.varint(siteNumbers[entries.firstIndex { $0.site == cell.stamp.site }!])
                        w.counter(row.version[cell.stamp.site] - cell.stamp.counter)
                    }
                    w.value(cell.value)
                }
            }
        }
        rowsWritten += 1
        if row.isTombstone { tombstonesWritten += 1 }
        try flushPending()
    }

    /// The stamp most cells carry (the greatest of equally frequent ones). A row has a few
    /// distinct stamps, so they are counted in a short list rather than a dictionary.
    static func commonStamp(of cells: [CellChange]) -> Stamp? {
        var counts: [(stamp: Stamp, count: Int)] = []
        counts.reserveCapacity(4)
        for c in cells {
            if let i = counts.firstIndex(where: { $0.stamp == c.stamp }) { counts[i].count += 1 } else { counts.append((c.stamp, 1)) }
        }
        return counts.max { $0.count != $1.count ? $0.count < $1.count : $0.stamp < $1.stamp }?.stamp
    }

    public func append(_ c: ConflictRecord) throws {
        let ws = site(c.winnerStamp.site), ls = site(c.loserStamp.site), ds = site(c.detectedBy)
        pending.u8(BundleLayout.RecordType.conflict.rawValue)
        pending.string(c.table)
        pending.string(c.rowID)
        pending.string(c.column)
        pending.value(c.winnerValue); pending.counter(c.winnerStamp.counter); pending.varint(ws)
        pending.value(c.loserValue); pending.counter(c.loserStamp.counter); pending.varint(ls)
        pending.varint(ds); pending.counter(c.detectedCounter); pending.zigzag(c.detectedAt)
        conflictsWritten += 1
        try flushPending()
    }

    /// Ends the body, writes the trailer, flushes to disk and gives the file its final name.
    @discardableResult
    public func finish() throws -> URL {
        do {
            guard rowsWritten == header.rowCount, tombstonesWritten == header.tombstoneCount,
                  conflictsWritten == header.conflictCount else {
                throw BundleError.io("bundle counts changed while writing (header says \(header.rowCount) rows, wrote \(rowsWritten)); try again")
            }
            pending.u8(BundleLayout.RecordType.end.rawValue)
            pending.varint(rowsWritten); pending.varint(tombstonesWritten); pending.varint(conflictsWritten)
            bodyBytes += pending.bytes.count
            try body.drain()
            try body.compress(pending.bytes)
            pending.reset()
            let tag = try body.finishBody(trailerMagic: BundleLayout.trailerMagic)
            do { _ = try body.close(tag: tag) } catch let full as BundleBodyStream.NoRoom { throw noRoom(total: full.total) }
            finished = true
            if keepsOtherBundles { url = BundleWriter.freeName(for: url, bundleID: header.bundleID) }
            try DurableFile.commit(temporaryURL, to: url)
            return url
        } catch {
            abandon()
            throw error
        }
    }

    /// The disk is full: the partial file is removed first, so the free space reported is real.
    private func noRoom(total: Int) -> NoRoomError {
        abandon()
        let folder = url.deletingLastPathComponent()
        return NoRoomError(folder: folder, needed: Int64(total), available: NoRoomError.freeBytes(in: folder))
    }

    /// `url`, or when another bundle is there under that name (two machines writing as one school:
    /// a copy of its home, a stolen computer) the first free `…-2.msync`, `…-3.msync`: a writer
    /// never replaces a file it did not write (Protocol/bundle.md, "File names").
    static func freeName(for url: URL, bundleID: [UInt8]) -> URL {
        func isOther(_ candidate: URL) -> Bool {
            guard FileManager.default.fileExists(atPath: candidate.path) else { return false }
            return (try? BundleReader.peekHeader(at: candidate).header.bundleID) != bundleID
        }
        guard isOther(url) else { return url }
        let folder = url.deletingLastPathComponent()
        let stem = url.deletingPathExtension().lastPathComponent, ext = url.pathExtension
        for n in 2...1000 {
            let candidate = folder.appendingPathComponent("\(stem)-\(n).\(ext)")
            if !isOther(candidate) { return candidate }
        }
        return url
    }

    /// Removes the partial file.
    public func abandon() {
        finished = true
        body.abandon()
    }
}
