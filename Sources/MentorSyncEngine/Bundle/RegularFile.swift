import Foundation

/// Opening files found on a share, where anyone may have planted a link, a pipe or a folder under a
/// bundle's name: only regular files are opened, links are never followed, and opening never blocks
/// (a FIFO would otherwise hang the reader until something writes to it).
public enum RegularFile {
    /// What is at a path, without following a link.
    public enum Kind: Equatable, Sendable {
        case regular, directory, symbolicLink, other, missing

        /// Why an item of this kind is not taken as a file (nil for a regular file).
        public var refusal: String? {
            switch self {
            case .regular: return nil
            case .directory: return "it is a folder, not a bundle file; remove or rename it"
            case .symbolicLink: return "it is a symbolic link; links on a share are never followed; remove it"
            case .other: return "it is not a regular file (a pipe or a device); remove it"
            case .missing: return "there is no such file; check the path"
            }
        }
    }

    public static func kind(_ url: URL) -> Kind {
        var st = stat()
        guard lstat(url.path, &st) == 0 else { return .missing }
        switch st.st_mode & S_IFMT {
        case S_IFREG: return .regular
        case S_IFDIR: return .directory
        case S_IFLNK: return .symbolicLink
        default: return .other
        }
    }

    /// Opens a regular file for reading: never through a link, never blocking; nil for anything else.
    public static func handle(_ url: URL) -> FileHandle? {
        let fd = open(url.path, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        var st = stat()
        guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { close(fd); return nil }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        return FileHandle(fileDescriptor: fd, closeOnDealloc: true)
    }

    /// Copies a regular file durably (tmp → fsync → rename); `from` must be a regular file, not a link.
    /// `maxBytes`: a file that grows past it while copied (its owner writing to it) is not copied.
    public static func copy(_ from: URL, to: URL, permissions: mode_t? = nil, maxBytes: Int = .max) throws {
        guard let source = handle(from) else {
            let why = kind(from).refusal ?? "cannot open it: \(String(cString: strerror(errno)))"
            throw FileError("cannot read \(from.path): \(why)", code: errno)
        }
        defer { try? source.close() }
        let (tmp, target) = try DurableFile.createTemporary(for: to, permissions: permissions)
        do {
            var copied = 0
            while let chunk = try source.read(upToCount: 1 << 20), !chunk.isEmpty {
                copied += chunk.count
                guard copied <= maxBytes else { throw FileError("cannot copy \(from.lastPathComponent): it grew past \(maxBytes) bytes while copied", code: EFBIG) }
                try target.write(contentsOf: chunk)
            }
            try target.synchronize()
            try target.close()
            try DurableFile.commit(tmp, to: to)
        } catch {
            try? target.close()
            unlink(tmp.path)
            if let e = error as? FileError { throw e }
            let code = DurableFile.posixCode(error)
            throw FileError(code == ENOSPC || code == EDQUOT ? DurableFile.cannotWrite(in: to.deletingLastPathComponent(), code)
                            : "cannot copy \(from.lastPathComponent): \(DurableFile.describe(error))", code: code)
        }
    }
}
