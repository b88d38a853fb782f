import CSQLite

/// SQLite's own change recording (the session extension), the reference for capture and merge.
/// https://www.sqlite.org/sessionintro.html
final class SessionRecorder {
    private let session: OpaquePointer
    /// Held so the connection outlives the session (a session must be deleted before its database closes).
    private let database: RawDatabase

    /// Attaches a session to `table` of `db`: from now on every change to it is recorded.
    /// https://www.sqlite.org/session/sqlite3session_create.html
    init(_ db: RawDatabase, table: String) throws {
        var s: OpaquePointer?
        let rc = sqlite3session_create(db.handle, "main", &s)
        guard rc == SQLITE_OK, let s else { throw BenchError.sqlite("sqlite3session_create failed (\(rc))") }
        session = s
        database = db
        let attached = sqlite3session_attach(s, table)
        guard attached == SQLITE_OK else { throw BenchError.sqlite("sqlite3session_attach failed (\(attached))") }
    }

    deinit { sqlite3session_delete(session) }

    /// The changeset of everything recorded so far.
    /// https://www.sqlite.org/session/sqlite3session_changeset.html
    func changeset() throws -> [UInt8] {
        var n: Int32 = 0
        var p: UnsafeMutableRawPointer?
        let rc = sqlite3session_changeset(session, &n, &p)
        guard rc == SQLITE_OK else { throw BenchError.sqlite("sqlite3session_changeset failed (\(rc))") }
        defer { sqlite3_free(p) }
        guard let p, n > 0 else { return [] }
        return Array(UnsafeRawBufferPointer(start: p, count: Int(n)))
    }
}

enum Changeset {
    /// Applies `changeset` to `db` with a conflict handler that answers REPLACE wherever SQLite
    /// allows it (DATA and CONFLICT) and OMIT otherwise. Returns how often the handler was called.
    /// https://www.sqlite.org/session/sqlite3changeset_apply.html
    @discardableResult
    static func apply(_ changeset: [UInt8], to db: RawDatabase) throws -> Int {
        var conflicts = 0
        let rc = changeset.withUnsafeBytes { buf in
            withUnsafeMutablePointer(to: &conflicts) { counter in
                sqlite3changeset_apply(db.handle, Int32(buf.count), UnsafeMutableRawPointer(mutating: buf.baseAddress),
                                       nil, { ctx, kind, _ in
                                           ctx!.assumingMemoryBound(to: Int.self).pointee += 1
                                           return kind == SQLITE_CHANGESET_DATA || kind == SQLITE_CHANGESET_CONFLICT
                                               ? SQLITE_CHANGESET_REPLACE : SQLITE_CHANGESET_OMIT
                                       }, counter)
            }
        }
        guard rc == SQLITE_OK else { throw BenchError.sqlite("sqlite3changeset_apply failed (\(rc)): \(db.lastError())") }
        return conflicts
    }
}
