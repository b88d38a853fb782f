/// What was found and done when capture was not in place for some tables: most tools change a
/// table (DB Browser's "modify table", ALTER scripts) by creating a copy, dropping the original
/// and renaming the copy, and the capture triggers are dropped with the original.
public struct CaptureRepair: Equatable, Sendable {
    public var tables: [String]
    /// Rows written meanwhile, now captured: new, changed, deleted.
    public var inserted = 0
    public var updated = 0
    public var deleted = 0

    /// One line for the person who runs the command.
    public var notice: String {
        let what = inserted + updated + deleted == 0 ? "nothing was changed meanwhile"
            : "rows changed meanwhile are captured now: \(inserted) new, \(updated) changed, \(deleted) deleted"
        return "capture was off for \(tables.joined(separator: ", ")) (another program rebuilt the table); it is on again and \(what)"
    }
}

extension Replica {
    /// Checks that every synced table has its capture triggers, and re-arms the ones that are gone,
    /// capturing what changed while they were. Cheap when nothing changed: the schema cookie is
    /// compared with the one last checked, and otherwise one read of `sqlite_master`.
    /// Called when a replica is opened, before every fold, and by the daemon on every pass.
    @discardableResult
    public func ensureCapture() throws -> CaptureRepair? {
        // https://www.sqlite.org/pragma.html#pragma_schema_version
        let cookie = try database.scalar("PRAGMA schema_version")?.integer
        if cookie != nil, cookie == checkedSchemaCookie { return nil }
        guard try !captureGaps().isEmpty else {
            checkedSchemaCookie = cookie
            return nil
        }
        let repair = try database.isInTransaction ? try database.savepoint { try repairCapture() }
                                                  : try writeTransaction { try repairCapture() }
        checkedSchemaCookie = try database.scalar("PRAGMA schema_version")?.integer
        if let repair { captureRepairs.append(repair) }
        return repair
    }

    /// The latest time capture was found off and re-armed, and what was done (for `status`).
    public func lastCaptureRepair() throws -> (at: String, repair: CaptureRepair)? {
        guard let r = try database.rows("SELECT at, tables, inserted, updated, deleted FROM msync_capture_repairs ORDER BY n DESC LIMIT 1").first else { return nil }
        return (r[0].displayText, CaptureRepair(tables: r[1].displayText.split(separator: ",").map(String.init),
                                                inserted: Int(r[2].integer ?? 0), updated: Int(r[3].integer ?? 0), deleted: Int(r[4].integer ?? 0)))
    }

    /// Synced tables whose capture triggers are missing or sit on another table.
    func captureGaps() throws -> [TableSchema] {
        var on: [String: String] = [:]
        for r in try database.rows("SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' AND name GLOB 'msync_*'") {
            on[r[0].displayText] = r[1].displayText
        }
        return schema.tables.filter { t in CaptureSQL.triggerNames(for: t).contains { on[$0] != t.name } }
    }

    /// Re-arms capture on the tables that lost it, inside the caller's transaction. What changed
    /// meanwhile is appended to the capture log as the triggers would have, before they are back.
    private func repairCapture() throws -> CaptureRepair? {
        let gaps = try captureGaps()  // again, inside the write lock: another process may have repaired
        guard !gaps.isEmpty else { return nil }
        var repair = CaptureRepair(tables: gaps.map(\.name))
        for table in gaps {
            try Replica.installTable(database, table, triggers: false)
            try captureMissedWrites(table, into: &repair)
            for sql in CaptureSQL.triggers(for: table) { try database.execute(sql) }
        }
        try database.execute("INSERT INTO msync_capture_repairs(at, tables, inserted, updated, deleted) VALUES (?, ?, ?, ?, ?)",
                             [.text(Replica.timestamp()), .text(repair.tables.joined(separator: ",")), .integer(Int64(repair.inserted)),
                              .integer(Int64(repair.updated)), .integer(Int64(repair.deleted))])
        return repair
    }

    /// Compares a table with the row clocks: rows not known alive are new, rows known alive and gone
    /// were deleted, and rows whose values differ from their fingerprint were changed (only the
    /// cells that differ). A row without a fingerprint cannot be proven unchanged: all its cells count.
    private func captureMissedWrites(_ table: TableSchema, into repair: inout CaptureRepair) throws {
        let log = try database.prepare("INSERT INTO msync_log(tbl, id, org_id, op, mask) VALUES (?, ?, ?, ?, ?)")
        let n = Int64(table.number)
        let name = SQL.identifier(table.name)
        let cells = table.cellNames.map { "t.\(SQL.identifier($0))" }.joined(separator: ", ")
        let width = table.cellNames.count
        try database.forEachRow("""
            SELECT t.id, r.alive, coalesce(t.msync_fp, r.fp), \(cells) FROM \(name) t LEFT JOIN msync_rows r ON r.tbl = ? AND r.id = t.id
            """, [.integer(n)]) { s in
            let id = s.value(at: 0)
            let values = (0..<width).map { s.value(at: 3 + $0) }
            if s.value(at: 1).isNull || s.int64(at: 1) == 0 {
                try log.execute([.integer(n), id, values[0], .integer(CaptureSQL.Op.insert.rawValue), .null])
                repair.inserted += 1
                return
            }
            let positions = s.value(at: 2).isNull ? Array(1...width) : RowFingerprint(bytes: s.bytes(at: 2)).changedPositions(values)
            guard !positions.isEmpty else { return }
            let mask = positions.reduce(Int64(0)) { $0 | (1 << Int64($1)) }
            try log.execute([.integer(n), id, values[0], .integer(CaptureSQL.Op.update.rawValue), .integer(mask)])
            repair.updated += 1
        }
        try database.forEachRow("""
            SELECT r.id, r.org_id FROM msync_rows r WHERE r.tbl = ? AND r.alive = 1
              AND NOT EXISTS (SELECT 1 FROM \(name) t WHERE t.id = r.id)
            """, [.integer(n)]) { s in
            try log.execute([.integer(n), s.value(at: 0), s.value(at: 1), .integer(CaptureSQL.Op.delete.rawValue), .null])
            repair.deleted += 1
        }
    }

    /// Takes the fingerprint of every live row that has none (a home made before fingerprints were
    /// kept). Runs once, right after capture was checked, so the values it takes are captured ones.
    func fingerprintUnprintedRows() throws {
        try writeTransaction {
            for table in schema.tables {
                let store = try database.prepare("UPDATE \(SQL.identifier(table.name)) SET msync_fp = ? WHERE id = ?")
                let cells = table.cellNames.map { "t.\(SQL.identifier($0))" }.joined(separator: ", ")
                try database.forEachRow("""
                    SELECT t.id, \(cells) FROM \(SQL.identifier(table.name)) t
                    JOIN msync_rows r ON r.tbl = ? AND r.id = t.id WHERE r.alive = 1 AND t.msync_fp IS NULL AND r.fp IS NULL
                    """, [.integer(Int64(table.number))]) { s in
                    let values = (0..<table.cellNames.count).map { s.value(at: 1 + $0) }
                    try store.execute([.blob(RowFingerprint(values: values).bytes), s.value(at: 0)])
                }
            }
        }
    }
}
