/// The statements of the per-row paths (merge, fold, export), prepared once per replica.
struct RowStatements {
    var storeIndex: Statement?
    var updateIndex: Statement?
    var insertIndexIfAbsent: Statement?
    var insertImplicitIfAbsent: Statement?
    /// By table number: load a row's entry with its clock, select the values, insert (or replace)
    /// a row, update every cell, write the clock into the row.
    var load: [Int: Statement] = [:]
    var select: [Int: Statement] = [:]
    var insert: [Int: Statement] = [:]
    var update: [Int: Statement] = [:]
    var clockInRow: [Int: Statement] = [:]
}

extension Replica {
    /// A row's entry in `msync_rows` and, for a live row, the clock in its row (Replica+RowStore).
    func loadRowStatement(_ table: Int) throws -> Statement {
        if let s = rowStatements.load[table] { return s }
        let sql: String
        if let t = schema.table(number: table) {
            sql = """
                SELECT r.org_id, r.alive, r.local, r.clock, t.msync_clock FROM msync_rows r
                  LEFT JOIN \(SQL.identifier(t.name)) t ON r.alive = 1 AND t.id = r.id WHERE r.tbl = ?1 AND r.id = ?2
                """
        } else {
            sql = "SELECT org_id, alive, local, clock, NULL FROM msync_rows WHERE tbl = ?1 AND id = ?2"
        }
        let s = try database.prepare(sql)
        rowStatements.load[table] = s
        return s
    }

    func storeIndexStatement() throws -> Statement {
        if let s = rowStatements.storeIndex { return s }
        let s = try database.prepare("INSERT OR REPLACE INTO msync_rows(tbl, id, org_id, alive, local, clock) VALUES (?, ?, ?, ?, ?, ?)")
        rowStatements.storeIndex = s
        return s
    }

    func updateIndexStatement() throws -> Statement {
        if let s = rowStatements.updateIndex { return s }
        let s = try database.prepare("UPDATE msync_rows SET org_id = ?3, alive = ?4, local = ?5, clock = ?6, fp = NULL WHERE tbl = ?1 AND id = ?2")
        rowStatements.updateIndex = s
        return s
    }

    /// The entry of a row whose clock it implies, with the row's fingerprint (Replica+RowStore).
    func insertImplicitIfAbsentStatement() throws -> Statement {
        if let s = rowStatements.insertImplicitIfAbsent { return s }
        let s = try database.prepare("INSERT INTO msync_rows(tbl, id, org_id, alive, local, clock, fp) VALUES (?, ?, ?, ?, ?, x'', ?) ON CONFLICT DO NOTHING")
        rowStatements.insertImplicitIfAbsent = s
        return s
    }

    func insertIndexIfAbsentStatement() throws -> Statement {
        if let s = rowStatements.insertIndexIfAbsent { return s }
        let s = try database.prepare("INSERT INTO msync_rows(tbl, id, org_id, alive, local, clock) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
        rowStatements.insertIndexIfAbsent = s
        return s
    }

    /// `UPDATE <table> SET msync_clock = ?1, msync_fp = ?2 WHERE id = ?3`
    func clockInRowStatement(_ table: TableSchema) throws -> Statement {
        try tableStatement(\.clockInRow, table) { _ in
            "UPDATE \(SQL.identifier(table.name)) SET msync_clock = ?1, msync_fp = ?2 WHERE id = ?3"
        }
    }

    /// `SELECT org_id, <columns>, msync_clock FROM <table> WHERE id = ?`
    func selectStatement(_ table: TableSchema) throws -> Statement {
        try tableStatement(\.select, table) { $0.select }
    }

    /// `INSERT OR REPLACE INTO <table> (id, org_id, <columns>, msync_clock, msync_fp) VALUES (…)`
    func insertStatement(_ table: TableSchema) throws -> Statement {
        try tableStatement(\.insert, table) { $0.insert }
    }

    /// `UPDATE <table> SET org_id = ?, <columns> = ? … WHERE id = ?`
    func updateStatement(_ table: TableSchema) throws -> Statement {
        try tableStatement(\.update, table) { $0.update }
    }

    private func tableStatement(_ cache: WritableKeyPath<RowStatements, [Int: Statement]>, _ table: TableSchema,
                                _ text: (TableSQL) -> String) throws -> Statement {
        if let s = rowStatements[keyPath: cache][table.number] { return s }
        let s = try database.prepare(text(sqlText(table)))
        rowStatements[keyPath: cache][table.number] = s
        return s
    }
}
