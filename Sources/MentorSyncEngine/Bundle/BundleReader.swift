import Foundation

/// Reads a bundle file in one pass: the header once, then the body as a stream, while the CRC-32
/// and the authenticator are computed over the very bytes decoded (Protocol/bundle.md, "Verifying
/// a bundle"). Records are decoded on demand (`next()`), so memory stays flat whatever the size.
///
/// Records are handed out before the authenticator is checked: it is checked when the END record
/// is reached, so a caller must commit nothing before `next()` has returned nil (a merge runs in
/// one transaction, rolled back on any error). An error met before that is reported as damage or
/// forgery when the file turns out not to be whole and genuine (`failure(explaining:)`).
public final class BundleReader {
    public let url: URL
    public let header: BundleHeader
    public let fileSize: Int
    public let formatVersion: UInt16
    /// Where the body starts: the prefix and the header come before.
    public let bodyStart: Int
    /// Column names of each declared table, for cell positions 1…n.
    public internal(set) var tableColumns: [String: [String]] = [:]
    /// Names of the declared tables, in declaration order.
    public internal(set) var tableOrder: [String] = []
    var sites: [SiteID] = []
    var rowsRead = 0, tombstonesRead = 0, conflictsRead = 0

    private let fd: Int32
    /// The prefix and header, as read once: hashed, and in version 2 the body's associated data.
    private let head: [UInt8]
    /// Where the compressed (and, in version 2, encrypted) body ends.
    private let cipherEnd: Int
    /// The next byte of the file to read; every byte before it went into the CRC and the authenticator.
    private var filePosition = 0
    private var crc: UInt32 = 0
    private var mac: HMACSHA256?
    /// Decrypts the body of a version 2 bundle; nil for version 1.
    private var opener: ChaChaPolyOpener?
    private let inflater: InflateStream
    private let limits: BundleLimits
    private var buffer: [UInt8] = []
    private var position = 0
    private var stage = Stage.opened

    private enum Stage {
        case opened            // header read; no key yet
        case reading           // keyed: records may be read
        case genuine           // the whole file passed its checks
        case refused(Error)    // it failed them, or its content was refused; said again on every call
    }

