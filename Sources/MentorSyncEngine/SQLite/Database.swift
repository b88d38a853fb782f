import CSQLite
import Foundation

/// A connection to one SQLite database file.
/// Write transactions use `BEGIN IMMEDIATE` with a busy timeout; WAL is switched on and checked.
public final class Database {
    let handle: OpaquePointer
    public let path: String
    private var statementCache: [String: Statement] = [:]

    /// SQLite's process-wide settings, made once before its first connection: no memory
    /// statistics (nothing here reads them), which spares every allocation SQLite makes a lock.
    public static let configureProcess: Void = {
        _ = mentorsync_config_memstatus(0)
    }()

    /// The page size a new database file is created with.
    public static let newFilePageSize = 2048

    public struct Options: Sendable {
        public var busyTimeoutMilliseconds: Int32 = 10_000
        public var cacheSizeKiB: Int = 32 * 1024
        public var readOnly = false
        public var create = true
        public init() {}
    }

    /// Opens (or creates) a database.
    /// https://www.sqlite.org/c3ref/open.html
    public init(path: String, options: Options = Options()) throws {
        Database.configureProcess
        var db: OpaquePointer?
        var flags = SQLITE_OPEN_NOMUTEX
        if options.readOnly { flags |= SQLITE_OPEN_READONLY } else {
            flags |= SQLITE_OPEN_READWRITE
            if options.create { flags |= SQLITE_OPEN_CREATE }
        }
        // The default VFS, but the write-ahead log's writes gathered (LogWriteVFS).
        let rc = sqlite3_open_v2(path, &db, flags, LogWriteVFS.registered)
        guard rc == SQLITE_OK, let db else {
            let message = db.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            if let db { sqlite3_close_v2(db) }
            throw SQLiteError(code: rc, message: message, sql: nil)
        }
        self.handle = db
        self.path = path
        fileIdentity = Database.fileIdentity(path)
        sqlite3_extended_result_codes(db, 1)
        sqlite3_busy_timeout(db, options.busyTimeoutMilliseconds)
        try execute("PRAGMA cache_size = -\(options.cacheSizeKiB)")
        try execute("PRAGMA foreign_keys = OFF")
        if !options.readOnly && path != ":memory:" && !path.isEmpty {
            // WAL lets readers (status, list, other tools) run while the daemon merges.
            // https://www.sqlite.org/wal.html
            // Pages of 2 KiB for a new file (an existing file keeps its own): a change to a row
            // rewrites its whole page in the log and again at the checkpoint, and rows change one
            // here and one there — a district's daily pass wrote 100 MiB with 4 KiB pages, 58 MiB
            // with 2 KiB (5,000 changed rows of 500,000), at 8% of the speed of loading new rows.
            // https://www.sqlite.org/pragma.html#pragma_page_size
            try execute("PRAGMA page_size = \(Database.newFilePageSize)")
            let mode = try scalar("PRAGMA journal_mode = WAL")?.text?.lowercased()
            guard mode == "wal" else {
                throw SQLiteError(code: SQLITE_ERROR, message: "could not switch \(path) to WAL journal mode (got \(mode ?? "nothing"))", sql: nil)
            }
            try execute("PRAGMA synchronous = NORMAL")
        }
    }

    deinit {
        statementCache.removeAll()
        sqlite3_close_v2(handle)
    }

    func error(code: Int32, sql: String?) -> SQLiteError {
        SQLiteError(code: sqlite3_extended_errcode(handle), message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }

    /// Runs one or more statements with no parameters.
    /// https://www.sqlite.org/c3ref/exec.html
    public func execute(_ sql: String) throws {
        var errmsg: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &errmsg)
        if rc != SQLITE_OK {
            let message = errmsg.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(errmsg)
            throw SQLiteError(code: sqlite3_extended_errcode(handle), message: message, sql: sql)
        }
    }

    /// Runs one statement with parameters.
    public func execute(_ sql: String, _ values: [DatabaseValue]) throws {
        try cachedStatement(sql).execute(values)
    }

    public func prepare(_ sql: String) throws -> Statement { try Statement(database: self, sql: sql) }

    /// A prepared statement kept for reuse by this connection.
    public func cachedStatement(_ sql: String) throws -> Statement {
        if let s = statementCache[sql] { return s }
        let s = try prepare(sql)
        statementCache[sql] = s
        return s
    }

    /// All rows of a query.
    public func rows(_ sql: String, _ values: [DatabaseValue] = []) throws -> [[DatabaseValue]] {
        let stmt = try cachedStatement(sql)
        try stmt.bind(values)
        defer { stmt.reset() }
        var result: [[DatabaseValue]] = []
        while try stmt.step() { result.append(stmt.row()) }
        return result
    }

    /// Runs a query and calls `body` for each row, without collecting them.
    public func forEachRow(_ sql: String, _ values: [DatabaseValue] = [], _ body: (Statement) throws -> Void) throws {
        // The kept statement, unless a caller up the stack is still stepping it (then a new one).
        let cached = try cachedStatement(sql)
        let stmt = sqlite3_stmt_busy(cached.handle) != 0 ? try prepare(sql) : cached
        try stmt.bind(values)
        defer { stmt.reset() }
        while try stmt.step() { try body(stmt) }
    }

