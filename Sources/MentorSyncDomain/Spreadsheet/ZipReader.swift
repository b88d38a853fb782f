import Foundation
import MentorSyncEngine

/// One file of a ZIP archive, as its central directory describes it.
public struct ZipEntry: Sendable, Equatable {
    public let name: String
    /// 0 stored, 8 deflated.
    public let method: UInt16
    public let flags: UInt16
    public let crc32: UInt32
    public let compressedSize: Int
    public let size: Int
    let localHeaderOffset: Int
}

/// Reads the entries of a ZIP archive held in memory: stored and deflated entries, names in UTF-8
/// (or ASCII). Trusts nothing it reads: every offset is checked against the file, every entry is
/// unpacked no further than the size its directory declares and `ZipLimits` allow, and its CRC-32
/// is checked. Layout: PKWARE APPNOTE.TXT 6.3, sections 4.3.7 (local header), 4.3.12 (central
/// directory header) and 4.3.16 (end of central directory).
/// https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT
public final class ZipReader {
    public let entries: [ZipEntry]
    public let limits: ZipLimits
    private let bytes: [UInt8]
    private var unpacked = 0

    static let localSignature: UInt32 = 0x0403_4B50
    static let centralSignature: UInt32 = 0x0201_4B50
    static let endSignature: UInt32 = 0x0605_4B50

    public init(_ data: Data, limits: ZipLimits = .standard) throws {
        guard data.count <= limits.archiveBytes else {
            throw ZipError.overLimit(.zipFileTooLarge(limits.archiveBytes >> 20))
        }
        self.bytes = [UInt8](data)
        self.limits = limits
        self.entries = try ZipReader.directory(bytes, limits)
    }

    /// The entry with this name: exactly, else ignoring case (Office part names are case-insensitive).
    public func entry(named name: String) -> ZipEntry? {
        entries.first { $0.name == name } ?? entries.first { $0.name.lowercased() == name.lowercased() }
    }

    /// The unpacked bytes of an entry, or nil when the archive has no entry of that name.
    public func data(named name: String) throws -> [UInt8]? {
        guard let e = entry(named: name) else { return nil }
        return try data(of: e)
    }

    /// The unpacked bytes of an entry, checked against its size and CRC-32.
    public func data(of e: ZipEntry) throws -> [UInt8] {
        guard e.flags & 1 == 0 else { throw ZipError.unsupported(.zipPassword(e.name)) }
        guard e.size <= limits.entryBytes else {
            throw ZipError.overLimit(.zipEntryTooLarge(e.name, e.size >> 20, limit: limits.entryBytes >> 20))
        }
        guard unpacked + e.size <= limits.totalBytes else {
            throw ZipError.overLimit(.zipTotalTooLarge(limits.totalBytes >> 20))
        }
        if e.size > limits.ratioFloor && e.size / max(e.compressedSize, 1) > limits.ratio {
            throw ZipError.overLimit(.zipRatio(e.name, e.size / max(e.compressedSize, 1)))
        }
        let at = e.localHeaderOffset
        guard at + 30 <= bytes.count, u32(bytes, at) == ZipReader.localSignature else {
            throw ZipError.damaged(.zipLocalHeaderMissing(e.name))
        }
        let start = at + 30 + Int(u16(bytes, at + 26)) + Int(u16(bytes, at + 28))
        guard start + e.compressedSize <= bytes.count else { throw ZipError.damaged(.zipCutShort(e.name)) }
        let packed = bytes[start..<(start + e.compressedSize)]

        var out: [UInt8] = []
        out.reserveCapacity(e.size)
        switch e.method {
        case 0:
            guard e.compressedSize == e.size else { throw ZipError.damaged(.zipTwoSizes(e.name)) }
            out.append(contentsOf: packed)
        case 8:
            let inflate = try InflateStream()
            do {
                _ = try packed.withUnsafeBytes { raw in
                    // The declared size is the limit: an entry that unpacks to more is refused, not believed.
                    try inflate.decompress(raw, limit: e.size) { out.append(contentsOf: $0) }
                }
            } catch CompressionError.outputLimitExceeded {
                throw ZipError.damaged(.zipUnpacksMore(e.name, e.size))
            } catch {
                throw ZipError.damaged(.zipDoesNotUnpack(e.name))
            }
            guard inflate.isFinished, out.count == e.size else { throw ZipError.damaged(.zipCutShort(e.name)) }
        default:
            throw ZipError.unsupported(.zipMethod(e.method, e.name))
        }
        let crc = out.withUnsafeBytes { zlibCRC32(0, $0) }
        guard crc == e.crc32 else { throw ZipError.checksumMismatch(entry: e.name) }
        unpacked += out.count
        return out
    }

