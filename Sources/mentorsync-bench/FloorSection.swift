import CSQLite
import Foundation
import MentorSyncEngine

/// Section 8: the floor of the storage layout — the SQLite writes a merge makes, issued straight
/// through the C API with the values ready (no bundle to read, no checks, no clocks to work out),
/// against the same references as section 3. What no merge in that layout can beat, so a target
/// above it asks for another layout. Two layouts:
///  - "clock row" (the layout before issue 14's redesign): the registry row, and the row's clock
///    in `msync_rows` beside it;
///  - "clock in row": the clock and fingerprint as two more columns of the registry row, no entry
///    in `msync_rows`; "entry and clock in row" (new rows of the one-statement side): today's layout,
///    the row's narrow entry in `msync_rows` and then the row with its clock.
/// New rows go in in key order (a bundle's order); each update reads the clock, writes the one
/// column, and stores the clock with the fingerprint of the row's values (read back for the
/// clock row, as the merge does; the clock-in-row read takes the values with the clock).
enum FloorSection {
    /// A clock of the size the merge stored, in the clock row's layout, for a persons row written
    /// whole at one site (a version of one site, then a stamp per cell position), and a
    /// fingerprint of its size.
    static let clock = [UInt8](repeating: 0x5a, count: 3 + 3 + 1 + (PersonRows.columns.count + 1) * 5)
    /// The same clock in runs, as rows keep it now (ClockBlob): the version (count, site, counter),
    /// the run count, one run (position, length, counter, site) — and after one cell's update three.
    static let runClock = [UInt8](repeating: 0x5a, count: 1 + 1 + 3 + 1 + 6)
    static let updatedRunClock = [UInt8](repeating: 0x5a, count: 1 + 1 + 3 + 1 + 3 * 6)
    static let fingerprint = [UInt8](repeating: 0xa5, count: 8 + 2 * PersonRows.columns.count)
    static let cells = PersonRows.columns.map(SQL.identifier).joined(separator: ", ")
    static let table = SQL.identifier(PersonRows.table.name)

    static func run(_ o: BenchOptions, _ scratch: Scratch) throws -> Section {
        Progress.note("floor: preparing \(Report.grouped(o.rows)) rows and their changesets")
        let gen = PersonRows()
        let rows = gen.rows(0..<o.rows, org: Sites.school(1).rawValue).sorted { $0.id.utf8.lexicographicallyPrecedes($1.id.utf8) }
        let newValues = (0..<o.rows).map { gen.updatedValue($0) }
        let inserts = try changeset(of: rows, scratch.path("floor-cs-inserts.db"))
        var updated = rows
        for i in updated.indices { updated[i].values[PersonRows.updatedIndex] = newValues[i] }
        let state = try changeset(of: updated, scratch.path("floor-cs-state.db"))
        let bases = ["apply": scratch.path("floor-base-apply.db"), "clock row": scratch.path("floor-base-row.db"),
                     "clock in row": scratch.path("floor-base-inrow.db"), "one statement": scratch.path("floor-base-one.db")]
        try Changeset.apply(inserts, to: try plain(bases["apply"]!))
        try insertWithClockRows(rows, into: try clockRowDatabase(bases["clock row"]!))
        try insertWithClockInRow(rows, into: try clockInRowDatabase(bases["clock in row"]!))
        for (side, path) in bases where side != "one statement" { try RawDatabase(path: path).execute("PRAGMA wal_checkpoint(TRUNCATE)") }
        // The one-statement side updates the same rows as the clock-in-row side (its new rows are theirs).
        try scratch.copyDatabase(bases["clock in row"]!, to: bases["one statement"]!)

        let trials = try Alternation(rounds: o.rounds, label: "floor").run(sides: ["apply", "clock row", "clock in row", "one statement"]) { side, round, record in
            let path = scratch.path("floor-\(round).db")
            defer { scratch.removeDatabase(path) }
            switch side {
            case "apply": record("new", try Stopwatch.time { try Changeset.apply(inserts, to: try plain(path)) })
            case "clock row": record("new", try Stopwatch.time { try insertWithClockRows(rows, into: try clockRowDatabase(path)) })
            // Today's layout: the row's narrow entry in msync_rows, then the row with its clock (RowMerger+Unseen).
            case "one statement": record("new", try Stopwatch.time { try insertWithEntries(rows, into: try entriesAndClockInRowDatabase(path)) })
            default: record("new", try Stopwatch.time { try insertWithClockInRow(rows, into: try clockInRowDatabase(path)) })
            }
            scratch.removeDatabase(path)
            try scratch.copyDatabase(bases[side]!, to: path)
            let db = try RawDatabase(path: path)
            switch side {
            case "apply": record("update", try Stopwatch.time { try Changeset.apply(state, to: db) })
            case "clock row": record("update", try Stopwatch.time { try updateWithClockRows(rows, newValues, in: db) })
            case "one statement": record("update", try Stopwatch.time { try updateInOneStatement(rows, newValues, in: db) })
            default: record("update", try Stopwatch.time { try updateWithClockInRow(rows, newValues, in: db) })
            }
        }
        for path in bases.values { scratch.removeDatabase(path) }

        let n = o.rows
        var s = Section(number: 8, title: "floor of the storage layout",
                        method: "the SQLite writes of a merge of \(Report.grouped(n)) rows through the C API with the values ready (nothing decoded, checked or worked out) vs the references of section 3; ratio = floor rate ÷ reference rate: a target above it asks for another layout")
        let phases = [("new", "new rows", "changeset apply"), ("update", "updates", "REPLACE apply of the state")]
        for (phase, what, reference) in phases {
            for (side, key) in [("clock row", "row"), ("clock in row", "inrow"), ("one statement", "one")] {
                // The one-statement side's new rows are today's: an entry, then the row with its clock.
                let name = phase == "new" && side == "one statement" ? "entry and clock in row" : side
                s.figures.append(Figure(
                    section: 8, key: "floor.\(phase).\(key)", name: "\(what), \(name)",
                    value: Quantity(trials.rate(side, phase, rows: n), .rowsPerSecond),
                    referenceName: reference, reference: Quantity(trials.rate("apply", phase, rows: n), .rowsPerSecond),
                    ratio: Quantity(trials.timeRatio(("apply", phase), over: (side, phase)), .times), target: nil, note: nil))
            }
        }
        return s
    }

