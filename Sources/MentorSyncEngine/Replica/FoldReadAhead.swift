import Foundation

/// Reads the capture log a batch ahead of the fold, on a second connection and thread: each batch
/// read, sorted, and its rows first written here by an insert worked out — their clocks and the
/// fingerprints of their values, a read of their table each (a first export's rows, nearly all).
/// The fold is left the writes, and a first export takes two cores instead of one.
///
/// Started only when the second connection reads what the fold's own would: the fold's transaction
/// holds the write lock (no other connection can commit meanwhile) and has changed no row yet, the
/// path still names the file the fold has open, and the second connection finds the same schema
/// and the same log (its site, counter, length and first and last entries). Whatever goes wrong on
/// that thread ends the read-ahead quietly; the fold then reads the rest of the log itself, as it
/// does for a short log.
final class FoldReadAhead: @unchecked Sendable {
    /// A log shorter than this is folded on the caller's thread alone (a day's writes).
    static let minimumEntries: Int64 = 4096
    static let batchSize = 4096

    private let path: String
    private let schema: SyncSchema
    private let folding: LogFolding
    private let siteNumbers: [SiteID: Int]
    private let selects: [Int: String]
    private let schemaCookie: Int64?
    private let logIdentity: [DatabaseValue]
    private let queue = DispatchQueue(label: "mentorsync.fold-read")
    private let filled = DispatchSemaphore(value: 0)
    /// Room for batches not yet taken: made at 0 and raised to 2 (see `BundleReadAhead`).
    private let free = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    /// Batches read; nil once the reading ended (the log read through, or a failure).
    private var waiting: [FoldBatch?] = []
    /// Batches the fold is done with, freed on the reading thread (their texts and clocks).
    private var spent: [FoldBatch] = []
    private var stopping = false
    // The caller's side.
    private var ended = false
    private var stopped = false

    /// A read-ahead of `replica`'s log for its fold, or nil when the log is short or the fold's
    /// transaction does not allow one.
    static func start(for replica: Replica) throws -> FoldReadAhead? {
        let db = replica.database
        guard db.holdsWriteLockUnchanged, db.fileIsStillAtPath else { return nil }
        let identity = try logIdentity(db)
        guard let entries = identity.first?.integer, entries >= minimumEntries else { return nil }
        // The site's own number, given now if it has none yet (a new home's first fold): every
        // clock the fold makes names it, and the read-ahead cannot give numbers.
        _ = try replica.codec.number(replica.site)
        var selects: [Int: String] = [:]
        for t in replica.schema.tables { selects[t.number] = replica.sqlText(t).select }
        return FoldReadAhead(path: db.path, schema: replica.schema, folding: replica.folding,
                             siteNumbers: try replica.codec.assignedNumbers(), selects: selects,
                             schemaCookie: try db.scalar("PRAGMA schema_version")?.integer, logIdentity: identity)
    }

    /// What tells this registry's log from another's: how many entries, the first and last with
    /// their ids (random UUIDs nearly always), the counter, the site and when it was made.
    static func logIdentity(_ db: Database) throws -> [DatabaseValue] {
        try db.rows("""
            SELECT count(*), min(seq), max(seq),
                   (SELECT id FROM msync_log ORDER BY seq LIMIT 1), (SELECT id FROM msync_log ORDER BY seq DESC LIMIT 1),
                   (SELECT seq FROM sqlite_sequence WHERE name = 'msync_log'), (SELECT site || ' ' || created_at FROM msync_site)
            FROM msync_log
            """).first ?? []
    }

    private init(path: String, schema: SyncSchema, folding: LogFolding, siteNumbers: [SiteID: Int],
                 selects: [Int: String], schemaCookie: Int64?, logIdentity: [DatabaseValue]) {
        self.path = path; self.schema = schema; self.folding = folding
        self.siteNumbers = siteNumbers; self.selects = selects; self.schemaCookie = schemaCookie; self.logIdentity = logIdentity
        free.signal(); free.signal()
        queue.async { [self] in produce() }
    }

    /// The next batch, or nil once the read-ahead ended (the caller reads on from the last batch it
    /// took). `done`: the batch the caller took last, handed back to be freed on the reading thread.
    func next(done: consuming FoldBatch?) -> FoldBatch? {
        if ended { return nil }
        filled.wait()
        lock.lock()
        let batch = waiting.removeFirst()
        if let done { spent.append(done) }
        lock.unlock()
        free.signal()
        if batch == nil { ended = true }
        return batch
    }

