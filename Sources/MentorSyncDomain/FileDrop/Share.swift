import Foundation
import MentorSyncEngine

/// A share: a folder (local, on a network mount, or on a USB stick) laid out as
/// `inbox/` (bundles for the district) and `outbox/<site>/` (replies for one school).
public struct Share: Sendable {
    public let url: URL
    public var inbox: URL { url.appendingPathComponent("inbox") }
    public func outbox(_ site: SiteID) -> URL { url.appendingPathComponent("outbox").appendingPathComponent(site.rawValue) }
    public var manifest: URL { url.appendingPathComponent("MANIFEST.txt") }
    /// Whether something that is not a file has the list's name (a folder, a pipe): no list can be written.
    public var manifestBlocked: Bool { [.directory, .other].contains(RegularFile.kind(manifest)) }

    /// Opens an existing share; a missing folder or one without `inbox/` is an error, never an empty sync.
    public static func open(_ url: URL) throws -> Share {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue else {
            throw HomeError.notAShare(Message.shareMissing(url.path))
        }
        let share = Share(url: url)
        try share.refuseLinkedFolders()
        guard FileManager.default.fileExists(atPath: share.inbox.path, isDirectory: &isDir), isDir.boolValue else {
            throw HomeError.notAShare(Message.shareNotPrepared(url.path))
        }
        return share
    }

    /// The share whose `inbox/` is `dir`, when `dir` is one (its parent also holds `outbox/`).
    public static func around(inbox dir: URL) -> Share? {
        let dir = dir.standardizedFileURL
        guard dir.lastPathComponent == "inbox" else { return nil }
        let share = Share(url: dir.deletingLastPathComponent())
        return RegularFile.kind(share.url.appendingPathComponent("outbox")) == .directory ? share : nil
    }

    /// Opens a share, creating its layout in an existing folder (the district's prerogative).
    public static func prepare(_ url: URL) throws -> Share {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir), isDir.boolValue else {
            throw HomeError.notAShare(Message.shareMissing(url.path))
        }
        let share = Share(url: url)
        try share.refuseLinkedFolders()
        do {
            try FileManager.default.createDirectory(at: share.inbox, withIntermediateDirectories: true)
            try FileManager.default.createDirectory(at: url.appendingPathComponent("outbox"), withIntermediateDirectories: true)
        } catch {
            throw HomeError.notAShare(Message.cannotPrepareShare(url.path, error.localizedDescription))
        }
        return share
    }

    /// A file's name as one line of a list or a note: a control character (a line break planted in
    /// a name, to add a false line to MANIFEST.txt), Unicode's line and paragraph separators (a
    /// line break to a text editor) and the marks that turn text around (a right-to-left override)
    /// shown as «?».
    public static func printable(_ name: String) -> String {
        String(String.UnicodeScalarView(name.unicodeScalars.map { shownAsIs($0) ? $0 : "?" }))
    }

    private static func shownAsIs(_ c: Unicode.Scalar) -> Bool {
        switch c.properties.generalCategory {
        case .control, .lineSeparator, .paragraphSeparator: return false
        default: return !c.properties.isBidiControl
        }
    }

    /// Complete bundle files in a folder (temporary names skipped), oldest name first: regular files
    /// only, never a link, a folder or a pipe.
    public static func bundles(in dir: URL) -> [URL] { scan(dir).bundles }

    /// The bundle files of a folder, and what carries a bundle's name but is left alone (a link,
    /// a folder, a pipe, a file larger than any bundle), with the reason. A folder that is itself a link yields nothing.
    public static func scan(_ dir: URL) -> (bundles: [URL], refused: [Refusal]) {
        if let why = RegularFile.kind(dir).linkRefusal { return ([], [Refusal(path: dir.path, message: why)]) }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        var bundles: [URL] = [], refused: [Refusal] = []
        for name in names.sorted() where !BundleLayout.isTemporaryName(name) {
            let file = dir.appendingPathComponent(name)
            if let why = Message.notAFile(RegularFile.kind(file)) {
                refused.append(Refusal(path: file.path, message: why))
            } else if let size = FileFacts.of(file)?.size, size > BundleLimits.standard.maxFileBytes {
                // Never read nor copied: reading it would take hours (a sparse file costs its planter
                // nothing), and its copy would fill the disk.
                refused.append(Refusal(path: file.path, message: .tooLargeForABundle(bytes: size)))
            } else {
                bundles.append(file)
            }
        }
        return (bundles, refused)
    }

    /// Whether `name` (a file's, or what a temporary file will be renamed to) is one of `site`'s
    /// bundles: `<site>-<sequence>-to-…` (Protocol/bundle.md, "File names"), or `<site>-<sequence>.…`.
    /// A code may hold a hyphen: «s001-2-000005-to-district.msync» is school s001-2's, not s001's.
    public static func isBundleName(_ name: String, of site: SiteID) -> Bool {
        guard name.hasPrefix(site.rawValue + "-") else { return false }
        let rest = name.dropFirst(site.rawValue.count + 1)
        let digits = rest.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else { return false }
        let after = rest.dropFirst(digits.count)
        return after.hasPrefix("-to-") || after.hasPrefix(".")
    }

    /// Something on a share this program will not touch, and why.
    public struct Refusal: Hashable, Sendable, CustomStringConvertible {
        public var path: String
        /// Why, in both languages: the person reads it in theirs, the daemon's log in English.
        public var message: Message
        public var reason: String { message.text() }
        public var englishReason: String { message.text(.en) }
        public var description: String { "\(path): \(reason)" }
        public static func == (a: Refusal, b: Refusal) -> Bool { a.path == b.path && a.message.key == b.message.key && a.message.english == b.message.english }
        public func hash(into h: inout Hasher) { h.combine(path); h.combine(message.key); h.combine(message.english) }
    }

    /// Sites with a folder (or anything else) under `outbox/`.
    public func schoolsWithOutbox() -> [SiteID] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.appendingPathComponent("outbox").path)) ?? []
        return names.compactMap(SiteID.init).sorted()
    }

    /// Why `outbox/<site>` may not be used (a link planted there would send one school's replies to
    /// another, or make the district delete them); nil when it is a real folder or not there yet.
    public func outboxRefusal(_ site: SiteID) -> Refusal? {
        let dir = outbox(site)
        switch RegularFile.kind(dir) {
        case .directory, .missing: return nil
        case let kind: return Refusal(path: dir.path, message: kind == .symbolicLink ? Message.outboxLink : Message.outboxNotFolder)
        }
    }

    /// Removes temporary files that writers killed mid-write left in the share's folders (ours only,
    /// by name, after `olderThan` seconds without a write). Returns them relative to the share.
    /// `school`: a school sweeps only its own bundles' in `inbox/` — its clock, an hour fast, would
    /// take every writer's file in progress on a network folder for a stale one (the file server
    /// sets their times); the district, whose files these folders are, sweeps them all.
    @discardableResult
    public func sweepTemporaryFiles(olderThan age: TimeInterval = 3600, school: SiteID? = nil) -> [String] {
        var folders = [inbox]
        if school == nil {
            folders.append(url)
            folders += schoolsWithOutbox().filter { RegularFile.kind(outbox($0)) == .directory }.map(outbox)
        }
        return folders.flatMap { dir in
            DurableFile.sweepStale(in: dir, olderThan: age, finalName: { school == nil || Share.isBundleName($0, of: school!) })
                .map { dir.appendingPathComponent($0).path.dropFirst(url.path.count + 1).description }
        }
    }

    /// `inbox/` and `outbox/` must be real folders: a link would carry bundles somewhere else.
    func refuseLinkedFolders() throws {
        for dir in [inbox, url.appendingPathComponent("outbox")] where RegularFile.kind(dir) != .directory && RegularFile.kind(dir) != .missing {
            throw MessageError(.linkedShareFolder(dir.path, link: RegularFile.kind(dir) == .symbolicLink))
        }
    }
}

