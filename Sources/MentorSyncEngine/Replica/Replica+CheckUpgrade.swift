/// Rewrites the enumeration CHECKs of tables created before they were written as equalities
/// (`ColumnSchema.earlierCheckSQL` → `checkSQL`). The two accept exactly the same values, so no
/// row is touched: only the table's text in the schema changes, by SQLite's documented procedure
/// for constraint changes that leave the stored content as it is.
/// https://www.sqlite.org/lang_altertable.html#otheralter
extension Replica {
    static func upgradeEnumerationChecks(_ db: Database, _ schema: SyncSchema) throws {
        guard !(try rewrittenChecks(db, schema)).isEmpty else { return }
        try db.transaction {
            // Read again under the write lock: another process may have done it meanwhile.
            let rewrites = try rewrittenChecks(db, schema)
            guard !rewrites.isEmpty else { return }
            let version = try db.scalar("PRAGMA schema_version")?.integer ?? 0
            try db.execute("PRAGMA writable_schema = ON")
            do {
                for (table, sql) in rewrites {
                    try db.execute("UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?", [.text(sql), .text(table)])
                }
                try db.execute("PRAGMA schema_version = \(version + 1)")
            } catch {
                try? db.execute("PRAGMA writable_schema = OFF")
                throw error
            }
            try db.execute("PRAGMA writable_schema = OFF")
        }
    }

    /// The synced tables whose stored text holds an earlier CHECK, with their text rewritten.
    private static func rewrittenChecks(_ db: Database, _ schema: SyncSchema) throws -> [(String, String)] {
        var rewrites: [(String, String)] = []
        for table in schema.tables where table.columns.contains(where: { $0.earlierCheckSQL != nil }) {
            guard let stored = try db.scalar("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [.text(table.name)])?.text else { continue }
            var sql = stored
            for c in table.columns {
                guard let old = c.earlierCheckSQL, let new = c.checkSQL else { continue }
                sql = sql.replacingOccurrences(of: old, with: new)
            }
            if sql != stored { rewrites.append((table.name, sql)) }
        }
        return rewrites
    }
}
