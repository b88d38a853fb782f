/// The statements of the per-row paths (merge, fold, export), prepared once per replica.
struct RowStatements {
    var loadRow: Statement?
    var storeRow: Statement?
    var updateRow: Statement?
    var insertRowIfAbsent: Statement?
    /// By table number: select the values, insert (or replace) a row, update every cell.
    var select: [Int: Statement] = [:]
    var insert: [Int: Statement] = [:]
    var update: [Int: Statement] = [:]
}

extension Replica {
    func loadRowStatement() throws -> Statement {
        if let s = rowStatements.loadRow { return s }
        let s = try database.prepare("SELECT org_id, alive, local, clock FROM msync_rows WHERE tbl = ? AND id = ?")
        rowStatements.loadRow = s
        return s
    }

    func storeRowStatement() throws -> Statement {
        if let s = rowStatements.storeRow { return s }
        let s = try database.prepare("INSERT OR REPLACE INTO msync_rows(tbl, id, org_id, alive, local, clock, fp) VALUES (?, ?, ?, ?, ?, ?, ?)")
        rowStatements.storeRow = s
        return s
    }

    func updateRowStatement() throws -> Statement {
        if let s = rowStatements.updateRow { return s }
        let s = try database.prepare("UPDATE msync_rows SET org_id = ?3, alive = ?4, local = ?5, clock = ?6, fp = ?7 WHERE tbl = ?1 AND id = ?2")
        rowStatements.updateRow = s
        return s
    }

    func insertRowIfAbsentStatement() throws -> Statement {
        if let s = rowStatements.insertRowIfAbsent { return s }
        let s = try database.prepare("INSERT INTO msync_rows(tbl, id, org_id, alive, local, clock, fp) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")
        rowStatements.insertRowIfAbsent = s
        return s
    }

    /// `SELECT org_id, <columns> FROM <table> WHERE id = ?`
    func selectStatement(_ table: TableSchema) throws -> Statement {
        try tableStatement(\.select, table) { $0.select }
    }

    /// `INSERT OR REPLACE INTO <table> (id, org_id, <columns>) VALUES (…)`
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
