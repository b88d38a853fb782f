/// Homes made before a live row's clock was kept in its row (Replica+RowStore) have every clock in
/// `msync_rows`. When such a home is opened, each synced table gains its two clock columns, each
/// live row takes its clock and fingerprint from there, and the entries keep only the clocks the
/// rows cannot (tombstones, moved rows). One transaction: a crash leaves the old layout whole.
///
/// Not while another process has the file open: a program of the earlier version (the district's
/// service not yet restarted after an upgrade, a web app) would go on keeping clocks where it
/// keeps them, and changes it merged would be weighed against the clocks moved before them.
/// The move waits for it to be restarted or closed (`ReplicaError.openElsewhere`).
extension Replica {
    static func moveClocksIntoRows(_ db: Database, path: String, _ schema: SyncSchema, version found: Int) throws {
        let tables = (schema.at(version: found) ?? schema).tables
        guard try !rowsWithoutClocks(db, tables).isEmpty else { return }
        try db.transaction {
            // Read again under the write lock: another process may have moved them meanwhile.
            let moving = try rowsWithoutClocks(db, tables)
            if !moving.isEmpty, let pid = OtherConnections.process(holding: path) { throw ReplicaError.openElsewhere(path: path, pid: pid) }
            for table in moving {
                let name = SQL.identifier(table.name)
                for c in TableSchema.clockColumns { try db.execute("ALTER TABLE \(name) ADD COLUMN \(c) BLOB") }
                try db.execute("""
                    UPDATE \(name) AS t SET msync_clock = r.clock, msync_fp = r.fp
                      FROM msync_rows r WHERE r.tbl = ? AND r.id = t.id AND r.alive = 1
                    """, [.integer(Int64(table.number))])
                // Capture watches the row's cells only from now on (CaptureSQL.triggers).
                for sql in CaptureSQL.triggers(for: table) { try db.execute(sql) }
            }
            let codec = RowClockCodec(database: db)
            let clear = try db.prepare("UPDATE msync_rows SET clock = x'', fp = NULL WHERE tbl = ? AND id = ?")
            var unmoved: [(Int64, String)] = []
            try db.forEachRow("SELECT tbl, id, clock FROM msync_rows WHERE alive = 1 AND length(clock) > 0") { s in
                if !codec.namesFormerOwners(s.bytes(at: 2)) { unmoved.append((s.int64(at: 0), s.string(at: 1) ?? "")) }
            }
            for (tbl, id) in unmoved { try clear.execute([.integer(tbl), .text(id)]) }
        }
    }

    /// The synced tables there without their clock columns.
    private static func rowsWithoutClocks(_ db: Database, _ tables: [TableSchema]) throws -> [TableSchema] {
        try tables.filter { t in
            try db.tableExists(t.name)
                && db.scalar("SELECT 1 FROM pragma_table_info(?) WHERE name = 'msync_clock'", [.text(t.name)]) == nil
        }
    }
}
