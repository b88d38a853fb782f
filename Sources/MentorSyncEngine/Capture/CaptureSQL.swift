/// The bookkeeping tables and the capture triggers, all plain SQL: any SQLite client that edits a
/// synced table (the sqlite3 shell, Python, DB Browser) is captured, and no custom function is needed.
///
/// Capture only appends to `msync_log` (the cheapest write SQLite offers: an append at the end of
/// a b-tree). Its AUTOINCREMENT sequence is the site's Lamport counter. The program folds the
/// log into per-row clocks (`msync_rows`) before every export and merge. A merge writes with
/// triggers switched off on its own connection, so what it writes is never captured again.
public enum CaptureSQL {
    public static let metadata: [String] = [
        """
        CREATE TABLE IF NOT EXISTS msync_site (
          k INTEGER PRIMARY KEY CHECK (k = 1),
          site TEXT NOT NULL,
          role TEXT NOT NULL CHECK (role IN ('district', 'school')),
          district TEXT NOT NULL,
          schema_version INTEGER NOT NULL,
          created_at TEXT NOT NULL
        )
        """,
        // One row per captured write; seq is the write's Lamport counter.
        """
        CREATE TABLE IF NOT EXISTS msync_log (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          tbl INTEGER NOT NULL,
          id TEXT NOT NULL,
          org_id TEXT,
          op INTEGER NOT NULL,
          mask INTEGER
        )
        """,
        // Every row this site holds, tombstones included: its owner, liveness and the last counter
        // of this site in it; the clock of a tombstone or a moved row (a live row's is in the row).
        """
        CREATE TABLE IF NOT EXISTS msync_rows (
          tbl INTEGER NOT NULL,
          id TEXT NOT NULL,
          org_id TEXT NOT NULL,
          alive INTEGER NOT NULL,
          local INTEGER NOT NULL,
          clock BLOB NOT NULL,
          fp BLOB,
          PRIMARY KEY (tbl, id)
        ) WITHOUT ROWID
        """,
        // When capture was found off for some tables and re-armed, and what was captured late.
        """
        CREATE TABLE IF NOT EXISTS msync_capture_repairs (
          n INTEGER PRIMARY KEY,
          at TEXT NOT NULL,
          tables TEXT NOT NULL,
          inserted INTEGER NOT NULL,
          updated INTEGER NOT NULL,
          deleted INTEGER NOT NULL
        )
        """,
        "CREATE INDEX IF NOT EXISTS msync_rows_by_local ON msync_rows(local) WHERE local > 0",
        // Tombstones by counter: a bundle's header counts them without reading every row it sends.
        "CREATE INDEX IF NOT EXISTS msync_rows_dead ON msync_rows(local) WHERE alive = 0",
        "CREATE TABLE IF NOT EXISTS msync_sites (num INTEGER PRIMARY KEY, site TEXT NOT NULL UNIQUE)",
        // What this site has merged from each other site (its knowledge), what each peer last said,
        // and the full exchange with it (FullExchange).
        """
        CREATE TABLE IF NOT EXISTS msync_peers (
          site TEXT PRIMARY KEY,
          merged INTEGER NOT NULL DEFAULT 0,
          their_knowledge BLOB,
          their_ack BLOB,
          last_sequence INTEGER NOT NULL DEFAULT 0,
          last_bundle_at TEXT,
          last_bundle_created INTEGER,
          last_bundle_name TEXT,
          sent_sequence INTEGER NOT NULL DEFAULT 0,
          last_export_at TEXT,
          full_out INTEGER NOT NULL DEFAULT 0,
          full_out_through INTEGER,
          full_requested_at TEXT,
          format INTEGER NOT NULL DEFAULT 0,
          last_bundle_id BLOB
        )
        """,
        """
        CREATE TABLE IF NOT EXISTS msync_conflicts (
          id TEXT PRIMARY KEY,
          tbl TEXT NOT NULL,
          row_id TEXT NOT NULL,
          col TEXT NOT NULL,
          winner_value,
          winner_counter INTEGER NOT NULL,
          winner_site TEXT NOT NULL,
          loser_value,
          loser_counter INTEGER NOT NULL,
          loser_site TEXT NOT NULL,
          detected_by TEXT NOT NULL,
          detected_counter INTEGER NOT NULL,
          detected_at INTEGER NOT NULL,
          status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'resolved')),
          resolution TEXT,
          resolved_at TEXT
        )
        """,
        // The knowledge of its own writes this site has claimed in bundles to each peer. A peer
        // crediting it with a claim it never made means this file is not the one that made it
        // (an older copy put back). Claims at or below the floor (peer '') were not recorded.
        "CREATE TABLE IF NOT EXISTS msync_claims (peer TEXT NOT NULL, counter INTEGER NOT NULL, PRIMARY KEY (peer, counter)) WITHOUT ROWID",
        // The ids of the bundles this site wrote to each peer (a reply names the one it acknowledges).
        "CREATE TABLE IF NOT EXISTS msync_sent (peer TEXT NOT NULL, bundle_id BLOB NOT NULL, PRIMARY KEY (peer, bundle_id)) WITHOUT ROWID",
        // The rows a school heard refused by its district: each goes whole whenever it is sent again,
        // as the district may not hold it and a corrected cell alone would not make it a row there.
        "CREATE TABLE IF NOT EXISTS msync_whole (tbl INTEGER NOT NULL, id TEXT NOT NULL, PRIMARY KEY (tbl, id)) WITHOUT ROWID",
        "INSERT OR IGNORE INTO msync_claims(peer, counter) SELECT '', coalesce((SELECT seq FROM sqlite_sequence WHERE name = 'msync_log'), 0) WHERE NOT EXISTS (SELECT 1 FROM msync_claims WHERE peer = '')",
        "CREATE INDEX IF NOT EXISTS msync_conflicts_by_detection ON msync_conflicts(detected_by, detected_counter)",
        "INSERT OR IGNORE INTO sqlite_sequence(name, seq) SELECT 'msync_log', 0 WHERE NOT EXISTS (SELECT 1 FROM sqlite_sequence WHERE name = 'msync_log')",
    ]

