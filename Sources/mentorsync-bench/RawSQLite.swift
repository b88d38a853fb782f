import CSQLite
import Foundation
import MentorSyncEngine

/// A bare SQLite connection for the reference sides of the benchmark (plain tables, the session
/// extension, changeset apply). It binds and steps exactly like the capture side, so the only
/// difference measured is what the database does.
final class RawDatabase {
    let handle: OpaquePointer
    let path: String

    /// Opens `path` with the engine's settings: a new file's page size (`Database.newFilePageSize`),
    /// WAL, synchronous NORMAL, a 32 MiB page cache.
    /// https://www.sqlite.org/c3ref/open.html
    init(path: String) throws {
        var db: OpaquePointer?
        let rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nil)
        guard rc == SQLITE_OK, let db else {
            if let db { sqlite3_close_v2(db) }
            throw BenchError.sqlite("cannot open \(path) (code \(rc))")
        }
        handle = db
        self.path = path
        sqlite3_busy_timeout(db, 10_000)
        try execute("PRAGMA cache_size = -32768")
        try execute("PRAGMA foreign_keys = OFF")
        try execute("PRAGMA page_size = \(Database.newFilePageSize)")
        try execute("PRAGMA journal_mode = WAL")
        try execute("PRAGMA synchronous = NORMAL")
    }

    deinit { sqlite3_close_v2(handle) }

    /// https://www.sqlite.org/c3ref/exec.html
    func execute(_ sql: String) throws {
        var err: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &err)
        if rc != SQLITE_OK {
            let message = err.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(err)
            throw BenchError.sqlite("\(message) (in: \(sql.prefix(120)))")
        }
    }

    func prepare(_ sql: String) throws -> RawStatement { try RawStatement(self, sql) }

    func scalarInt(_ sql: String) throws -> Int64 {
        let s = try prepare(sql)
        return try s.step() ? sqlite3_column_int64(s.handle, 0) : 0
    }

    func lastError() -> String { String(cString: sqlite3_errmsg(handle)) }
}

/// A prepared statement of a `RawDatabase`.
/// https://www.sqlite.org/c3ref/stmt.html
final class RawStatement {
    let handle: OpaquePointer
    let database: RawDatabase

    init(_ database: RawDatabase, _ sql: String) throws {
        var stmt: OpaquePointer?
        guard sqlite3_prepare_v2(database.handle, sql, -1, &stmt, nil) == SQLITE_OK, let stmt else {
            throw BenchError.sqlite("\(database.lastError()) (in: \(sql.prefix(120)))")
        }
        handle = stmt
        self.database = database
    }

    deinit { sqlite3_finalize(handle) }

    /// https://www.sqlite.org/c3ref/bind_blob.html
    func bind(_ value: String?, at index: Int32) {
        if let value {
            sqlite3_bind_text(handle, index, value, -1, mentorsync_sqlite_transient())
        } else {
            sqlite3_bind_null(handle, index)
        }
    }

    /// Steps once: true when a row is available.
    @discardableResult
    func step() throws -> Bool {
        switch sqlite3_step(handle) {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let message = database.lastError()
            sqlite3_reset(handle)
            throw BenchError.sqlite(message)
        }
    }

    /// Steps to completion and resets, ready for the next row.
    func run() throws {
        while try step() {}
        sqlite3_reset(handle)
    }
}

enum BenchError: Error, CustomStringConvertible {
    case sqlite(String)
    case zlib(String)
    case usage(String)
    case child(String)
    case unexpected(String)

    var description: String {
        switch self {
        case .sqlite(let m): return "sqlite: \(m)"
        case .zlib(let m): return "zlib: \(m)"
        case .usage(let m): return m
        case .child(let m): return "memory child: \(m)"
        case .unexpected(let m): return m
        }
    }
}
