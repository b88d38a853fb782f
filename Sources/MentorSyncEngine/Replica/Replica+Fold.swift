/// Folding the capture log into row clocks.
extension Replica {
    /// Folds every captured write into the row clocks. Runs inside the caller's write transaction.
    /// Returns the number of log entries folded.
    /// `readsAhead`: a long log may be read ahead on a second connection (tests compare without).
    @discardableResult
    func foldLog(readsAhead: Bool = true) throws -> Int {
        // Writes made while capture was off are put into the log first, before anything is folded.
        try ensureCapture()
        // A long log is read, sorted and worked out a batch ahead on a second connection (FoldReadAhead).
        // Its start failing is no reason for the fold to fail: it then reads the log itself.
        let ahead = readsAhead ? (try? FoldReadAhead.start(for: self)) ?? nil : nil
        defer { ahead?.stop() }
        var total = 0
        var after: Int64 = 0
        var current: TableSchema?
        var done: FoldBatch?
        while true {
            // Batches keep memory flat; within a batch, entries of one row are applied in order.
            let batch: FoldBatch
            if let ahead, let next = ahead.next(done: done.take()) {
                batch = next
                batchesReadAhead += 1
            } else {
                // The read-ahead ended, failed or was not started: the rest is read here.
                batch = FoldBatch(try Replica.readLog(database, after: after, limit: 20_000))
            }
            if batch.entries.isEmpty { break }
            for (g, range) in batch.groups.enumerated() {
                let entries = batch.entries[range]
                let tbl = entries.first!.table
                let id = entries.first!.id
                // Rows come table by table: the table's schema is looked up once for its run of rows.
                if current?.number != tbl { current = schema.table(number: tbl) }
                guard let table = current else { continue }
                // A row whose first write here is an insert is nearly always new to the clocks: it is
                // stored without looking for a clock first, and folded again onto the clock it has
                // only when one is there (an id used again after a delete).
                // An insert alone (a first load's rows) leaves the row's clock implied by its entry.
                if entries.first!.op == CaptureSQL.Op.insert.rawValue {
                    let implicit = entries.count == 1
                    if let parameters = batch.prepared[g] {
                        if try storeRowIfAbsent(parameters: parameters, implicit: implicit) { continue }
                    } else if let row = try folding.applying(entries, to: nil, table),
                              try storeRowIfAbsent(table: tbl, id: id, row, implicit: implicit) {
                        continue
                    }
                }
                let held = try loadRow(table: tbl, id: id)
                if let row = try folding.applying(entries, to: held, table) { try storeRow(table: tbl, id: id, row, held: held != nil) }
            }
            after = batch.last
            try database.execute("DELETE FROM msync_log WHERE seq <= ?", [.integer(after)])
            total += batch.entries.count
            done = batch
        }
        return total
    }

    /// How captured writes change a row's clock, for the replica's site and role.
    var folding: LogFolding { LogFolding(site: site, role: role) }

    /// Up to `limit` entries of the capture log after `after`, in the order they were written.
    static func readLog(_ database: Database, after: Int64, limit: Int) throws -> [LogEntry] {
        let s = try database.cachedStatement("SELECT seq, tbl, id, org_id, op, mask FROM msync_log WHERE seq > ? ORDER BY seq LIMIT ?")
        try s.bind(after, at: 1)
        try s.bind(Int64(limit), at: 2)
        defer { s.reset() }
        var entries: [LogEntry] = []
        while try s.step() {
            entries.append(LogEntry(seq: s.int64(at: 0), table: Int(s.int64(at: 1)), id: s.value(at: 2).displayText,
                                    org: s.isNull(at: 3) ? nil : s.value(at: 3).displayText, op: s.int64(at: 4), mask: s.int64(at: 5)))
        }
        return entries
    }

    /// Folds the log in its own write transaction (for callers outside export and merge).
    @discardableResult
    public func fold() throws -> Int {
        try writeTransaction { try foldLog() }
    }
}

/// One batch of the capture log, each row's entries together in the order they were written; rows
/// in the order of their keys in `msync_rows` (ids by their bytes, as SQLite orders them).
struct FoldBatch: Sendable {
    var entries: [LogEntry]
    /// Each row's run of entries.
    var groups: [Range<Int>] = []
    /// What the read-ahead worked out for each group (nil where it did not): a row first written
    /// here by an insert, as it is stored if its clock is not there yet (`storeRowIfAbsent(parameters:)`).
    var prepared: [[DatabaseValue]?]
    /// The greatest sequence number read.
    var last: Int64