    /// Stops reading and waits until the second connection is closed.
    func stop() {
        guard !stopped else { return }
        stopped = true
        lock.lock(); stopping = true; lock.unlock()
        free.signal()  // wakes the reading thread if it waits for room
        queue.sync {}
    }

    private func produce() {
        defer { push(nil) }
        guard let db = try? openSnapshot() else { return }
        defer { try? db.execute("ROLLBACK") }
        var after: Int64 = 0
        while true {
            free.wait()
            lock.lock()
            let stop = stopping
            var freed = spent
            spent.removeAll()
            lock.unlock()
            freed.removeAll()  // frees them on this thread
            if stop { return }
            guard let entries = try? Replica.readLog(db, after: after, limit: FoldReadAhead.batchSize), !entries.isEmpty else { return }
            var batch = FoldBatch(entries)
            guard (try? prepare(&batch, db)) != nil else { return }
            after = batch.last
            push(batch)
        }
    }

    /// A read-only connection in a read transaction, at the same schema and log as the fold's.
    private func openSnapshot() throws -> Database {
        var options = Database.Options()
        options.readOnly = true
        options.create = false
        options.cacheSizeKiB = FoldReadAhead.cacheSizeKiB
        let db = try Database(path: path, options: options)
        try db.execute("BEGIN")
        guard try db.scalar("PRAGMA schema_version")?.integer == schemaCookie,
              try FoldReadAhead.logIdentity(db) == logIdentity else { throw Unavailable() }
        return db
    }

    /// The second connection's page cache: it reads each row once, so a small one (the fold's own
    /// is 32 MiB; a large export's memory stays within bench §4's bound).
    static let cacheSizeKiB = 4 * 1024

    /// Works out the rows of `batch` first written here by an insert, as they would be stored.
    private func prepare(_ batch: inout FoldBatch, _ db: Database) throws {
        // The table and its statement at hand for its run of rows; the site's own number for its clocks.
        var current: (table: TableSchema, select: Statement)?
        let own = (site: folding.site, number: siteNumbers[folding.site])
        for (g, range) in batch.groups.enumerated() {
            let first = batch.entries[range.lowerBound]
            guard first.op == CaptureSQL.Op.insert.rawValue else { continue }
            if current?.table.number != first.table {
                current = nil
                if let t = schema.table(number: first.table), let sql = selects[t.number] { current = (t, try db.cachedStatement(sql)) }
            }
            guard let (table, s) = current else { continue }
            // One insert, nothing after it (a first export's rows, nearly all): every cell carries its
            // stamp, and the clock is written straight, as `RowClockCodec.encode` writes it.
            if range.count == 1, let number = own.number {
                let row = Replica.StoredRow(orgID: first.org ?? "", alive: true, local: first.seq, clock: RowClock())
                batch.prepared[g] = Replica.rowParameters(
                    table: table.number, id: first.id, row,
                    clock: RowClockCodec.encodeInsert(cells: table.columns.count + 2, counter: first.seq, siteNumber: number),
                    fingerprint: try fingerprint(first.id, table, s))
                continue
            }
            guard let row = try folding.applying(batch.entries[range], to: nil, table) else { continue }
            let fingerprint = row.alive ? try fingerprint(first.id, table, s) : nil
            // A clock naming a site without a number yet is left to the fold (it numbers it).
            guard let clock = try? RowClockCodec.encode(row.clock, number: { site in
                if let n = own.number, site == own.site { return n }
                guard let n = siteNumbers[site] else { throw Unavailable() }
                return n
            }) else { continue }
            batch.prepared[g] = Replica.rowParameters(table: table.number, id: first.id, row, clock: clock, fingerprint: fingerprint)
        }
    }

    /// The fingerprint of a row's values as its table holds them (`select`: the table's row by id).
    private func fingerprint(_ id: String, _ table: TableSchema, _ select: Statement) throws -> [UInt8]? {
        try select.bind(id, at: 1)
        defer { select.reset() }
        return try select.step() ? RowFingerprint(statement: select, columns: 0..<table.columns.count + 1).bytes : nil
    }

    private func push(_ batch: FoldBatch?) {
        lock.lock(); waiting.append(batch); lock.unlock()
        filled.signal()
    }

    private struct Unavailable: Error {}
}
