import Foundation

/// Reads a bundle file as a stream, after checking its integrity and its authenticator.
/// Records are decoded on demand (`next()`), so memory stays flat whatever the bundle's size.
/// The authenticator is checked twice: before any record is handed out, and again over the
/// bytes actually decoded, so a file changed in between is still caught before a merge commits.
public final class BundleReader {
    public let url: URL
    public let header: BundleHeader
    public let fileSize: Int
    /// Column names of each declared table, for cell positions 1…n.
    public private(set) var tableColumns: [String: [String]] = [:]
    /// Names of the declared tables, in declaration order.
    public private(set) var tableOrder: [String] = []
    private var sites: [SiteID] = []
    private let file: FileHandle
    private let bodyStart: Int
    private let bodyEnd: Int
    private var filePosition: Int
    private let inflater: InflateStream
    private let limits: BundleLimits
    private var mac: HMACSHA256
    /// Decrypts the body of a version 2 bundle; nil for version 1.
    private let opener: ChaChaPolyOpener?
    public let formatVersion: UInt16
    /// Where the compressed (and, in version 2, encrypted) body ends.
    private let cipherEnd: Int
    private let expectedTag: [UInt8]
    private var buffer: [UInt8] = []
    private var position = 0
    private var rowsRead = 0, tombstonesRead = 0, conflictsRead = 0
    private var ended = false

