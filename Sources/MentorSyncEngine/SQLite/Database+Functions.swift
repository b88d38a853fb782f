import CSQLite

/// Scalar SQL functions written in Swift, so that a statement can compute what would otherwise
/// take a read, a Swift step and a write per row (a merge deciding a row's update inside one UPDATE).
/// https://www.sqlite.org/c3ref/create_function.html
extension Database {
    /// Defines (or replaces) the scalar function `name` on this connection.
    ///
    /// `arguments`: how many it takes, -1 for any number (SQLite allows at most 127 by default).
    /// `deterministic`: the same arguments always give the same result, so SQLite may compute it
    /// once per statement and allow it in indexes and CHECK constraints.
    /// `body` must set the result through the context (nothing set is NULL); the arguments and
    /// any bytes read from them are valid only during the call. Defining the same name and number
    /// of arguments again releases the earlier closure (SQLite calls its destructor), as does closing.
    func defineFunction(_ name: String, arguments: Int32, deterministic: Bool,
                        _ body: @escaping (SQLiteFunctionContext, SQLiteFunctionArguments) -> Void) throws {
        let box = Unmanaged.passRetained(FunctionBox(body)).toOpaque()
        let flags = SQLITE_UTF8 | (deterministic ? SQLITE_DETERMINISTIC : 0)
        // On failure SQLite calls the destructor itself: the box is not released here.
        let rc = sqlite3_create_function_v2(handle, name, arguments, flags, box, { context, count, values in
            guard let context, let app = sqlite3_user_data(context) else { return }
            let box = Unmanaged<FunctionBox>.fromOpaque(app).takeUnretainedValue()
            box.body(SQLiteFunctionContext(handle: context), SQLiteFunctionArguments(count: Int(count), values: values))
        }, nil, nil, { app in
            if let app { Unmanaged<FunctionBox>.fromOpaque(app).release() }
        })
        guard rc == SQLITE_OK else { throw error(code: rc, sql: "function \(name)") }
    }
}

/// The closure of one defined function, kept alive by SQLite until it drops the function.
private final class FunctionBox {
    let body: (SQLiteFunctionContext, SQLiteFunctionArguments) -> Void
    init(_ body: @escaping (SQLiteFunctionContext, SQLiteFunctionArguments) -> Void) { self.body = body }
}

/// Where a function call's result goes. https://www.sqlite.org/c3ref/result_blob.html
struct SQLiteFunctionContext {
    let handle: OpaquePointer

    /// The bytes are copied by SQLite.
    func result(blob: UnsafeRawBufferPointer) {
        // A zero-length blob is still a blob (a nil pointer would make it NULL).
        if blob.isEmpty { sqlite3_result_zeroblob(handle, 0); return }
        sqlite3_result_blob64(handle, blob.baseAddress, sqlite3_uint64(blob.count), mentorsync_sqlite_transient())
    }

    func result(blob: [UInt8]) { blob.withUnsafeBytes { result(blob: $0) } }
    func result(_ value: Int64) { sqlite3_result_int64(handle, value) }
    func result(_ value: Bool) { sqlite3_result_int(handle, value ? 1 : 0) }
    func resultNull() { sqlite3_result_null(handle) }
    /// Fails the statement with `message`.
    func resultError(_ message: String) { sqlite3_result_error(handle, message, -1) }
}

/// A call's arguments, read in place. https://www.sqlite.org/c3ref/value_blob.html
struct SQLiteFunctionArguments {
    let count: Int
    fileprivate let values: UnsafeMutablePointer<OpaquePointer?>?

    subscript(index: Int) -> SQLiteArgument {
        precondition(index >= 0 && index < count, "argument \(index) of \(count)")
        return SQLiteArgument(handle: values![index]!)
    }
}

/// One argument of a call: its type and value, without making a `DatabaseValue`.
struct SQLiteArgument {
    let handle: OpaquePointer

    /// SQLITE_INTEGER, SQLITE_FLOAT, SQLITE_TEXT, SQLITE_BLOB or SQLITE_NULL.
    var type: Int32 { sqlite3_value_type(handle) }
    var isNull: Bool { type == SQLITE_NULL }
    var int64: Int64 { sqlite3_value_int64(handle) }
    var double: Double { sqlite3_value_double(handle) }

    /// The value's bytes as a blob (text as its UTF-8 bytes), valid during the call only.
    /// The pointer is asked for before the length, as SQLite requires.
    var blob: UnsafeRawBufferPointer {
        let p = sqlite3_value_blob(handle)
        let n = Int(sqlite3_value_bytes(handle))
        return UnsafeRawBufferPointer(start: n > 0 ? p : nil, count: n > 0 ? n : 0)
    }

    /// The value as UTF-8 text bytes (SQLite's bytes as stored: not necessarily valid UTF-8),
    /// valid during the call only.
    var text: UnsafeBufferPointer<UInt8> {
        let p = sqlite3_value_text(handle)
        let n = Int(sqlite3_value_bytes(handle))
        return UnsafeBufferPointer(start: n > 0 ? p : nil, count: n > 0 ? n : 0)
    }
}
