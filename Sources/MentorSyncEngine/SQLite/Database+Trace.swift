import CSQLite

extension Database {
    /// The statements this connection ran while `body` ran, each with its values bound (SQLite's
    /// expanded text), in order, those of triggers left out: what tests read to see how a page or a
    /// command asks its questions (how many, and by which query plan), never a timing.
    /// https://www.sqlite.org/c3ref/trace_v2.html
    public func statementsRun(during body: () throws -> Void) throws -> [String] {
        let box = StatementLog()
        let context = Unmanaged.passRetained(box)
        defer { context.release() }
        sqlite3_trace_v2(handle, UInt32(SQLITE_TRACE_STMT), { _, context, statement, text in
            guard let context, let statement, let text else { return 0 }
            // A trigger's statements come as "-- " comments (its own text), the statement itself as run.
            let raw = String(cString: text.assumingMemoryBound(to: CChar.self))
            guard !raw.hasPrefix("--") else { return 0 }
            let log = Unmanaged<StatementLog>.fromOpaque(context).takeUnretainedValue()
            if let expanded = sqlite3_expanded_sql(OpaquePointer(statement)) {
                log.statements.append(String(cString: expanded))
                sqlite3_free(expanded)
            } else {
                log.statements.append(raw)
            }
            return 0
        }, context.toOpaque())
        defer { sqlite3_trace_v2(handle, 0, nil, nil) }
        try body()
        return box.statements
    }
}

private final class StatementLog {
    var statements: [String] = []
}
