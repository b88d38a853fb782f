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

    // MARK: Restoring

    /// Puts the backup `file` in place as `home/registry.db` (see the type's comment for what
    /// else it does). Refuses while the district daemon runs on this home. The registry it
    /// replaces is kept as `registry.db.before-restore-<time>` (with its `-wal`, if any).
    public static func restore(from file: URL, into home: URL, role: Replica.Role? = nil, now: Date = Date()) throws -> Restored {
        guard FileManager.default.fileExists(atPath: file.path) else { throw BackupError.missing(file.path) }
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let registry = DistrictHome.databaseURL(home)
        let staged = home.appendingPathComponent(".registry.db.restore-\(ProcessInfo.processInfo.processIdentifier)")
        func removeStaged() { for s in ["", "-wal", "-shm", "-journal"] { unlink(staged.path + s) } }
        removeStaged()
        defer { removeStaged() }
        try FileManager.default.copyItem(at: file, to: staged)
        let facts = try facts(ofCopy: staged, original: file)
        if let role, role.rawValue != facts.role {
            throw BackupError.wrongRole(home: file.path, expected: role.rawValue, found: facts.role)
        }
        // At the district, the daemon's lock: refused while `serve` runs, and held for the whole
        // restore so none starts halfway. (A school has no daemon: stop its sync timer first.)
        var lock: Int32 = -1
        if facts.role == Replica.Role.district.rawValue { lock = try DistrictDaemon.lock(home: home) }
        defer { if lock >= 0 { close(lock) } }
        // Never put one site's backup into another site's home.
        if FileManager.default.fileExists(atPath: registry.path),
           let current = try? openRegistry(home), let id = try? identity(current, path: home.path), id.site != facts.site {
            throw BackupError.otherSite(backup: facts.site, home: id.site, path: home.path)
        }

        // Make the staged copy safe BEFORE it becomes the registry.
        var ordered: [String] = []
        var counter: Int64 = 0
        var keptSince: [String]?
        var names: [String: String] = [:]
        do {
            let replica = try Replica(path: staged.path, schema: RegistrySchema.schema)
            if replica.role == .district {
                let h = try DistrictHome(url: home, replica: replica)
                try DistrictHome.prepare(replica)
                keptSince = try keepNewerSchools(of: home, in: replica)
                for school in try h.schools() { names[school.site.rawValue] = school.name }
                for school in try h.schools() where school.revokedAt == nil {
                    try h.orderResync(school.site)
                    ordered.append(school.site.rawValue)
                }
                try replica.database.transaction { try replica.leapCounter() }
            } else {
                try keepNewerKey(of: home, in: replica)
                try replica.database.transaction {
                    // Put back on this computer (a new disk, a new laptop): the registry works here.
                    try ThisComputer.record(in: replica.database)
                    try replica.leapCounter()
                    // A full re-send, and the district sends back everything written since the backup.
                    try replica.orderFullExchange(with: replica.district)
                }
            }
            counter = try replica.counter()
            try replica.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            _ = try replica.database.scalar("PRAGMA journal_mode = DELETE")
        }
        chmod(staged.path, 0o600)
        let fd = open(staged.path, O_RDONLY)
        if fd >= 0 { fsync(fd); close(fd) }

        // Keep the registry being replaced, with its WAL, under a name that still opens.
        var kept: URL?
        if FileManager.default.fileExists(atPath: registry.path) {
            let aside = home.appendingPathComponent("registry.db.before-restore-\(fileStamp(now))")
            for s in ["-wal", "-shm", "-journal", ""] where FileManager.default.fileExists(atPath: registry.path + s) {
                guard rename(registry.path + s, aside.path + s) == 0 else {
                    throw BackupError.io("cannot move \(registry.path + s) aside: \(String(cString: strerror(errno)))")
                }
            }
            kept = aside
        }
        guard rename(staged.path, registry.path) == 0 else {
            throw BackupError.io("cannot put the restored registry in place: \(String(cString: strerror(errno)))")
        }
        do { try DurableFile.syncDirectory(home) } catch { throw BackupError.io("\(error)") }
        return Restored(home: home, site: facts.site, role: facts.role, from: file, previousKeptAs: kept,
                        resyncOrdered: ordered, keptSinceBackup: keptSince, schoolNames: names, counter: counter)
    }

    /// A school's backup taken before the district enrolled it again (a stolen computer: revoke,
    /// enroll --again, rekey) holds the key it had then, revoked: restored as it was, every bundle
    /// was refused as the stolen computer's. The key of the registry it replaces stays when that
    /// was installed later (its old key kept as the previous one, as `rekey` keeps it).
    static func keepNewerKey(of home: URL, in replica: Replica) throws {
        guard let current = try? openRegistry(home),
              let installed = try? current.rows("SELECT key, name, enrolled_at FROM school_identity").first,
              case .blob = installed[0], let installedAt = installed[2].text else { return }
        let db = replica.database
        try db.transaction {
            try db.addColumnIfMissing("school_identity", "previous_key", "BLOB")
            try db.addColumnIfMissing("school_identity", "rekey_sequence", "INTEGER")
            guard let backedUp = try db.scalar("SELECT enrolled_at FROM school_identity")?.text, installedAt > backedUp else { return }
            // Bundles this registry wrote up to now were signed with the old key.
            let sent = try replica.peer(replica.district).sentSequence
            try db.execute("UPDATE school_identity SET previous_key = key, rekey_sequence = ?, key = ?, name = ?, enrolled_at = ?",
                           [.integer(sent), installed[0], installed[1], .text(installedAt)])
        }
    }

    /// A district backup taken before a school was revoked (a stolen computer) or enrolled again
    /// holds its keys of then: restored as it was, the thief's key was taken again and the school's
    /// new one refused. From the registry it replaces, when it can be read (not a dead disk), each
    /// school's revocation and a key enrolled later stay, and every key ever revoked.
    /// A school enrolled after the backup stays too (it was dropped: its files refused as an unknown
    /// school's until enrolled again, and its rows, which its resync brings back, had nowhere to go),
    /// with its organization. Returns those schools, or nil when the replaced registry cannot be read.
    static func keepNewerSchools(of home: URL, in replica: Replica) throws -> [String]? {
        let registry = DistrictHome.databaseURL(home)
        guard let current = try? openRegistry(home), (try? current.tableExists("district_schools")) == true else { return nil }
        let db = replica.database
        try db.execute("ATTACH DATABASE ? AS replaced", [.text(registry.path)])
        defer { try? db.execute("DETACH DATABASE replaced") }
        var carried: [String] = []
        try db.transaction {
            try db.execute("""
                UPDATE main.district_schools AS b SET key = r.key, name = r.name, enrolled_at = r.enrolled_at,
                  previous_key = r.previous_key, previous_key_until = r.previous_key_until, revoked_at = r.revoked_at, last_key = r.last_key
                FROM replaced.district_schools AS r
                WHERE r.site = b.site AND (r.enrolled_at > b.enrolled_at OR (r.revoked_at IS NOT NULL AND b.revoked_at IS NULL))
                """)
            if try db.scalar("SELECT 1 FROM replaced.sqlite_master WHERE name = 'district_revoked_keys'") != nil {
                try db.execute("INSERT OR IGNORE INTO main.district_revoked_keys(site, key, revoked_on) SELECT site, key, revoked_on FROM replaced.district_revoked_keys")
            }
            let since = try db.rows("SELECT site FROM replaced.district_schools WHERE site NOT IN (SELECT site FROM main.district_schools) ORDER BY site")
                .map { $0[0].displayText }
            guard !since.isEmpty else { return }
            let mine = Set(try db.rows("SELECT name FROM pragma_table_info('district_schools', 'main')").map { $0[0].displayText })
            let columns = try db.rows("SELECT name FROM pragma_table_info('district_schools', 'replaced')").map { $0[0].displayText }
                .filter(mine.contains).map { "\"\($0)\"" }.joined(separator: ", ")
            try db.execute("""
                INSERT INTO main.district_schools(\(columns)) SELECT \(columns) FROM replaced.district_schools
                WHERE site NOT IN (SELECT site FROM main.district_schools)
                """)
            // Its organization, as `enroll` writes it (a district write: it travels in replies).
            let sites = String(decoding: try JSONSerialization.data(withJSONObject: since), as: UTF8.self)
            try db.execute("""
                INSERT INTO main.organizations(id, org_id, name, kind)
                SELECT site, ?, name, 'school' FROM main.district_schools WHERE site IN (SELECT value FROM json_each(?))
                ON CONFLICT(id) DO NOTHING
                """, [.text(replica.site.rawValue), .text(sites)])
            carried = since
        }
        return carried
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

/// Errors of backup and restore, each one line a person can act on.
public enum BackupError: Error, Equatable, CustomStringConvertible {
    case exists(String)
    /// A dated copy of this second is in the folder already (two backups within one second).
    case sameSecond(String)
    case noFolder(String)
    case keepNeedsFolder(String)
    case wrongRole(home: String, expected: String, found: String)
    case missing(String)
    case notABackup(String, String)
    case damaged(String, String)
    case otherSite(backup: String, home: String, path: String)
    case io(String)

    public var description: String { message.text() }

    /// The error in both languages.
    public var message: Message {
        func m(_ key: String, _ en: String, _ ru: String) -> Message { Message("backup.\(key)", en: en, ru: ru) }
        switch self {
        case .exists(let p): return m("exists", "\(p) already exists; refusing to overwrite a backup — choose a new name, or give a folder",
                                      "\(p) уже существует; резервную копию не перезаписываю — выберите новое имя или укажите папку")
        case .sameSecond(let p): return m("same_second", "a backup \(p) was taken this same second; nothing was overwritten — run the backup again in a moment",
                                          "копия \(p) уже снята в эту же секунду; ничего не перезаписано — повторите копирование чуть позже")
        case .noFolder(let p): return m("no_folder", "the folder \(p) does not exist: create it (or mount the backup disk) first",
                                        "папки \(p) нет: сначала создайте её (или подключите диск для копий)")
        case .keepNeedsFolder(let p): return m("keep_needs_folder", "--keep N (N ≥ 1) needs --out to be an existing folder, not \(p)",
                                               "для --keep N (N ≥ 1) в --out нужна существующая папка, а не \(p)")
        case .wrongRole(let home, let expected, let found):
            return m("wrong_role", "\(home) holds a \(found)'s registry, not a \(expected)'s; use mentorsync-\(found) for it",
                     "в \(home) реестр \(found == "school" ? "школы" : "управления образования"), а не \(expected == "school" ? "школы" : "управления образования"); используйте для него mentorsync-\(found)")
        case .missing(let p): return m("missing", "backup file \(p) does not exist", "файла резервной копии \(p) нет")
        case .notABackup(let p, let why): return m("not_a_backup", "\(p) is not a mentorsync backup (\(why))", "\(p) — не резервная копия mentorsync (\(Self.russian(why)))")
        case .damaged(let p, let why): return m("damaged", "backup \(p) is damaged (\(why)); use an older backup",
                                                "резервная копия \(p) повреждена (\(Self.russian(why))); возьмите более старую")
        case .otherSite(let backup, let home, let path):
            return m("other_site", "this backup is of site '\(backup)' but \(path) holds site '\(home)'; refusing to mix them up",
                     "это копия реестра с кодом «\(backup)», а в \(path) — реестр с кодом «\(home)»; смешивать их нельзя")
        case .io(let why): return m("io", why, why)
        }
    }

    /// SQLite's and the check's words for what is wrong with a file, as a Russian reader reads them
    /// (SQLite's own, unknown here, stay as they are).
    static func russian(_ why: String) -> String {
        switch why {
        case "file is not a database": return "это не файл базы данных"
        case "database disk image is malformed": return "файл базы данных повреждён"
        case "it holds no mentorsync registry": return "в нём нет реестра mentorsync"
        case "unable to open database file": return "файл не открывается"
        default: return why
        }
    }
}