    init(_ read: [LogEntry]) {
        last = read.last?.seq ?? 0
        entries = read.sorted { x, y in
            if x.table != y.table { return x.table < y.table }
            if x.idPrefix != y.idPrefix { return x.idPrefix < y.idPrefix }
            if !x.sameID(y) { return x.id.utf8.lexicographicallyPrecedes(y.id.utf8) }
            return x.seq < y.seq
        }
        var start = 0
        while start < entries.count {
            var end = start + 1
            while end < entries.count && entries[end].table == entries[start].table && entries[end].sameID(entries[start]) { end += 1 }
            groups.append(start..<end)
            start = end
        }
        prepared = [[DatabaseValue]?](repeating: nil, count: groups.count)
    }
}

/// One captured write (a row of `msync_log`).
struct LogEntry: Sendable {
    var seq: Int64
    var table: Int
    var id: String
    var org: String?
    var op: Int64
    var mask: Int64
    /// The id's first 8 bytes as a number: ids (random UUIDs) nearly always differ there, so
    /// sorting a batch compares numbers, not texts (a twentieth of folding new rows).
    var idPrefix: UInt64

    init(seq: Int64, table: Int, id: String, org: String?, op: Int64, mask: Int64) {
        self.seq = seq; self.table = table; self.id = id; self.org = org; self.op = op; self.mask = mask
        var prefix: UInt64 = 0, n = 0
        for b in id.utf8.prefix(8) { prefix = prefix << 8 | UInt64(b); n += 1 }
        idPrefix = prefix << (8 * UInt64(8 - n))
    }

    /// The same id byte for byte (SQLite's BINARY collation; Swift's == would also join
    /// differently normalized texts, which are different rows to SQLite).
    func sameID(_ other: LogEntry) -> Bool {
        idPrefix == other.idPrefix && id.utf8.elementsEqual(other.id.utf8)
    }
}

/// How captured writes change a row's clock: a pure function of the entries, the row's clock and
/// the site, so the read-ahead can work it out on its own thread.
struct LogFolding: Sendable {
    let site: SiteID
    let role: Replica.Role

    /// A row's clock after its captured writes, in the order they were made; nil when they change nothing.
    func applying(_ entries: ArraySlice<LogEntry>, to stored: Replica.StoredRow?, _ table: TableSchema) throws -> Replica.StoredRow? {
        let allPositions = 0...table.columns.count + 1
        var row = stored
        var changed = false
        for e in entries {
            let seq = e.seq
            let stamp = Stamp(counter: seq, site: site)
            let org = e.org
            switch CaptureSQL.Op(rawValue: e.op) {
            case .update where !(row?.alive ?? false):
                // An update of a row with no live clock was never folded: all of it is new, as inserted.
                fallthrough
            case .insert:
                var r = row ?? Replica.StoredRow(orgID: org ?? "", alive: true, local: 0, clock: RowClock())
                r.clock.write(allPositions, stamp: stamp)
                r.alive = true
                if let org { noteMove(&r, to: org) }
                r.local = seq
                row = r; changed = true
            case .update:
                guard var r = row else { continue }
                let mask = e.mask
                let positions = allPositions.lazy.filter { $0 > 0 && mask & (1 << Int64($0)) != 0 }
                if positions.isEmpty { continue }
                r.clock.write(positions, stamp: stamp)
                if let org { noteMove(&r, to: org) }
                r.local = seq
                row = r; changed = true
            case .delete:
                guard var r = row else { continue }  // created and deleted before anyone saw it
                r.clock.write([0], stamp: stamp)
                r.alive = false
                r.local = seq
                row = r; changed = true
            case nil:
                throw ReplicaError.corruptMetadata("msync_log holds an unknown operation")
            }
        }
        return changed ? row : nil
    }

    /// Sets a row's owner. At the district, a row that changes hands remembers whom it left: the
    /// old owner may still hold it as its own and must be told (Protocol/bundle.md, "Rows that move").
    private func noteMove(_ row: inout Replica.StoredRow, to owner: String) {
        if role == .district && !row.orgID.isEmpty { row.clock.noteMove(from: row.orgID, to: owner) }
        row.orgID = owner
    }
}