    /// Reads the header only, without checking anything else: enough to name the sender and pick the key.
    public static func peekHeader(at url: URL) throws -> (header: BundleHeader, headerEnd: Int, fileSize: Int, version: UInt16) {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw BundleError.io("cannot open \(url.lastPathComponent)")
        }
        defer { try? handle.close() }
        let size = Int((try? handle.seekToEnd()) ?? 0)
        try handle.seek(toOffset: 0)
        let prefix = [UInt8](try handle.read(upToCount: BundleLayout.prefixSize) ?? Data())
        guard prefix.count == BundleLayout.prefixSize, Array(prefix[0..<8]) == BundleLayout.magic else {
            throw BundleError.notABundle("\(url.lastPathComponent) does not start with the bundle signature")
        }
        var r = ByteReader(prefix, offset: 8)
        let version = try r.u16("format version")
        guard BundleLayout.readableVersions.contains(version) else {
            if version > BundleLayout.formatVersion { throw BundleError.unsupportedFormat(Int(version)) }
            throw BundleError.malformed("format version \(version) is not defined")
        }
        let headerLength = Int(try r.u32("header length"))
        guard headerLength <= BundleLimits.maxHeaderBytes else {
            throw BundleError.limitExceeded("header of \(headerLength) bytes, more than the limit of \(BundleLimits.maxHeaderBytes)")
        }
        guard BundleLayout.prefixSize + headerLength + BundleLayout.trailerSize <= size else {
            throw BundleError.damaged("file is shorter than its header says")
        }
        let headerBytes = [UInt8](try handle.read(upToCount: headerLength) ?? Data())
        guard headerBytes.count == headerLength else { throw BundleError.damaged("header is cut short") }
        let header = try BundleHeader.decode(headerBytes)
        if version >= 2, header.cipherNonce == nil { throw BundleError.malformed("a version \(version) bundle has no cipher nonce") }
        if version < 2, header.cipherNonce != nil { throw BundleError.malformed("a version \(version) bundle carries a cipher nonce, which only version 2 has") }
        return (header, BundleLayout.prefixSize + headerLength, size, version)
    }

    /// Checks that the file is whole (signature, header, end marker, CRC-32) without a key:
    /// enough to tell a file still being copied from a finished one.
    public static func checkIntegrity(at url: URL) throws {
        _ = try peekHeader(at: url)
        try verify(at: url, key: nil)
    }

    /// Checks the CRC-32 and, with a key, the HMAC over the whole file in one streaming pass.
    public static func verify(at url: URL, key: [UInt8]?) throws {
        guard let handle = FileHandle(forReadingAtPath: url.path) else {
            throw BundleError.io("cannot open \(url.lastPathComponent)")
        }
        defer { try? handle.close() }
        let size = Int(try handle.seekToEnd())
        guard size >= BundleLayout.prefixSize + BundleLayout.trailerSize else { throw BundleError.damaged("file is too short") }
        try handle.seek(toOffset: 8)
        let versionBytes = [UInt8](try handle.read(upToCount: 2) ?? Data())
        let version = versionBytes.count == 2 ? UInt16(versionBytes[0]) << 8 | UInt16(versionBytes[1]) : 0
        try handle.seek(toOffset: 0)
        var mac = HMACSHA256(key: BundleKeys.authenticator(secret: key ?? [], version: version))
        var crc: UInt32 = 0
        var offset = 0
        let crcEnd = size - 36, macEnd = size - 32
        while offset < macEnd {
            let want = min(1 << 20, macEnd - offset)
            guard let chunk = try handle.read(upToCount: want), !chunk.isEmpty else { throw BundleError.damaged("file ended while reading") }
            chunk.withUnsafeBytes { buf in
                mac.update(buf)
                let crcPart = max(0, min(buf.count, crcEnd - offset))
                if crcPart > 0 { crc = zlibCRC32(crc, UnsafeRawBufferPointer(rebasing: buf[0..<crcPart])) }
            }
            offset += chunk.count
        }
        try handle.seek(toOffset: UInt64(size - BundleLayout.trailerSize))
        let trailer = [UInt8](try handle.read(upToCount: BundleLayout.trailerSize) ?? Data())
        guard trailer.count == BundleLayout.trailerSize, Array(trailer[0..<4]) == BundleLayout.trailerMagic else {
            throw BundleError.damaged("the end marker is missing")
        }
        var r = ByteReader(trailer, offset: 4)
        guard try r.u32("crc") == crc else { throw BundleError.damaged("checksum mismatch") }
        let tag = Array(trailer[8..<40])
        guard let _ = key else { return }
        guard constantTimeEquals(tag, mac.finalize()) else {
            throw BundleError.badSignature(sender: (try? peekHeader(at: url).header.sender.rawValue) ?? "the sender")
        }
    }

    /// Opens a bundle: reads the header, asks `keyFor` for the sender's key (it throws to refuse
    /// an unknown sender), then verifies the whole file before any record is read.
    public init(url: URL, keyFor: (BundleHeader) throws -> [UInt8], limits: BundleLimits = .standard) throws {
        let peeked = try BundleReader.peekHeader(at: url)
        let key = try keyFor(peeked.header)
        try BundleReader.verify(at: url, key: key)
        guard let handle = FileHandle(forReadingAtPath: url.path) else { throw BundleError.io("cannot open \(url.lastPathComponent)") }
        self.url = url
        self.header = peeked.header
        self.fileSize = peeked.fileSize
        self.file = handle
        self.bodyStart = peeked.headerEnd
        self.bodyEnd = peeked.fileSize - BundleLayout.trailerSize
        self.formatVersion = peeked.version
        self.cipherEnd = bodyEnd - (peeked.version >= 2 ? BundleLayout.bodyTagSize : 0)
        guard cipherEnd >= bodyStart else { throw BundleError.damaged("file is too short for its body") }
        self.inflater = try InflateStream()
        self.limits = limits
        self.mac = HMACSHA256(key: BundleKeys.authenticator(secret: key, version: peeked.version))
        // Re-hash the prefix and header as we read them again.
        try handle.seek(toOffset: 0)
        let head = [UInt8](try handle.read(upToCount: bodyStart) ?? Data())
        // The header in use must be the one the authenticator covers: decode the bytes hashed now.
        guard head.count == bodyStart,
              (try? BundleHeader.decode(Array(head[BundleLayout.prefixSize...]))) == peeked.header else {
            throw BundleError.damaged("file changed while reading")
        }
        mac.update(head)
        if peeked.version >= 2, let nonce = peeked.header.cipherNonce {
            self.opener = try ChaChaPolyOpener(key: BundleKeys.body(secret: key, bundleID: peeked.header.bundleID), nonce: nonce, aad: head)
        } else {
            self.opener = nil
        }
        try handle.seek(toOffset: UInt64(bodyEnd + 8))
        self.expectedTag = [UInt8](try handle.read(upToCount: 32) ?? Data())
        try handle.seek(toOffset: UInt64(bodyStart))
        self.filePosition = bodyStart
    }

    deinit { try? file.close() }

    /// Decodes at least `minimum` more bytes into the buffer, or fewer if the stream ends.
    private func refill(minimum: Int) throws {
        if position > 0 && position >= buffer.count / 2 {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        let target = buffer.count + minimum
        while buffer.count < target && !inflater.isFinished {
            guard filePosition < cipherEnd else { throw BundleError.damaged("compressed body ends early") }
            let want = min(64 * 1024, cipherEnd - filePosition)
            guard let read = try file.read(upToCount: want), !read.isEmpty else { throw BundleError.damaged("file ended while reading the body") }
            let bytes = [UInt8](read)
            mac.update(bytes)
            // In version 2 the plaintext is released before the body's tag is checked at the end;
            // the whole file's authenticator was checked before, and a merge is rolled back on any error.
            let chunk = opener?.update(bytes) ?? bytes
            let consumed = try chunk.withUnsafeBytes { input in
                try inflater.decompress(input, limit: limits.maxBodyBytes) { buffer.append(contentsOf: $0) }
            }
            filePosition += chunk.count
            if consumed < chunk.count || (inflater.isFinished && filePosition < cipherEnd) {
                throw BundleError.malformed("bytes follow the end of the compressed body")
            }
        }
    }

    /// The next record, or nil after the end record (whose counts are checked against the header).
    public func next() throws -> BundleRecord? {
        if ended { return nil }
        var want = 256
        while true {
            do {
                // The reader is scoped to this block, so it no longer shares the buffer's storage
                // when `refill` appends to it (which would copy the whole buffer).
                var r = ByteReader(buffer, offset: position)
                while true {
                    let decoded = try decodeRecord(&r)
                    position = r.offset  // each whole record, declarations included, is consumed once
                    switch decoded {
                    case .declaration: continue
                    case .record(let record): return record
                    case .end: try finishChecks(); return nil
                    }
                }
            } catch let e as NeedMoreBytes {
                if inflater.isFinished {
                    throw BundleError.malformed("body ends in the middle of \(e.what)")
                }
                do { try refill(minimum: want) } catch let c as CompressionError {
                    throw BundleReader.translate(c)
                }
                want = min(want * 2, 64 << 20)
            }
        }
    }

    static func translate(_ e: CompressionError) -> BundleError {
        switch e {
        case .outputLimitExceeded(let limit):
            return .limitExceeded("body decompresses to more than \(limit) bytes")
        case .corrupt(let why): return .damaged("compressed body is corrupt: \(why)")
        case .initFailed(let code): return .io("zlib could not start (\(code))")
        }
    }

    private func finishChecks() throws {
        guard rowsRead == header.rowCount, tombstonesRead == header.tombstoneCount, conflictsRead == header.conflictCount else {
            throw BundleError.malformed("body holds \(rowsRead) rows and \(conflictsRead) conflicts, the header says \(header.rowCount) and \(header.conflictCount)")
        }
        // Drain the compressed stream to its end and check the authenticator over what was decoded.
        while !inflater.isFinished {
            do { try refill(minimum: 1) } catch let c as CompressionError { throw BundleReader.translate(c) }
            guard position == buffer.count else { throw BundleError.malformed("bytes follow the end record") }
        }
        guard position == buffer.count else { throw BundleError.malformed("bytes follow the end record") }
        guard filePosition == cipherEnd else { throw BundleError.malformed("bytes follow the end of the compressed body") }
        if let opener {
            let tag = [UInt8](try file.read(upToCount: BundleLayout.bodyTagSize) ?? Data())
            mac.update(tag)
            do { try opener.finish(expectedTag: tag) } catch {
                throw BundleError.badSignature(sender: header.sender.rawValue)
            }
        }
        let tail = [UInt8](try file.read(upToCount: 8) ?? Data())
        mac.update(tail)
        guard constantTimeEquals(mac.finalize(), expectedTag) else {
            throw BundleError.badSignature(sender: header.sender.rawValue)
        }
    }

    private enum Decoded { case declaration, record(BundleRecord), end }

    /// Decodes one record of the body.
    private func decodeRecord(_ r: inout ByteReader) throws -> Decoded {
            let type = try r.u8("record type")
            switch BundleLayout.RecordType(rawValue: type) {
            case .site:
                let index = try r.count("site index", limit: BundleLimits.maxSites)
                let raw = try r.string("site id", limit: 64)
                guard index == sites.count else { throw BundleError.malformed("site \(index) declared out of order") }
                guard let site = SiteID(raw) else { throw BundleError.malformed("site id '\(raw.prefix(64))' is not valid") }
                sites.append(site)
                return .declaration
            case .table:
                let index = try r.count("table index", limit: BundleLimits.maxTables)
                let name = try r.string("table name", limit: BundleLimits.maxNameBytes)
                let n = try r.count("column count", limit: BundleLimits.maxColumns)
                var columns: [String] = []
                for _ in 0..<n { columns.append(try r.string("column name", limit: BundleLimits.maxNameBytes)) }
                guard index == tableOrder.count else { throw BundleError.malformed("table \(index) declared out of order") }
                guard tableColumns[name] == nil else { throw BundleError.malformed("table \(name) declared twice") }
                tableOrder.append(name)
                tableColumns[name] = columns
                return .declaration
            case .row:
                let row = try decodeRow(&r)
                rowsRead += 1
                if row.isTombstone { tombstonesRead += 1 }
                guard rowsRead <= header.rowCount else { throw BundleError.malformed("body holds more rows than the header's \(header.rowCount)") }
                return .record(.row(row))
            case .conflict:
                let c = try decodeConflict(&r)
                conflictsRead += 1
                guard conflictsRead <= header.conflictCount else { throw BundleError.malformed("body holds more conflicts than the header's \(header.conflictCount)") }
                return .record(.conflict(c))
            case .end:
                let rows = try r.count("end row count", limit: BundleLimits.maxRows)
                let tombs = try r.count("end tombstone count", limit: BundleLimits.maxRows)
                let conflicts = try r.count("end conflict count", limit: BundleLimits.maxRows)
                guard rows == rowsRead, tombs == tombstonesRead, conflicts == conflictsRead else {
                    throw BundleError.malformed("end record counts do not match the body")
                }
                ended = true
                return .end
            case nil:
                throw BundleError.malformed("unknown record type \(type)")
            }
    }

    private func site(_ r: inout ByteReader, _ what: String) throws -> SiteID {
        let i = try r.count(what, limit: BundleLimits.maxSites)
        guard i < sites.count else { throw BundleError.malformed("\(what) \(i) was never declared") }
        return sites[i]
    }

    private func decodeRow(_ r: inout ByteReader) throws -> RowChange {
        let t = try r.count("row table", limit: BundleLimits.maxTables)
        guard t < tableOrder.count else { throw BundleError.malformed("row names table \(t), which was never declared") }
        let table = tableOrder[t]
        let columnCount = tableColumns[table]!.count
        let id = try r.rowID("row id")
        let org = try r.string("row org_id", limit: 64)
        let n = try r.count("version vector size", limit: BundleLimits.maxSites)
        var vv = VersionVector()
        for _ in 0..<n {
            let s = try site(&r, "version vector site")
            vv.advance(s, to: try r.counter("version vector counter"))
        }
        let present = try r.varint("cell mask")
        var cells: [CellChange] = []
        if present != 0 {
            guard present >> UInt64(columnCount + 1) == 0 else {
                throw BundleError.malformed("row \(id.prefix(40)) sends cell positions beyond the \(columnCount) columns of \(table)")
            }
            func stamp(_ what: String) throws -> Stamp {
                let s = try site(&r, "\(what) site")
                let below = try r.counter(what)
                let counter = vv[s] - below
                guard counter >= 1 else { throw BundleError.malformed("\(what) of row \(id.prefix(40)) lies below its version") }
                return Stamp(counter: counter, site: s)
            }
            let common = try stamp("row stamp")
            let own = try r.varint("own-stamp mask")
            guard own & ~present == 0 else { throw BundleError.malformed("row \(id.prefix(40)) has stamps for cells it does not send") }
            cells.reserveCapacity(present.nonzeroBitCount)
            for pos in 0...columnCount where present & (1 << UInt64(pos)) != 0 {
                let cellStamp = own & (1 << UInt64(pos)) != 0 ? try stamp("cell stamp") : common
                let value = try r.value("cell value")
                if pos == 0, value != .integer(0) && value != .integer(1) {
                    throw BundleError.malformed("existence of row \(id.prefix(40)) is neither 0 nor 1")
                }
                cells.append(CellChange(position: pos, stamp: cellStamp, value: value))
            }
        }
        return RowChange(table: table, id: id, orgID: org, version: vv, cells: cells)
    }

    private func decodeConflict(_ r: inout ByteReader) throws -> ConflictRecord {
        let table = try r.string("conflict table", limit: BundleLimits.maxNameBytes)
        let row = try r.string("conflict row", limit: BundleLimits.maxRowIDBytes)
        let column = try r.string("conflict column", limit: BundleLimits.maxNameBytes)
        let wv = try r.value("conflict value")
        let wc = try r.counter("conflict stamp")
        let ws = try site(&r, "conflict site")
        let lv = try r.value("conflict value")
        let lc = try r.counter("conflict stamp")
        let ls = try site(&r, "conflict site")
        let ds = try site(&r, "conflict detector")
        let dc = try r.counter("conflict detection counter")
        let at = try r.zigzag("conflict time")
        return ConflictRecord(table: table, rowID: row, column: column, winnerValue: wv, winnerStamp: Stamp(counter: wc, site: ws),
                              loserValue: lv, loserStamp: Stamp(counter: lc, site: ls), detectedBy: ds, detectedCounter: dc, detectedAt: at)
    }
}
