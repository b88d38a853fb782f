import Foundation
import MentorSyncEngine

/// Restoring a backup (see `Backup` for what a restore keeps and orders).
extension Backup {
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
}