    private static func changeset(of rows: [PersonRow], _ path: String) throws -> [UInt8] {
        let db = try RawDatabase(path: path)
        try db.execute(PersonRows.createSQL())
        let session = try SessionRecorder(db, table: PersonRows.table.name)
        try Load.insert(rows, into: db)
        return try session.changeset()
    }

    private static func plain(_ path: String) throws -> RawDatabase {
        let db = try RawDatabase(path: path)
        try Sites.createPlainRegistry(db)
        return db
    }

    /// The registry, and `msync_rows` with its indexes as the engine makes them (CaptureSQL).
    private static func clockRowDatabase(_ path: String) throws -> RawDatabase {
        let db = try plain(path)
        for sql in CaptureSQL.metadata where sql.contains("msync_rows") { try db.execute(sql) }
        return db
    }

    private static func clockInRowDatabase(_ path: String) throws -> RawDatabase {
        let db = try plain(path)
        try db.execute("ALTER TABLE \(table) ADD COLUMN msync_local INTEGER NOT NULL DEFAULT 0")
        try db.execute("ALTER TABLE \(table) ADD COLUMN msync_clock BLOB")
        try db.execute("ALTER TABLE \(table) ADD COLUMN msync_fp BLOB")
        try db.execute("CREATE INDEX persons_msync_local ON \(table)(msync_local) WHERE msync_local > 0")
        return db
    }

    /// The clock-in-row registry with `msync_rows` as the engine makes it.
    private static func entriesAndClockInRowDatabase(_ path: String) throws -> RawDatabase {
        let db = try clockInRowDatabase(path)
        for sql in CaptureSQL.metadata where sql.contains("msync_rows") { try db.execute(sql) }
        return db
    }

    /// Each row's narrow entry (no clock: it is in the row), then the row with its clock and fingerprint.
    private static func insertWithEntries(_ rows: [PersonRow], into db: RawDatabase) throws {
        let entry = try db.prepare("INSERT INTO msync_rows(tbl, id, org_id, alive, local, clock) VALUES (?, ?, ?, 1, 0, x'') ON CONFLICT DO NOTHING")
        let n = PersonRows.columns.count
        let row = try db.prepare("INSERT OR REPLACE INTO \(table) (id, \(cells), msync_clock, msync_fp) VALUES (?\(String(repeating: ", ?", count: n + 2)))")
        try db.execute("BEGIN IMMEDIATE")
        for r in rows {
            sqlite3_bind_int64(entry.handle, 1, Int64(PersonRows.table.number))
            entry.bind(r.id, at: 2)
            entry.bind(r.values[0], at: 3)
            try entry.run()
            bindRow(row, r)
            bindBlob(row, runClock, at: Int32(n + 2))
            bindBlob(row, fingerprint, at: Int32(n + 3))
            try row.run()
        }
        try db.execute("COMMIT")
    }

    private static func bindBlob(_ s: RawStatement, _ bytes: [UInt8], at i: Int32) {
        bytes.withUnsafeBytes { _ = sqlite3_bind_blob(s.handle, i, $0.baseAddress, Int32($0.count), mentorsync_sqlite_transient()) }
    }

    private static func bindRow(_ s: RawStatement, _ r: PersonRow) {
        s.bind(r.id, at: 1)
        for (i, v) in r.values.enumerated() { s.bind(v, at: Int32(i + 2)) }
    }

    /// Runs a statement storing a clock row (tbl, id, org_id, clock, fp) for `r`.
    private static func storeClockRow(_ s: RawStatement, _ r: PersonRow) throws {
        sqlite3_bind_int64(s.handle, 1, Int64(PersonRows.table.number))
        s.bind(r.id, at: 2)
        s.bind(r.values[0], at: 3)
        bindBlob(s, clock, at: 4)
        bindBlob(s, fingerprint, at: 5)
        try s.run()
    }