    /// Log operations.
    public enum Op: Int64 { case insert = 1, update = 2, delete = 3 }

    /// A deleted row takes its clock with it, and the fold that makes its tombstone comes later:
    /// the clock is kept in the row's entry meanwhile (Replica+RowStore).
    private static func keepClock(_ table: Int) -> String {
        "UPDATE msync_rows SET clock = OLD.msync_clock WHERE tbl = \(table) AND id = OLD.id AND OLD.msync_clock IS NOT NULL;"
    }

    /// The names of a table's capture triggers: capture is in place when all are there, on that table.
    public static func triggerNames(for table: TableSchema) -> [String] {
        ["insert", "update", "rekey", "delete"].map { "msync_\(table.name)_\($0)" }
    }

    /// The three triggers of one table. Updates record which cell positions changed as a bit mask.
    public static func triggers(for table: TableSchema) -> [String] {
        let t = SQL.identifier(table.name)
        let n = table.number
        let name = table.name
        var bits = ["((NEW.org_id IS NOT OLD.org_id) << 1)"]
        for (i, c) in table.columns.enumerated() {
            let q = SQL.identifier(c.name)
            bits.append("((NEW.\(q) IS NOT OLD.\(q)) << \(i + 2))")
        }
        return [
            "DROP TRIGGER IF EXISTS \(SQL.identifier("msync_\(name)_insert"))",
            "DROP TRIGGER IF EXISTS \(SQL.identifier("msync_\(name)_update"))",
            "DROP TRIGGER IF EXISTS \(SQL.identifier("msync_\(name)_rekey"))",
            "DROP TRIGGER IF EXISTS \(SQL.identifier("msync_\(name)_delete"))",
            """
            CREATE TRIGGER \(SQL.identifier("msync_\(name)_insert")) AFTER INSERT ON \(t) BEGIN
              INSERT INTO msync_log(tbl, id, org_id, op) VALUES (\(n), NEW.id, NEW.org_id, 1);
            END
            """,
            // A changed id is the insert of a new row (op 1); the old id's deletion is the rekey trigger's.
            // Of the row's cells only: writing its clock (Replica+RowStore) is no change to capture.
            """
            CREATE TRIGGER \(SQL.identifier("msync_\(name)_update")) AFTER UPDATE OF \((["id"] + table.cellNames).map(SQL.identifier).joined(separator: ", ")) ON \(t) BEGIN
              INSERT INTO msync_log(tbl, id, org_id, op, mask) VALUES (\(n), NEW.id, NEW.org_id,
                CASE WHEN NEW.id IS NOT OLD.id THEN 1 ELSE 2 END,
                \(bits.joined(separator: " | ")));
            END
            """,
            """
            CREATE TRIGGER \(SQL.identifier("msync_\(name)_rekey")) AFTER UPDATE OF id ON \(t) WHEN NEW.id IS NOT OLD.id BEGIN
              INSERT INTO msync_log(tbl, id, org_id, op) VALUES (\(n), OLD.id, OLD.org_id, 3);
              \(keepClock(n))
            END
            """,
            """
            CREATE TRIGGER \(SQL.identifier("msync_\(name)_delete")) AFTER DELETE ON \(t) BEGIN
              INSERT INTO msync_log(tbl, id, org_id, op) VALUES (\(n), OLD.id, OLD.org_id, 3);
              \(keepClock(n))
            END
            """,
        ]
    }
}