    /// Finds the end-of-directory record and reads every central directory header.
    static func directory(_ b: [UInt8], _ limits: ZipLimits) throws -> [ZipEntry] {
        guard b.count >= 22 else { throw ZipError.notZip }
        // The record is 22 bytes plus a comment of up to 65535 bytes, at the very end.
        var end = -1
        var i = b.count - 22
        let lowest = max(0, b.count - 22 - 65_535)
        while i >= lowest {
            if b[i] == 0x50, b[i + 1] == 0x4B, u32(b, i) == endSignature, i + 22 + Int(u16(b, i + 20)) <= b.count {
                end = i
                break
            }
            i -= 1
        }
        guard end >= 0 else { throw ZipError.notZip }
        let count = Int(u16(b, end + 10))
        let size = Int(u32(b, end + 12))
        let offset = Int(u32(b, end + 16))
        if count == 0xFFFF || size == 0xFFFF_FFFF || offset == 0xFFFF_FFFF { throw ZipError.unsupported(.zip64) }
        guard u16(b, end + 4) == 0, u16(b, end + 6) == 0 else { throw ZipError.unsupported(.zipVolumes) }
        guard count <= limits.entries else { throw ZipError.overLimit(.zipEntries(count, limit: limits.entries)) }
        guard offset + size <= end else { throw ZipError.damaged(.zipDirectoryOutside) }

        var entries: [ZipEntry] = []
        entries.reserveCapacity(count)
        var names: Set<String> = []
        var p = offset
        for _ in 0..<count {
            guard p + 46 <= offset + size, u32(b, p) == centralSignature else { throw ZipError.damaged(.zipDirectoryCut) }
            let nameLength = Int(u16(b, p + 28)), extra = Int(u16(b, p + 30)), comment = Int(u16(b, p + 32))
            guard p + 46 + nameLength <= offset + size else { throw ZipError.damaged(.zipDirectoryCut) }
            let name = String(decoding: b[(p + 46)..<(p + 46 + nameLength)], as: UTF8.self)
            // Two entries of one name could show one program one thing and another program another.
            guard names.insert(name).inserted else { throw ZipError.damaged(.zipTwoEntries(name)) }
            let e = ZipEntry(name: name, method: u16(b, p + 10), flags: u16(b, p + 8), crc32: u32(b, p + 16),
                             compressedSize: Int(u32(b, p + 20)), size: Int(u32(b, p + 24)), localHeaderOffset: Int(u32(b, p + 42)))
            if e.size == 0xFFFF_FFFF || e.compressedSize == 0xFFFF_FFFF || e.localHeaderOffset == 0xFFFF_FFFF {
                throw ZipError.unsupported(.zip64)
            }
            guard e.localHeaderOffset < offset else { throw ZipError.damaged(.zipEntryOutside(name)) }
            entries.append(e)
            p += 46 + nameLength + extra + comment
        }
        return entries
    }
}

@inline(__always) private func u16(_ b: [UInt8], _ i: Int) -> UInt16 {
    UInt16(b[i]) | UInt16(b[i + 1]) << 8
}

@inline(__always) private func u32(_ b: [UInt8], _ i: Int) -> UInt32 {
    UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
}