extension RegularFile.Kind {
    /// Why a folder of this kind is not entered (a link, or not a folder at all); nil for a folder or nothing.
    var linkRefusal: Message? {
        switch self {
        case .directory, .missing: return nil
        case .symbolicLink: return Message.linkOnShare
        default: return Message.outboxNotFolder
        }
    }
}

/// Facts about a file, for telling a finished file from one still being copied.
public struct FileFacts: Equatable, Sendable {
    public var size: Int
    /// The bytes the file system holds for it (its blocks): far below `size` for a sparse file.
    public var allocated: Int = 0
    public var modified: Date
    /// When this machine last wrote to the file or renamed it (its inode's change time): a copy that
    /// keeps the file's own time (Explorer, `cp -p`, `rsync -t`) sets `modified` to when the school
    /// wrote it, a week ago perhaps, while it is still growing.
    public var changed: Date

    /// The later of the two: how long ago the file last changed here.
    public var lastChange: Date { max(modified, changed) }

    /// Whether the file, over 1 MiB, is mostly holes (a sparse file: nothing written there). Its
    /// blocks say so first; as some file systems report few blocks for a file written whole (FUSE
    /// mounts, deduplicating stores), the holes are then found by seeking from data to hole, and a
    /// file system that cannot tell holes takes the whole file as data: a school's bundle is never
    /// taken for one.
    public func isMostlyHoles(_ url: URL) -> Bool {
        guard size > 1 << 20, allocated < size / 2 else { return false }
        guard let data = FileFacts.dataBytes(url, enough: size / 2) else { return false }
        return data < size / 2
    }

    /// lseek's SEEK_DATA and SEEK_HOLE (Linux's <unistd.h> under _GNU_SOURCE, which Swift's Glibc
    /// does not define): https://man7.org/linux/man-pages/man2/lseek.2.html
    static let seekData: Int32 = 3, seekHole: Int32 = 4

    /// The bytes of the file's data extents (SEEK_DATA / SEEK_HOLE), counted until `enough`; nil
    /// when the file cannot be opened as a regular file or the file system cannot tell.
    static func dataBytes(_ url: URL, enough: Int) -> Int? {
        let fd = open(url.path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0, st.st_mode & S_IFMT == S_IFREG else { return nil }
        var total = 0
        var offset: off_t = 0
        // Bounded: a file of alternating bits of data and holes is walked for at most this many extents.
        for _ in 0..<100_000 {
            let data = lseek(fd, offset, FileFacts.seekData)
            if data < 0 { return errno == ENXIO ? total : nil }  // ENXIO: no data past offset
            let hole = lseek(fd, data, FileFacts.seekHole)
            guard hole >= data else { return nil }
            total += Int(hole - data)
            if total >= enough { return total }
            offset = hole
        }
        return nil
    }

    public static func of(_ url: URL) -> FileFacts? {
        var st = stat()  // the item itself, a link not followed
        guard lstat(url.path, &st) == 0 else { return nil }
        func date(_ t: timespec) -> Date { Date(timeIntervalSince1970: TimeInterval(t.tv_sec) + TimeInterval(t.tv_nsec) / 1e9) }
        return FileFacts(size: Int(st.st_size), allocated: Int(st.st_blocks) * 512, modified: date(st.st_mtim), changed: date(st.st_ctim))
    }
}
