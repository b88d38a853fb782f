import CSQLite
import Foundation

/// A consistent copy of a live database, taken with SQLite's online backup API while other
/// connections (the district daemon, a school's sync) keep reading and writing.
/// https://www.sqlite.org/backup.html
extension Database {
    /// What `backup(to:)` wrote.
    public struct BackupCopy: Sendable {
        /// The finished copy.
        public var path: String
        /// Its size in bytes.
        public var bytes: Int
        /// Database pages copied.
        public var pages: Int
        /// `PRAGMA integrity_check` of the copy: always "ok" (a copy that is not sound is never kept).
        public var integrity: String
    }

    /// Copies this database into the file `destination`, atomically:
    ///
    /// 1. the whole database is copied in ONE `sqlite3_backup_step(-1)`, which reads it inside a
    ///    single read transaction: the copy is the snapshot of one moment, with every committed
    ///    transaction either wholly in it or wholly absent, whatever writers do meanwhile (in WAL
    ///    mode they are not blocked, and a merge that commits later is simply not in the copy);
    /// 2. the copy is switched to a self-contained rollback-journal file (`journal_mode=DELETE`),
    ///    so it is one file that any SQLite tool opens and can be copied anywhere;
    /// 3. `PRAGMA integrity_check` must say "ok" on the copy, else it is deleted and this throws;
    /// 4. it is written under a temporary name in the destination's folder, fsynced, made readable
    ///    by its owner only (it holds school keys and personal data), then renamed over
    ///    `destination` and the folder is fsynced: a crash leaves either no copy or a whole one.
    ///
    /// https://www.sqlite.org/c3ref/backup_finish.html
    @discardableResult
    public func backup(to destination: String, busyRetries: Int = 100) throws -> BackupCopy {
        let target = URL(fileURLWithPath: destination)
        let folder = target.deletingLastPathComponent()
        let tmp = DurableFile.temporaryURL(for: target)
        for suffix in ["", "-journal", "-wal", "-shm"] { unlink(tmp.path + suffix) }
        var keep = false
        defer { if !keep { for suffix in ["", "-journal", "-wal", "-shm"] { unlink(tmp.path + suffix) } } }
        // Private from the first page (a district's copy holds every school's key); SQLite gives its
        // journal the same mode.
        let created = open(tmp.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        guard created >= 0 else {
            throw SQLiteError(code: SQLITE_CANTOPEN, message: DurableFile.cannotWrite(in: folder, errno), sql: nil)
        }
        close(created)

        var copy: OpaquePointer?
        let openRC = sqlite3_open_v2(tmp.path, &copy, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
        guard openRC == SQLITE_OK, let copy else {
            let message = copy.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot create the copy"
            if let copy { sqlite3_close_v2(copy) }
            throw SQLiteError(code: openRC, message: "\(tmp.path): \(message)", sql: nil)
        }
        var closed = false
        defer { if !closed { sqlite3_close_v2(copy) } }
        sqlite3_extended_result_codes(copy, 1)
        func copyError(_ rc: Int32, _ what: String) -> SQLiteError {
            SQLiteError(code: sqlite3_extended_errcode(copy) != 0 ? sqlite3_extended_errcode(copy) : rc,
                        message: "\(what): \(String(cString: sqlite3_errmsg(copy)))", sql: nil)
        }

        // Step 1: the whole database in one step, so in one read transaction of the source.
        guard let backup = sqlite3_backup_init(copy, "main", handle, "main") else {
            throw copyError(SQLITE_ERROR, "cannot start the backup")
        }
        var rc: Int32 = SQLITE_OK
        var attempts = 0
        repeat {
            rc = sqlite3_backup_step(backup, -1)
            if rc == SQLITE_BUSY || rc == SQLITE_LOCKED {
                // Only while another connection holds an exclusive lock (WAL recovery): wait and retry.
                attempts += 1
                sqlite3_sleep(100)
            }
        } while (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) && attempts < busyRetries
        let pages = Int(sqlite3_backup_pagecount(backup))
        let finishRC = sqlite3_backup_finish(backup)
        guard rc == SQLITE_DONE else {
            throw SQLiteError(code: rc, message: "backup of \(path) did not complete: \(String(cString: sqlite3_errstr(rc)))", sql: nil)
        }
        guard finishRC == SQLITE_OK else { throw copyError(finishRC, "backup of \(path) failed") }

        // Step 2 and 3: a self-contained file, checked.
        func exec(_ sql: String) throws -> [String] {
            var stmt: OpaquePointer?
            guard sqlite3_prepare_v2(copy, sql, -1, &stmt, nil) == SQLITE_OK, let stmt else { throw copyError(SQLITE_ERROR, sql) }
            defer { sqlite3_finalize(stmt) }
            var out: [String] = []
            while true {
                let step = sqlite3_step(stmt)
                if step == SQLITE_DONE { break }
                guard step == SQLITE_ROW else { throw copyError(step, sql) }
                out.append(sqlite3_column_text(stmt, 0).map { String(cString: $0) } ?? "")
            }
            return out
        }
        let mode = try exec("PRAGMA journal_mode = DELETE").first?.lowercased()
        guard mode == "delete" else { throw copyError(SQLITE_ERROR, "cannot make the copy a single file (journal mode \(mode ?? "?"))") }
        let integrity = try exec("PRAGMA integrity_check").joined(separator: "; ")
        guard integrity == "ok" else {
            throw SQLiteError(code: SQLITE_CORRUPT, message: "the copy of \(path) fails its integrity check (\(integrity.prefix(300))); the source may be damaged", sql: nil)
        }
        let closeRC = sqlite3_close_v2(copy)
        closed = true
        guard closeRC == SQLITE_OK else { throw SQLiteError(code: closeRC, message: "cannot close the copy \(tmp.path)", sql: nil) }

        // Step 4: flushed, private, renamed into place.
        chmod(tmp.path, 0o600)
        let fd = open(tmp.path, O_RDONLY)
        guard fd >= 0 else { throw SQLiteError(code: SQLITE_IOERR, message: "cannot reopen \(tmp.path): \(String(cString: strerror(errno)))", sql: nil) }
        let synced = fsync(fd)
        close(fd)
        guard synced == 0 else { throw SQLiteError(code: SQLITE_IOERR, message: "cannot flush \(tmp.path): \(String(cString: strerror(errno)))", sql: nil) }
        guard rename(tmp.path, target.path) == 0 else {
            throw SQLiteError(code: SQLITE_IOERR, message: "cannot rename the copy to \(target.path): \(String(cString: strerror(errno)))", sql: nil)
        }
        keep = true
        do { try DurableFile.syncDirectory(folder) } catch {
            throw SQLiteError(code: SQLITE_IOERR, message: "\(error)", sql: nil)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: target.path)[.size] as? NSNumber)?.intValue ?? 0
        return BackupCopy(path: target.path, bytes: size, pages: pages, integrity: integrity)
    }
}