    /// Opens a bundle and decodes its prefix and header; nothing is authenticated yet.
    /// Only a regular file is opened, without blocking (a FIFO named `x.msync` cannot hang a reader).
    public init(url: URL, limits: BundleLimits = .standard) throws {
        let name = url.lastPathComponent
        let fd = open(url.path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC)  // never through a link planted on a share
        guard fd >= 0 else { throw BundleError.io("cannot open \(name): \(String(cString: strerror(errno)))") }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else {
            close(fd)
            throw BundleError.notABundle("\(name) is not a regular file")
        }
        guard Int(st.st_size) <= limits.maxFileBytes else {
            close(fd)
            throw BundleError.limitExceeded("file of \(st.st_size) bytes, larger than any bundle can be (\(limits.maxFileBytes) bytes)")
        }
        self.fd = fd
        self.url = url
        self.fileSize = Int(st.st_size)
        self.limits = limits
        do {
            self.inflater = try InflateStream()
            let prefix = try BundleReader.read(fd, BundleLayout.prefixSize, name)
            guard prefix.count == BundleLayout.prefixSize, Array(prefix[0..<8]) == BundleLayout.magic else {
                throw BundleError.notABundle("\(name) does not start with the bundle signature")
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
            guard BundleLayout.prefixSize + headerLength + BundleLayout.trailerSize <= fileSize else {
                throw BundleError.damaged(.shorterThanHeader)
            }
            let headerBytes = try BundleReader.read(fd, headerLength, name)
            guard headerBytes.count == headerLength else { throw BundleError.damaged(.headerCut) }
            let header = try BundleHeader.decode(headerBytes)
            if version >= 2, header.cipherNonce == nil { throw BundleError.malformed("a version \(version) bundle has no cipher nonce") }
            if version < 2, header.cipherNonce != nil { throw BundleError.malformed("a version \(version) bundle carries a cipher nonce, which only version 2 has") }
            self.header = header
            self.formatVersion = version
            self.head = prefix + headerBytes
            self.bodyStart = head.count
            self.cipherEnd = fileSize - BundleLayout.trailerSize - (version >= 2 ? BundleLayout.bodyTagSize : 0)
            guard cipherEnd >= bodyStart else { throw BundleError.damaged(.tooShortForBody) }
        } catch {
            close(fd)
            throw error
        }
        absorb(head)
    }

    /// Opens a bundle and starts reading it with the key `keyFor` gives for its header
    /// (it throws to refuse an unknown sender).
    public convenience init(url: URL, keyFor: (BundleHeader) throws -> [UInt8], limits: BundleLimits = .standard) throws {
        try self.init(url: url, limits: limits)
        try begin(key: keyFor(header))
    }

    deinit { close(fd) }

    /// Starts authenticating with the sender's secret; records can be read after this.
    public func begin(key: [UInt8]) throws {
        guard case .opened = stage else { throw BundleError.io("\(url.lastPathComponent) is already being read") }
        var mac = HMACSHA256(key: BundleKeys.authenticator(secret: key, version: formatVersion))
        mac.update(head)
        self.mac = mac
        if formatVersion >= 2, let nonce = header.cipherNonce {
            opener = try ChaChaPolyOpener(key: BundleKeys.body(secret: key, bundleID: header.bundleID), nonce: nonce, aad: head)
        }
        stage = .reading
    }

    /// The error to report for `error`, met while reading or merging this bundle: the file's own
    /// damage or forgery when it is not whole and genuine (the rest of it is read to tell), else
    /// `error` itself. A content refusal is thus never reported for a file its sender did not write.
    public func failure(explaining error: Error) -> Error {
        switch stage {
        case .opened, .genuine: return error
        case .refused(let first): return first
        case .reading:
            do { try authenticateRest() } catch { return error }
            stage = .refused(error)
            return error
        }
    }

    /// The next record, or nil after the END record, once the whole file has passed its checks.
    public func next() throws -> BundleRecord? {
        switch stage {
        case .opened: throw BundleError.io("\(url.lastPathComponent) is read before its key was given")
        case .genuine: return nil
        case .refused(let e): throw e
        case .reading: break
        }
        do { return try nextRecord() } catch { throw failure(explaining: error) }
    }

    private func nextRecord() throws -> BundleRecord? {
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
                try refill(minimum: want)
                want = min(want * 2, 64 << 20)
            }
        }
    }

    /// Decodes at least `minimum` more bytes into the buffer, or fewer if the stream ends.
    private func refill(minimum: Int) throws {
        if position > 0 && position >= buffer.count / 2 {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        let target = buffer.count + minimum
        while buffer.count < target && !inflater.isFinished {
            guard filePosition < cipherEnd else { throw BundleError.damaged(.bodyEndsEarly) }
            let bytes = try readBody(min(64 * 1024, cipherEnd - filePosition))
            let chunk = opener?.update(bytes) ?? bytes
            let consumed: Int
            do {
                consumed = try chunk.withUnsafeBytes { input in
                    try inflater.decompress(input, limit: limits.maxBodyBytes) { buffer.append(contentsOf: $0) }
                }
            } catch let c as CompressionError { throw BundleReader.translate(c) }
            if consumed < chunk.count || (inflater.isFinished && filePosition < cipherEnd) {
                throw BundleError.malformed("bytes follow the end of the compressed body")
            }
        }
    }

    static func translate(_ e: CompressionError) -> BundleError {
        switch e {
        case .outputLimitExceeded(let limit):
            return .limitExceeded("body decompresses to more than \(limit) bytes")
        case .corrupt(let why): return .damaged(BundleError.Damage.corruptBody.text + why)
        case .initFailed(let code): return .io("zlib could not start (\(code))")
        }
    }

    /// After the END record: counts, the end of the stream, then the file's own checks.
    private func finishChecks() throws {
        guard rowsRead == header.rowCount, tombstonesRead == header.tombstoneCount, conflictsRead == header.conflictCount else {
            throw BundleError.malformed("body holds \(rowsRead) rows and \(conflictsRead) conflicts, the header says \(header.rowCount) and \(header.conflictCount)")
        }
        while !inflater.isFinished {
            try refill(minimum: 1)
            guard position == buffer.count else { throw BundleError.malformed("bytes follow the end record") }
        }
        guard position == buffer.count else { throw BundleError.malformed("bytes follow the end record") }
        guard filePosition == cipherEnd else { throw BundleError.malformed("bytes follow the end of the compressed body") }
        let tag = try readBody(fileSize - BundleLayout.trailerSize - cipherEnd)
        try authenticateRest()
        if let opener {
            do { try opener.finish(expectedTag: tag) } catch {
                let e = BundleError.badSignature(sender: header.sender.rawValue)
                stage = .refused(e)
                throw e
            }
        }
        stage = .genuine
    }

    // MARK: The file's own checks

    /// Reads the rest of the file without decoding it, then checks the end marker and the CRC
    /// (damage: a copy cut short or broken in transit) and, with a key, the authenticator
    /// (forgery). Throws the first failure, and remembers it.
    func authenticateRest() throws {
        do {
            let trailerStart = fileSize - BundleLayout.trailerSize
            while filePosition < trailerStart {
                let chunk = try readBody(min(1 << 20, trailerStart - filePosition))
                guard !chunk.isEmpty else { throw BundleError.damaged(.endedWhileReading) }
            }
            let trailer = try readBody(BundleLayout.trailerSize)
            guard trailer.count == BundleLayout.trailerSize, Array(trailer[0..<4]) == BundleLayout.trailerMagic else {
                throw BundleError.damaged(.noEndMarker)
            }
            var r = ByteReader(trailer, offset: 4)
            guard try r.u32("crc") == crc else { throw BundleError.damaged(.checksum) }
            if var mac {
                guard constantTimeEquals(Array(trailer[8..<40]), mac.finalize()) else {
                    throw BundleError.badSignature(sender: header.sender.rawValue)
                }
            }
        } catch {
            stage = .refused(error)
            throw error
        }
    }

    /// Reads up to `n` bytes at the current position, adding them to the CRC and the authenticator.
    private func readBody(_ n: Int) throws -> [UInt8] {
        let bytes = try BundleReader.read(fd, n, url.lastPathComponent)
        absorb(bytes)
        return bytes
    }

    /// The CRC covers the file up to the CRC field; the authenticator up to the HMAC field.
    private func absorb(_ bytes: [UInt8]) {
        let start = filePosition
        bytes.withUnsafeBytes { buf in
            let crcPart = max(0, min(buf.count, fileSize - 36 - start))
            if crcPart > 0 { crc = zlibCRC32(crc, UnsafeRawBufferPointer(rebasing: buf[0..<crcPart])) }
            let macPart = max(0, min(buf.count, fileSize - 32 - start))
            if macPart > 0 { mac?.update(UnsafeRawBufferPointer(rebasing: buf[0..<macPart])) }
        }
        filePosition += bytes.count
    }

    /// Reads up to `n` bytes (fewer only at the end of the file).
    private static func read(_ fd: Int32, _ n: Int, _ name: String) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: n)
        var got = 0
        while got < n {
            let r = out.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress! + got, n - got) }
            if r < 0 {
                if errno == EINTR { continue }
                throw BundleError.io("cannot read \(name): \(String(cString: strerror(errno)))")
            }
            if r == 0 { break }
            got += r
        }
        if got < n { out.removeLast(n - got) }
        return out
    }
}
