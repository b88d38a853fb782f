import Foundation
import MentorSyncEngine

/// Backups of a home's `registry.db`, and restoring one.
///
/// `take` is an online copy: it runs while the district daemon merges or a school syncs, and the
/// copy is one consistent moment (SQLite's backup API in one step, see `Database.backup(to:)`).
/// `restore` puts a backup back and makes sure nothing written after it is lost:
/// - at the district it orders a resync of every enrolled school (each re-sends all its rows and
///   receives its full subscription), and moves the Lamport counter far ahead;
/// - at a school it moves the counter far ahead (so a write made before the next sync never reuses
///   a counter the district has already seen) and marks a full re-send for the next sync; the
///   district must then `resync --site` the school so its full copy comes back.
/// The registry being replaced is never deleted: it is kept next to the new one.
public enum Backup {
    /// What a backup wrote.
    public struct Snapshot: Sendable {
        public var file: URL
        public var site: String
        public var role: String
        public var bytes: Int
        /// Rows in the registry's synced tables (live and deleted), as a quick sanity figure.
        public var rows: Int
        public var integrity: String
        public var takenAt: String
        public var seconds: Double
        /// Older backups removed by `keep`.
        public var pruned: [URL]
    }

    /// What a backup file holds, read without changing it.
    public struct Facts: Sendable {
        public var site: String
        public var role: String
        public var district: String
        public var schemaVersion: Int
        public var integrity: String
    }

    /// What `restore` did.
    public struct Restored: Sendable {
        public var home: URL
        public var site: String
        public var role: String
        public var from: URL
        /// Where the registry that was replaced now lives (nil when there was none).
        public var previousKeptAs: URL?
        /// Schools whose resync was ordered (district).
        public var resyncOrdered: [String]
        /// Schools enrolled after the backup, kept from the registry it replaced (district); nil when
        /// there was none to read (a dead disk): those must be enrolled again.
        public var keptSinceBackup: [String]? = nil
        /// The district's schools by code, as the methodologist knows them (district).
        public var schoolNames: [String: String] = [:]
        /// The Lamport counter after the restore.
        public var counter: Int64
    }

