/// Where a row's clock is kept. A live row carries its clock and the fingerprint of its values in
/// two columns of its own (`msync_clock`, `msync_fp`), so merging a change to it writes one b-tree
/// entry, not two. `msync_rows` holds every row's key, owner, liveness and `local` counter (what the
/// counts, the export and the shares select by) and keeps a clock only where the registry row cannot:
/// a deleted row's (its tombstone), and a row's that moved between schools (its former owners,
/// which the district reads for every reply without opening the rows). Every other row has an
/// empty `clock` there (README, "How sync works").
///
/// A row inserted here and not changed since has no clock in its row at all: its clock is implied
/// by its entry (`implicitClock`: version {this site: local}, every cell stamped (local, this site)),
/// and its fingerprint is kept in the entry. Folding a first load of new rows then writes their
/// entries alone: growing each row by its clock afterwards split nearly every page of the table.
/// The first write that changes the row's clock puts it into the row (`storeRow`).
extension Replica {
    struct StoredRow: Sendable {
        var orgID: String
        var alive: Bool
        var local: Int64
        var clock: RowClock
    }

    /// The row's clock as `msync_rows` keeps it: the encoded clock of a tombstone or a moved row,
    /// empty for any other row (its clock is in the row).
    static func indexedClock(_ row: StoredRow, encoded: [UInt8]) -> [UInt8] {
        !row.alive || !row.clock.formerOwners.isEmpty ? encoded : []
    }

    func loadRow(table: Int, id: String) throws -> StoredRow? {
        let s = try loadRowStatement(table)
        try s.bind(Int64(table), at: 1)
        try s.bind(id, at: 2)
        defer { s.reset() }
        guard try s.step() else { return nil }
        let alive = s.int64(at: 1) != 0
        // A live row's clock is the one in its row; none there: the one kept beside it (a row
        // deleted since, its deletion not folded yet), else the one its entry implies.
        let bytes = alive && !s.isNull(at: 4) ? s.bytes(at: 4) : s.bytes(at: 3)
        let local = s.int64(at: 2)
        return StoredRow(orgID: s.string(at: 0) ?? "", alive: alive, local: local,
                         clock: try decodeStoredClock(bytes, table: table, alive: alive, local: local))
    }

    /// A clock as stored. None stored for a live row: the clock its entry implies.
    func decodeStoredClock(_ bytes: [UInt8], table: Int, alive: Bool, local: Int64) throws -> RowClock {
        if !bytes.isEmpty { return try codec.decode(bytes, slots: cellSlots(table)) }
        return alive ? implicitClock(table: table, local: local) : RowClock()
    }

    /// The clock of a row inserted here by the write of counter `local` and not changed since:
    /// what folding that insert makes (`LogFolding`, `RowClockCodec.encodeInsert`).
    func implicitClock(table: Int, local: Int64) -> RowClock {
        guard local > 0 else { return RowClock() }
        var clock = RowClock()
        clock.write(0..<cellSlots(table), stamp: Stamp(counter: local, site: site))
        return clock
    }

    /// Stores a row's clock, with the fingerprint of its values now (see `RowFingerprint`).
    /// `values` (cell positions 1…n) are the row's values as the caller just wrote them; without
    /// them they are read back from the table. `held`: the caller loaded the row, so its entry in
    /// `msync_rows` is there to be updated in place — an UPDATE rewrites the one b-tree entry where
    /// INSERT OR REPLACE deletes and inserts it.
    func storeRow(table: Int, id: String, _ row: StoredRow, values written: [DatabaseValue]? = nil, held: Bool = false) throws {
        let clock = try codec.encode(row.clock)
        let entry = Replica.indexParameters(table: table, id: id, row, clock: clock)
        var stored = false
        if held {
            try updateIndexStatement().run(binding: entry, from: 1)
            stored = database.changes == 1
        }
        if !stored { try storeIndexStatement().run(binding: entry, from: 1) }
        guard row.alive, let t = schema.table(number: table) else { return }
        let fingerprint = try written.map { RowFingerprint(values: $0).bytes } ?? readFingerprint(t, id: id)?.bytes
        try storeClockInRow(t, id: id, clock: clock, fingerprint: fingerprint)
    }

    /// Writes a live row's clock and fingerprint into its row. A row no longer in its table (deleted
    /// after the write being folded, its deletion folded next) keeps its clock in its entry.
    func storeClockInRow(_ table: TableSchema, id: String, clock: [UInt8], fingerprint: [UInt8]?) throws {
        let s = try clockInRowStatement(table)
        try s.bind(.blob(clock), at: 1)
        try s.bind(fingerprint.map { .blob($0) } ?? .null, at: 2)
        try s.bind(id, at: 3)
        try s.run()
        if database.changes == 0 {
            try database.cachedStatement("UPDATE msync_rows SET clock = ? WHERE tbl = ? AND id = ?")
                .execute([.blob(clock), .integer(Int64(table.number)), .text(id)])
        }
    }

