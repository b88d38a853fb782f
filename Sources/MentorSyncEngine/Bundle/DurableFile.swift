import Foundation

/// Files written so that a crash or a pulled stick never leaves a half-written file under its final name:
/// every writer of this program goes through here (tmp → fsync → rename → fsync of the folder).
/// A temporary file is named `.<final name>.tmp-<pid>`; `sweepStale` removes those a killed writer left.
public enum DurableFile {
    /// The temporary name `url` is written under until it is complete.
    public static func temporaryURL(for url: URL) -> URL {
        url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)")
    }

    /// True for the names `temporaryURL` makes (and the `-journal`/`-wal`/`-shm` of a temporary SQLite copy).
    public static func isTemporaryName(_ name: String) -> Bool {
        guard name.hasPrefix("."), let marker = name.range(of: ".tmp-", options: .backwards),
              marker.lowerBound > name.index(after: name.startIndex) else { return false }
        var tail = name[marker.upperBound...]
        for suffix in ["-journal", "-wal", "-shm"] where tail.hasSuffix(suffix) { tail = tail.dropLast(suffix.count) }
        return !tail.isEmpty && tail.allSatisfy(\.isASCII) && tail.allSatisfy(\.isNumber)
    }

    /// Creates the temporary file for `url`, never through a link, readable by `permissions` when given
    /// (else 0666 less the umask). The caller writes, then calls `commit`, or removes it.
    public static func createTemporary(for url: URL, permissions: mode_t? = nil) throws -> (url: URL, handle: FileHandle) {
        let tmp = temporaryURL(for: url)
        unlink(tmp.path)  // a leftover of an earlier process with our pid
        let fd = open(tmp.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, permissions ?? 0o666)
        guard fd >= 0 else { throw FileError.cannotWrite(in: url.deletingLastPathComponent(), code: errno, file: url) }
        if let permissions, fchmod(fd, permissions) != 0 {
            let e = errno
            close(fd); unlink(tmp.path)
            throw FileError.cannotWrite(in: url.deletingLastPathComponent(), code: e, file: url)
        }
        return (tmp, FileHandle(fileDescriptor: fd, closeOnDealloc: true))
    }

    /// Writes `data` to `url` through a temporary file in the same folder: tmp → fsync → rename → fsync folder.
    /// `permissions` (e.g. 0o600 for a file holding a key) apply from the first byte.
    public static func write(_ data: Data, to url: URL, permissions: mode_t? = nil) throws {
        let (tmp, handle) = try createTemporary(for: url, permissions: permissions)
        do {
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
            try commit(tmp, to: url)
        } catch {
            try? handle.close()
            unlink(tmp.path)
            if let e = error as? FileError { throw e }
            let code = posixCode(error)
            if code == ENOSPC || code == EDQUOT || code == EIO || code == EROFS { throw FileError.cannotWrite(in: url.deletingLastPathComponent(), code: code, file: url) }
            throw FileError("cannot write \(url.path): \(describe(error))", code: code)
        }
    }

    /// Gives a complete, flushed temporary file its final name.
    public static func commit(_ tmp: URL, to url: URL) throws {
        try rename(tmp, to: url)
    }

    /// Atomically renames within one file system and flushes the folder entry (a link at `to` is
    /// replaced, never followed). A caller moving many files may flush their folder once itself.
    public static func rename(_ from: URL, to: URL, flushingFolder: Bool = true) throws {
        guard Foundation.rename(from.path, to.path) == 0 else {
            let e = errno
            throw FileError("cannot rename \(from.lastPathComponent) to \(to.lastPathComponent): \(String(cString: strerror(e)))", code: e)
        }
        if flushingFolder { try syncDirectory(to.deletingLastPathComponent()) }
    }

    /// Flushes a folder's entries, so a rename survives a power cut. File systems that cannot
    /// sync a folder (EINVAL) are accepted; any other failure is an error.
    public static func syncDirectory(_ dir: URL) throws {
        let fd = open(dir.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard fd >= 0 else {
            let e = errno
            throw FileError("cannot open the folder \(dir.path) to flush it: \(String(cString: strerror(e)))", code: e)
        }
        defer { close(fd) }
        if fsync(fd) != 0, errno != EINVAL {
            let e = errno
            throw FileError("cannot flush the folder \(dir.path): \(String(cString: strerror(e)))", code: e)
        }
    }

    /// Removes temporary files of this program (by name) in `dir` that nobody has written to for
    /// `olderThan` seconds: writers killed mid-write leave them, and on a stick they add up.
    /// Never follows links; returns the names removed.
    @discardableResult
    /// `finalName`: of the temporary files, those whose file-to-be (`.<final name>.tmp-<pid>`) it accepts.
    public static func sweepStale(in dir: URL, olderThan age: TimeInterval = 3600, now: Date = Date(),
                                  finalName: (String) -> Bool = { _ in true }) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
        var removed: [String] = []
        for name in names where isTemporaryName(name) && finalName(String(name.dropFirst())) {
            var st = stat()
            let path = dir.appendingPathComponent(name).path
            guard lstat(path, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { continue }
            let modified = Date(timeIntervalSince1970: TimeInterval(st.st_mtim.tv_sec))
            if now.timeIntervalSince(modified) > age, unlink(path) == 0 { removed.append(name) }
        }
        return removed.sorted()
    }

    static func cannotWrite(in dir: URL, _ code: Int32) -> String {
        switch code {
        case EROFS: return "cannot write in \(dir.path): it is read-only (a write-protected stick?); unlock it and try again"
        case EACCES, EPERM: return "cannot write in \(dir.path): permission denied"
        case ENOSPC, EDQUOT: return "cannot write in \(dir.path): the disk is full; free some space and try again"
        case ENOENT, ENOTDIR: return "cannot write in \(dir.path): the folder does not exist"
        default: return "cannot write in \(dir.path): \(String(cString: strerror(code)))"
        }
    }

    static func describe(_ error: Error) -> String {
        let code = posixCode(error)
        return code != 0 ? String(cString: strerror(code)) : (error as NSError).localizedDescription
    }

    /// The POSIX error inside a Foundation error, 0 when there is none.
    public static func posixCode(_ error: Error) -> Int32 {
        if let f = error as? FileError { return f.code }
        let e = error as NSError
        if e.domain == NSPOSIXErrorDomain { return Int32(e.code) }
        if let u = e.userInfo[NSUnderlyingErrorKey] as? NSError, u.domain == NSPOSIXErrorDomain { return Int32(u.code) }
        if e.domain == NSCocoaErrorDomain && e.code == NSFileWriteOutOfSpaceError { return ENOSPC }
        return 0
    }
}

/// A file that could not be written, read or renamed: one line a person can act on, and the POSIX code.
public struct FileError: Error, CustomStringConvertible, Equatable {
    public let description: String
    public let code: Int32
    /// The folder a file could not be written in (a locked or pulled-out stick), so that it can be
    /// said in the reader's language; nil for other failures.
    public var folder: String? = nil
    /// Whether the file was a bundle (its changes wait in the registry for the next try), not a
    /// report, an export or an enrollment file.
    public var isBundle = false
    public init(_ description: String, code: Int32) { self.description = description; self.code = code }
    public var isNoSpace: Bool { code == ENOSPC || code == EDQUOT }

    /// No file could be written in `dir` (`errno` `code`); `file`: the one that was to be written.
    public static func cannotWrite(in dir: URL, code: Int32, file: URL? = nil) -> FileError {
        var e = FileError(DurableFile.cannotWrite(in: dir, code), code: code)
        e.folder = dir.path
        e.isBundle = file.map { $0.lastPathComponent.hasSuffix("." + BundleLayout.fileExtension) } ?? false
        return e
    }
}