    /// The first column of the first row, or nil.
    public func scalar(_ sql: String, _ values: [DatabaseValue] = []) throws -> DatabaseValue? {
        let stmt = try cachedStatement(sql)
        try stmt.bind(values)
        defer { stmt.reset() }
        return try stmt.step() ? stmt.value(at: 0) : nil
    }

    public var changes: Int { Int(sqlite3_changes(handle)) }
    /// Rows this connection has changed since it was opened (triggers' writes included).
    public var totalChanges: Int64 { sqlite3_total_changes64(handle) }
    /// `totalChanges` when `transaction` last began one.
    private var changesAtBegin: Int64 = -1

    /// Whether this connection holds the write lock in a transaction that has changed no row yet:
    /// what it reads is then what another connection to the same file reads, and no other can
    /// commit meanwhile. The count of changes is the one when `transaction` last began one: for a
    /// transaction begun otherwise (a raw BEGIN) it is older, and any change since makes this false.
    var holdsWriteLockUnchanged: Bool {
        isInTransaction && sqlite3_txn_state(handle, "main") == SQLITE_TXN_WRITE && totalChanges == changesAtBegin
    }

    /// The device and inode of the file at `path` when this connection opened it.
    private let fileIdentity: (dev: UInt64, ino: UInt64)?

    /// Whether `path` still names the file this connection opened (a restore renames a registry
    /// aside and puts another in its place while a web app may still hold the first open).
    var fileIsStillAtPath: Bool {
        guard let opened = fileIdentity, let now = Database.fileIdentity(path) else { return false }
        return opened == now
    }

    private static func fileIdentity(_ path: String) -> (dev: UInt64, ino: UInt64)? {
        var st = stat()
        guard !path.isEmpty, path != ":memory:", stat(path, &st) == 0 else { return nil }
        return (UInt64(st.st_dev), UInt64(st.st_ino))
    }

    public var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    public enum TransactionKind: String { case deferred = "DEFERRED", immediate = "IMMEDIATE" }

    /// Runs `body` in a transaction: commits on return, rolls back on error and rethrows the first error.
    /// Inside a transaction already open on this connection (a district pass merging many bundles
    /// in one), `body` runs in a savepoint of it instead: on error only its own writes are undone.
    /// https://www.sqlite.org/lang_transaction.html
    public func transaction<T>(_ kind: TransactionKind = .immediate, _ body: () throws -> T) throws -> T {
        if isInTransaction { return try savepoint("msync_sp", body) }
        try execute("BEGIN \(kind.rawValue)")
        changesAtBegin = totalChanges
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            // A failed COMMIT or some errors roll back by themselves; ask before rolling back again.
            // https://www.sqlite.org/c3ref/get_autocommit.html
            if isInTransaction { try? execute("ROLLBACK") }
            throw error
        }
    }

    /// Runs `body` inside a savepoint; rolls back to it on error.
    public func savepoint<T>(_ name: String = "msync_sp", _ body: () throws -> T) throws -> T {
        try execute("SAVEPOINT \(name)")
        do {
            let result = try body()
            try execute("RELEASE \(name)")
            return result
        } catch {
            // Some errors (a full disk, an I/O error) roll back the whole transaction by themselves.
            if isInTransaction {
                try? execute("ROLLBACK TO \(name)")
                try? execute("RELEASE \(name)")
            }
            throw error
        }
    }

    /// Whether this connection's triggers fire (SQLite's default: they do).
    public private(set) var triggersEnabled = true

    /// Switches triggers on or off for this connection only (a merge writes without being captured).
    /// https://www.sqlite.org/c3ref/c_dbconfig_defensive.html#sqlitedbconfigenabletrigger
    public func setTriggersEnabled(_ on: Bool) throws {
        // Each switch makes SQLite prepare every statement of the connection again at its next use.
        guard on != triggersEnabled else { return }
        let rc = mentorsync_enable_triggers(handle, on ? 1 : 0)
        guard rc == SQLITE_OK else { throw error(code: rc, sql: nil) }
        triggersEnabled = on
    }

    /// `PRAGMA integrity_check` result: "ok" when the file is sound.
    /// https://www.sqlite.org/pragma.html#pragma_integrity_check
    public func integrityCheck() throws -> String {
        try rows("PRAGMA integrity_check").map { $0.first?.displayText ?? "" }.joined(separator: "; ")
    }

    public func tableExists(_ name: String) throws -> Bool {
        try scalar("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", [.text(name)]) != nil
    }

    /// Adds a column to a table made by an older version, when it lacks it: `definition` is what
    /// follows the column's name in `ALTER TABLE … ADD COLUMN` (its type, default, constraints).
    public func addColumnIfMissing(_ table: String, _ column: String, _ definition: String) throws {
        guard try scalar("SELECT 1 FROM pragma_table_info(?) WHERE name = ?", [.text(table), .text(column)]) == nil else { return }
        try execute("ALTER TABLE \(SQL.identifier(table)) ADD COLUMN \(SQL.identifier(column)) \(definition)")
    }

    public func indexExists(_ name: String) throws -> Bool {
        try scalar("SELECT 1 FROM sqlite_master WHERE type='index' AND name=?", [.text(name)]) != nil
    }
}