    /// Stores the clock of a row this site does not hold, the row being in its table already (a
    /// fold of an insert); false (and nothing written) when it holds it.
    func storeRowIfAbsent(table: Int, id: String, _ row: StoredRow, implicit: Bool = false) throws -> Bool {
        try storeRowIfAbsent(parameters: Replica.rowParameters(table: table, id: id, row, clock: try codec.encode(row.clock), fingerprint: nil),
                             implicit: implicit)
    }

    /// The same, with its parameters made (`FoldReadAhead`): the entry goes into `msync_rows`, and
    /// a live row's clock and fingerprint into its row (read from it when not given). `implicit`:
    /// the row was just inserted here (its clock is the one its entry implies): the entry alone is
    /// written, with the fingerprint.
    func storeRowIfAbsent(parameters p: [DatabaseValue], implicit: Bool = false) throws -> Bool {
        if implicit, p[3] == .integer(1), let t = schema.table(number: Int(p[0].integer ?? -1)), let id = p[1].text {
            let fingerprint = try p[6].bytes ?? readFingerprint(t, id: id)?.bytes
            try insertImplicitIfAbsentStatement().run(binding: Array(p[0..<5]) + [fingerprint.map { .blob($0) } ?? .null], from: 1)
            return database.changes == 1
        }
        guard try storeIndexIfAbsent(parameters: p) else { return false }
        if p[3] == .integer(1), let t = schema.table(number: Int(p[0].integer ?? -1)), let id = p[1].text {
            let fingerprint = try p[6].bytes ?? readFingerprint(t, id: id)?.bytes
            try storeClockInRow(t, id: id, clock: p[5].bytes ?? [], fingerprint: fingerprint)
        }
        return true
    }

    /// Puts a row's entry into `msync_rows` unless it is there (`rowParameters`); false when it was.
    /// The caller writes a live row's clock into the row itself.
    func storeIndexIfAbsent(parameters p: [DatabaseValue]) throws -> Bool {
        let row = StoredRow(orgID: p[2].text ?? "", alive: p[3] == .integer(1), local: p[4].integer ?? 0, clock: RowClock())
        let clock = p[5].bytes ?? []
        // A live row's entry holds no clock unless it moved: whether it did is read from the clock itself.
        let kept = row.alive && !codec.namesFormerOwners(clock) ? [] : clock
        try insertIndexIfAbsentStatement().run(binding: Array(p[0..<5]) + [.blob(kept)], from: 1)
        return database.changes == 1
    }

    /// Puts the entry of a row this site does not hold into `msync_rows` (`clock`: its clock
    /// encoded); false when the row is held. The caller writes a live row, clock and all.
    func storeEntryIfAbsent(table: Int, id: String, _ row: StoredRow, clock: [UInt8]) throws -> Bool {
        try insertIndexIfAbsentStatement().run(binding: Replica.indexParameters(table: table, id: id, row, clock: clock), from: 1)
        return database.changes == 1
    }

    /// The parameters of a row's storing: tbl, id, org_id, alive, local, clock, fp.
    static func rowParameters(table: Int, id: String, _ row: StoredRow, clock: [UInt8], fingerprint: [UInt8]?) -> [DatabaseValue] {
        [.integer(Int64(table)), .text(id), .text(row.orgID), .integer(row.alive ? 1 : 0), .integer(row.local),
         .blob(clock), row.alive ? fingerprint.map { .blob($0) } ?? .null : .null]
    }

    /// The parameters of `msync_rows`'s entry: tbl, id, org_id, alive, local, clock (`indexedClock`).
    static func indexParameters(table: Int, id: String, _ row: StoredRow, clock: [UInt8]) -> [DatabaseValue] {
        [.integer(Int64(table)), .text(id), .text(row.orgID), .integer(row.alive ? 1 : 0), .integer(row.local),
         .blob(indexedClock(row, encoded: clock))]
    }

    func removeRowClock(table: Int, id: String) throws {
        try database.execute("DELETE FROM msync_rows WHERE tbl = ? AND id = ?", [.integer(Int64(table)), .text(id)])
    }

    func encodeClock(_ clock: RowClock) throws -> [UInt8] { try codec.encode(clock) }
}

extension DatabaseValue {
    /// The bytes of a blob; nil for any other value.
    var bytes: [UInt8]? { if case .blob(let b) = self { return b } else { return nil } }
}