    private static func insertWithClockRows(_ rows: [PersonRow], into db: RawDatabase) throws {
        let clockRow = try db.prepare("INSERT INTO msync_rows(tbl, id, org_id, alive, local, clock, fp) VALUES (?, ?, ?, 1, 0, ?, ?) ON CONFLICT DO NOTHING")
        let row = try db.prepare("INSERT OR REPLACE INTO \(table) (id, \(cells)) VALUES (?\(String(repeating: ", ?", count: PersonRows.columns.count)))")
        try db.execute("BEGIN IMMEDIATE")
        for r in rows {
            try storeClockRow(clockRow, r)
            bindRow(row, r)
            try row.run()
        }
        try db.execute("COMMIT")
    }

    private static func insertWithClockInRow(_ rows: [PersonRow], into db: RawDatabase) throws {
        let n = PersonRows.columns.count
        let row = try db.prepare("INSERT OR REPLACE INTO \(table) (id, \(cells), msync_clock, msync_fp) VALUES (?\(String(repeating: ", ?", count: n + 2)))")
        try db.execute("BEGIN IMMEDIATE")
        for r in rows {
            bindRow(row, r)
            bindBlob(row, runClock, at: Int32(n + 2))
            bindBlob(row, fingerprint, at: Int32(n + 3))
            try row.run()
        }
        try db.execute("COMMIT")
    }

    /// Reads every column of the statement's row as the merge reads values (the bytes of each).
    private static func touchColumns(_ s: RawStatement, _ count: Int) {
        for i in 0..<Int32(count) { _ = sqlite3_column_blob(s.handle, i); _ = sqlite3_column_bytes(s.handle, i) }
    }

    private static func updateWithClockRows(_ rows: [PersonRow], _ values: [String], in db: RawDatabase) throws {
        let load = try db.prepare("SELECT org_id, alive, local, clock FROM msync_rows WHERE tbl = ? AND id = ?")
        let update = try db.prepare(PersonRows.updateSQL())
        let readBack = try db.prepare("SELECT \(cells) FROM \(table) WHERE id = ?")
        let store = try db.prepare("INSERT OR REPLACE INTO msync_rows(tbl, id, org_id, alive, local, clock, fp) VALUES (?, ?, ?, 1, 0, ?, ?)")
        try db.execute("BEGIN IMMEDIATE")
        for (r, v) in zip(rows, values) {
            sqlite3_bind_int64(load.handle, 1, Int64(PersonRows.table.number))
            load.bind(r.id, at: 2)
            guard try load.step() else { throw BenchError.unexpected("floor: no clock row for \(r.id)") }
            touchColumns(load, 4)
            sqlite3_reset(load.handle)
            update.bind(v, at: 1)
            update.bind(r.id, at: 2)
            try update.run()
            readBack.bind(r.id, at: 1)
            guard try readBack.step() else { throw BenchError.unexpected("floor: no row \(r.id)") }
            touchColumns(readBack, PersonRows.columns.count)
            sqlite3_reset(readBack.handle)
            try storeClockRow(store, r)
        }
        try db.execute("COMMIT")
    }

    /// The least any per-row design can write: the clock in the row and one UPDATE a row, its new
    /// cell, clock and fingerprint bound ready — nothing read first (a merge would have to work
    /// the clock out inside SQLite, in functions of its own). What no merge issuing a statement a
    /// row can beat.
    private static func updateInOneStatement(_ rows: [PersonRow], _ values: [String], in db: RawDatabase) throws {
        try updateClockInRow(rows, values, readFirst: false, in: db)
    }

    private static func updateWithClockInRow(_ rows: [PersonRow], _ values: [String], in db: RawDatabase) throws {
        try updateClockInRow(rows, values, readFirst: true, in: db)
    }

    /// Each row's new cell, clock and fingerprint written in one UPDATE; `readFirst`: the row's
    /// values and clock read before it, as a merge working the clock out itself does.
    private static func updateClockInRow(_ rows: [PersonRow], _ values: [String], readFirst: Bool, in db: RawDatabase) throws {
        let load = try db.prepare("SELECT \(cells), msync_clock, msync_fp FROM \(table) WHERE id = ?")
        let update = try db.prepare("UPDATE \(table) SET \(SQL.identifier(PersonRows.updatedColumn)) = ?, msync_clock = ?, msync_fp = ? WHERE id = ?")
        try db.execute("BEGIN IMMEDIATE")
        for (r, v) in zip(rows, values) {
            if readFirst {
                load.bind(r.id, at: 1)
                guard try load.step() else { throw BenchError.unexpected("floor: no row \(r.id)") }
                touchColumns(load, PersonRows.columns.count + 2)
                sqlite3_reset(load.handle)
            }
            update.bind(v, at: 1)
            bindBlob(update, updatedRunClock, at: 2)
            bindBlob(update, fingerprint, at: 3)
            update.bind(r.id, at: 4)
            try update.run()
        }
        try db.execute("COMMIT")
    }
}