    /// The file name a backup gets inside a folder: sortable, and safe on FAT sticks and Windows shares.
    public static func fileName(site: String, at date: Date = Date()) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'-'HHmmss"
        return "mentorsync-\(site)-\(f.string(from: date))Z.db"
    }

    // MARK: Taking a backup

    /// Copies `home/registry.db` to `out` while other processes keep working on it.
    /// `out` is a new file name, or an existing folder (the copy gets a dated name there, and
    /// `keep`, if given, removes all but the newest `keep` backups of this site in that folder).
    public static func take(home: URL, role: Replica.Role? = nil, out: URL, keep: Int? = nil, now: Date = Date()) throws -> Snapshot {
        let started = Date()
        let db = try openRegistry(home)
        let (site, foundRole) = try identity(db, path: home.path)
        if let role, role.rawValue != foundRole { throw BackupError.wrongRole(home: home.path, expected: role.rawValue, found: foundRole) }

        var isDir: ObjCBool = false
        // `--keep` into a folder not made yet (a first backup, as an administrator sets it up): made,
        // private, when its parent is there and its name has no extension (a file's name has one).
        if let keep, keep >= 1, !FileManager.default.fileExists(atPath: out.path), out.pathExtension.isEmpty,
           FileManager.default.fileExists(atPath: out.deletingLastPathComponent().path, isDirectory: &isDir), isDir.boolValue {
            try FileManager.default.createDirectory(at: out, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        }
        let outIsFolder = FileManager.default.fileExists(atPath: out.path, isDirectory: &isDir) && isDir.boolValue
        if keep != nil && !outIsFolder { throw BackupError.keepNeedsFolder(out.path) }
        if let keep, keep < 1 { throw BackupError.keepNeedsFolder(out.path) }
        let file: URL
        if outIsFolder {
            DurableFile.sweepStale(in: out)  // copies a killed backup left behind
            file = out.appendingPathComponent(fileName(site: site, at: now))
            if FileManager.default.fileExists(atPath: file.path) { throw BackupError.sameSecond(file.path) }
        } else {
            if FileManager.default.fileExists(atPath: out.path) { throw BackupError.exists(out.path) }
            let parent = out.deletingLastPathComponent()
            guard FileManager.default.fileExists(atPath: parent.path, isDirectory: &isDir), isDir.boolValue else {
                throw BackupError.noFolder(parent.path)
            }
            file = out
        }
        let copy = try db.backup(to: file.path)
        let rows = try countRows(file)
        var pruned: [URL] = []
        if let keep, outIsFolder { pruned = prune(folder: out, site: site, keep: keep, taken: file, now: now) }
        return Snapshot(file: file, site: site, role: foundRole, bytes: copy.bytes, rows: rows, integrity: copy.integrity,
                        takenAt: Replica.timestamp(now), seconds: Date().timeIntervalSince(started), pruned: pruned)
    }

    /// This site's backups in `folder`, oldest first (their names sort by time).
    public static func backups(in folder: URL, site: String) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasPrefix("mentorsync-\(site)-") && $0.hasSuffix("Z.db") }.sorted()
            .map { folder.appendingPathComponent($0) }
    }

    /// Removes all but the newest `keep` backups of `site` in `folder`, never `taken` (the one just
    /// written). The names' times are the clock's: a backup named after `now` was taken before the
    /// clock was put back (a dead CMOS battery: older in fact) or while it ran ahead (put right since:
    /// newer in fact) — the names cannot tell which, so those are never removed; the others go
    /// oldest first. By the names alone, the backup just taken went at once, at every backup.
    static func prune(folder: URL, site: String, keep: Int, taken: URL, now: Date) -> [URL] {
        let latest = fileName(site: site, at: now)
        let behind = backups(in: folder, site: site).filter { $0.lastPathComponent != taken.lastPathComponent && $0.lastPathComponent <= latest }
        guard behind.count >= keep else { return [] }
        let old = Array(behind.prefix(behind.count - (keep - 1)))
        return old.filter { (try? FileManager.default.removeItem(at: $0)) != nil }
    }

    // MARK: Reading a backup

    /// Checks a backup file (integrity, and whose registry it is) without changing it:
    /// the checks run on a private copy.
    public static func inspect(_ file: URL) throws -> Facts {
        guard FileManager.default.fileExists(atPath: file.path) else { throw BackupError.missing(file.path) }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("mentorsync-inspect-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let copy = scratch.appendingPathComponent("registry.db")
        try FileManager.default.copyItem(at: file, to: copy)
        return try facts(ofCopy: copy, original: file)
    }

    static func facts(ofCopy copy: URL, original: URL) throws -> Facts {
        let db: Database
        do {
            var o = Database.Options()
            o.create = false
            db = try Database(path: copy.path, options: o)
        } catch let e as SQLiteError {
            throw BackupError.notABackup(original.path, e.message)
        }
        let integrity: String
        do { integrity = try db.integrityCheck() } catch let e as SQLiteError { throw BackupError.notABackup(original.path, e.message) }
        guard integrity == "ok" else { throw BackupError.damaged(original.path, String(integrity.prefix(300))) }
        guard let id = try Replica.identity(of: db) else {
            throw BackupError.notABackup(original.path, "it holds no mentorsync registry")
        }
        return Facts(site: id.site.rawValue, role: id.role.rawValue, district: id.district.rawValue,
                     schemaVersion: id.schemaVersion, integrity: integrity)
    }

    // MARK: Helpers

    /// Opens a home's registry as it is, without creating anything in it.
    static func openRegistry(_ home: URL) throws -> Database {
        let path = DistrictHome.databaseURL(home).path
        guard FileManager.default.fileExists(atPath: path) else { throw HomeError.notAHome(home.path) }
        var o = Database.Options()
        o.create = false
        return try Database(path: path, options: o)
    }

    static func identity(_ db: Database, path: String) throws -> (site: String, role: String) {
        guard let id = try Replica.identity(of: db) else { throw HomeError.notAHome(path) }
        return (id.site.rawValue, id.role.rawValue)
    }

    static func countRows(_ file: URL) throws -> Int {
        var o = Database.Options()
        o.readOnly = true
        o.create = false
        let db = try Database(path: file.path, options: o)
        var total = 0
        for t in RegistrySchema.schema.tables where try db.tableExists(t.name) {
            total += Int(try db.scalar("SELECT count(*) FROM \(SQL.identifier(t.name))")?.integer ?? 0)
        }
        return total
    }

    static func fileStamp(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'-'HHmmss'Z'"
        return f.string(from: date)
    }
}
