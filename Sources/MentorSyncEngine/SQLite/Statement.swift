import CSQLite

/// A prepared statement, reused across many executions.
/// https://www.sqlite.org/c3ref/stmt.html
public final class Statement {
    let handle: OpaquePointer
    unowned let database: Database
    public let sql: String

    init(database: Database, sql: String) throws {
        var stmt: OpaquePointer?
        let rc = sqlite3_prepare_v2(database.handle, sql, -1, &stmt, nil)
        guard rc == SQLITE_OK, let stmt else {
            throw database.error(code: rc, sql: sql)
        }
        self.handle = stmt
        self.database = database
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    public var columnCount: Int { Int(sqlite3_column_count(handle)) }
    public func columnName(_ index: Int) -> String { String(cString: sqlite3_column_name(handle, Int32(index))) }

    /// Binds values to the parameters ?1, ?2, … in order.
    /// https://www.sqlite.org/c3ref/bind_blob.html
    public func bind(_ values: [DatabaseValue]) throws {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (i, value) in values.enumerated() { try bind(value, at: i + 1) }
    }

    /// Binds `values` to ?first, ?first+1, … without clearing the others (the caller binds them).
    public func bind(_ values: [DatabaseValue], from first: Int) throws {
        for i in values.indices { try bind(values[i], at: first + i) }
    }

    /// Steps a statement that returns no rows to its end, then resets it (its bindings stay).
    public func run() throws {
        defer { sqlite3_reset(handle) }
        while try step() {}
    }

    /// Binds `values` to ?first, ?first+1, … without copying their bytes into SQLite (SQLITE_STATIC,
    /// https://www.sqlite.org/c3ref/bind_blob.html), runs the
    /// statement to its end, then resets it and clears every binding while the bytes are still
    /// there: the statement never holds a pointer to bytes that are gone.
    /// For the per-row writes of a merge: a copy of every text and blob was a tenth of inserting a row.
    public func run(binding values: [DatabaseValue], from first: Int) throws {
        do {
            try bindInPlace(values, values.startIndex, at: Int32(first))
        } catch {
            // A value SQLite refused to bind: the ones bound before it are let go (nothing reads them).
            sqlite3_reset(handle); sqlite3_clear_bindings(handle)
            throw error
        }
    }

    /// Binds values[i...] in place, each text and blob for as long as the nested calls run, and
    /// steps the statement to its end at the innermost.
    private func bindInPlace(_ values: [DatabaseValue], _ i: Int, at index: Int32) throws {
        guard i < values.endIndex else {
            defer { sqlite3_reset(handle); sqlite3_clear_bindings(handle) }
            while try step() {}
            return
        }
        let rc: Int32
        switch values[i] {
        case .text(let v) where !v.isEmpty:
            var v = v
            try v.withUTF8 { bytes in
                let rc = sqlite3_bind_text64(handle, index, UnsafeRawPointer(bytes.baseAddress!).assumingMemoryBound(to: CChar.self),
                                             sqlite3_uint64(bytes.count), nil, UInt8(SQLITE_UTF8))
                guard rc == SQLITE_OK else { throw database.error(code: rc, sql: sql) }
                try bindInPlace(values, i + 1, at: index + 1)
            }
            return
        case .blob(let v):
            try v.withUnsafeBytes { bytes in
                // The address as `bind(_:at:)` passes it, so a value is bound alike by both.
                let rc = sqlite3_bind_blob64(handle, index, bytes.baseAddress, sqlite3_uint64(bytes.count), nil)
                guard rc == SQLITE_OK else { throw database.error(code: rc, sql: sql) }
                try bindInPlace(values, i + 1, at: index + 1)
            }
            return
        case .text: rc = bindText("", at: index)
        case .null: rc = sqlite3_bind_null(handle, index)
        case .integer(let v): rc = sqlite3_bind_int64(handle, index, v)
        case .real(let v): rc = sqlite3_bind_double(handle, index, v)
        }
        guard rc == SQLITE_OK else { throw database.error(code: rc, sql: sql) }
        try bindInPlace(values, i + 1, at: index + 1)
    }

    public func bind(_ value: DatabaseValue, at index: Int) throws {
        let i = Int32(index)
        let rc: Int32
        switch value {
        case .null: rc = sqlite3_bind_null(handle, i)
        case .integer(let v): rc = sqlite3_bind_int64(handle, i, v)
        case .real(let v): rc = sqlite3_bind_double(handle, i, v)
        case .text(let v): rc = bindText(v, at: i)
        case .blob(let v):
            rc = v.withUnsafeBytes { sqlite3_bind_blob(handle, i, $0.baseAddress, Int32($0.count), mentorsync_sqlite_transient()) }
        }
        guard rc == SQLITE_OK else { throw database.error(code: rc, sql: sql) }
    }

    public func bind(_ value: Int64, at index: Int) throws {
        let rc = sqlite3_bind_int64(handle, Int32(index), value)
        guard rc == SQLITE_OK else { throw database.error(code: rc, sql: sql) }
    }

    public func bind(_ value: String, at index: Int) throws {
        let rc = bindText(value, at: Int32(index))
        guard rc == SQLITE_OK else { throw database.error(code: rc, sql: sql) }
    }

    /// Binds text with its byte length, so a value holding a NUL (Python's sqlite3 writes them)
    /// is stored whole, not cut at the first NUL as a length of -1 would.
    private func bindText(_ value: String, at index: Int32) -> Int32 {
        value.withCString {
            sqlite3_bind_text64(handle, index, $0, sqlite3_uint64(value.utf8.count), mentorsync_sqlite_transient(), UInt8(SQLITE_UTF8))
        }
    }

    public func reset() { sqlite3_reset(handle) }

    /// Steps once: true when a row is available.
    /// https://www.sqlite.org/c3ref/step.html
    @discardableResult
    public func step() throws -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let err = database.error(code: rc, sql: sql)
            sqlite3_reset(handle)
            throw err
        }
    }

    /// Runs the statement to completion with these values.
    public func execute(_ values: [DatabaseValue] = []) throws {
        try bind(values)
        while try step() {}
        sqlite3_reset(handle)
    }

    public func value(at index: Int) -> DatabaseValue {
        let i = Int32(index)
        switch sqlite3_column_type(handle, i) {
        case SQLITE_INTEGER: return .integer(sqlite3_column_int64(handle, i))
        case SQLITE_FLOAT: return .real(sqlite3_column_double(handle, i))
        case SQLITE_TEXT: return .text(string(at: index) ?? "")
        case SQLITE_BLOB: return .blob(bytes(at: index))
        default: return .null
        }
    }

    public func int64(at index: Int) -> Int64 { sqlite3_column_int64(handle, Int32(index)) }
    public func isNull(at index: Int) -> Bool { sqlite3_column_type(handle, Int32(index)) == SQLITE_NULL }

    public func string(at index: Int) -> String? {
        guard let p = sqlite3_column_text(handle, Int32(index)) else { return nil }
        let n = Int(sqlite3_column_bytes(handle, Int32(index)))
        return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }

    public func bytes(at index: Int) -> [UInt8] {
        let i = Int32(index)
        let n = Int(sqlite3_column_bytes(handle, i))
        guard n > 0, let p = sqlite3_column_blob(handle, i) else { return [] }
        return Array(UnsafeRawBufferPointer(start: p, count: n))
    }

    public func row() -> [DatabaseValue] { (0..<columnCount).map { value(at: $0) } }
}
