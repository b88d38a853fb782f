/// Folding the capture log into row clocks.
extension Replica {
    struct StoredRow {
        var orgID: String
        var alive: Bool
        var local: Int64
        var clock: RowClock
    }

    func loadRow(table: Int, id: String) throws -> StoredRow? {
        let s = try loadRowStatement()
        try s.bind(Int64(table), at: 1)
        try s.bind(id, at: 2)
        defer { s.reset() }
        guard try s.step() else { return nil }
        return StoredRow(orgID: s.string(at: 0) ?? "", alive: s.int64(at: 1) != 0, local: s.int64(at: 2),
                         clock: try codec.decode(s.bytes(at: 3)))
    }

    /// Stores a row's clock, with the fingerprint of its values now (see `RowFingerprint`).
    /// `values` (cell positions 1…n) are the row's values as the caller just wrote them; without
    /// them they are read back from the table.
    func storeRow(table: Int, id: String, _ row: StoredRow, values written: [DatabaseValue]? = nil) throws {
        let blob = try codec.encode(row.clock)
        var fp = DatabaseValue.null
        if row.alive, let t = schema.table(number: table) {
            if let written {
                fp = .blob(RowFingerprint(values: written).bytes)
            } else if let read = try readFingerprint(t, id: id) {
                fp = .blob(read.bytes)
            }
        }
        let s = try storeRowStatement()
        try s.bind(Int64(table), at: 1)
        try s.bind(id, at: 2)
        try s.bind(row.orgID, at: 3)
        try s.bind(Int64(row.alive ? 1 : 0), at: 4)
        try s.bind(row.local, at: 5)
        try s.bind(.blob(blob), at: 6)
        try s.bind(fp, at: 7)
        try s.run()
    }

    /// Folds every captured write into the row clocks. Runs inside the caller's write transaction.
    /// Returns the number of log entries folded.
    @discardableResult
    func foldLog() throws -> Int {
        // Writes made while capture was off are put into the log first, before anything is folded.
        try ensureCapture()
        var total = 0
        while true {
            // Batches keep memory flat; within a batch, entries of one row are applied in order.
            let batch = try database.rows("SELECT seq, tbl, id, org_id, op, mask FROM msync_log ORDER BY seq LIMIT 20000")
            if batch.isEmpty { break }
            var order: [String] = []
            var byRow: [String: [[DatabaseValue]]] = [:]
            for entry in batch {
                let key = "\(entry[1].integer ?? 0)\u{1f}\(entry[2].displayText)"
                if byRow[key] == nil { order.append(key) }
                byRow[key, default: []].append(entry)
            }
            order.sort()
            for key in order {
                let entries = byRow[key]!
                let tbl = Int(entries[0][1].integer ?? 0)
                let id = entries[0][2].displayText
                guard let table = schema.table(number: tbl) else { continue }
                let allPositions = Array(0...table.columns.count + 1)
                var row = try loadRow(table: tbl, id: id)
                var changed = false
                for e in entries {
                    let seq = e[0].integer ?? 0
                    let stamp = Stamp(counter: seq, site: site)
                    let org = e[3].isNull ? nil : e[3].displayText
                    switch CaptureSQL.Op(rawValue: e[4].integer ?? 0) {
                    case .insert:
                        var r = row ?? StoredRow(orgID: org ?? "", alive: true, local: 0, clock: RowClock())
                        r.clock.write(allPositions, stamp: stamp)
                        r.alive = true
                        if let org { noteMove(&r, to: org) }
                        r.local = seq
                        row = r; changed = true
                    case .update:
                        guard var r = row, r.alive else {
                            // An update of a row with no clock yet: it was never folded, so all of it is new.
                            var r = row ?? StoredRow(orgID: org ?? "", alive: true, local: 0, clock: RowClock())
                            r.clock.write(allPositions, stamp: stamp)
                            r.alive = true
                            if let org { noteMove(&r, to: org) }
                            r.local = seq
                            row = r; changed = true
                            continue
                        }
                        let mask = e[5].integer ?? 0
                        let positions = allPositions.filter { $0 > 0 && mask & (1 << Int64($0)) != 0 }
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
                if changed, let row { try storeRow(table: tbl, id: id, row) }
            }
            let last = batch.last![0].integer ?? 0
            try database.execute("DELETE FROM msync_log WHERE seq <= ?", [.integer(last)])
            total += batch.count
        }
        return total
    }

    /// Sets a row's owner. At the district, a row that changes hands remembers whom it left: the
    /// old owner may still hold it as its own and must be told (Protocol/bundle.md, "Rows that move").
    private func noteMove(_ row: inout StoredRow, to owner: String) {
        if role == .district && !row.orgID.isEmpty { row.clock.noteMove(from: row.orgID, to: owner) }
        row.orgID = owner
    }

    /// Folds the log in its own write transaction (for callers outside export and merge).
    @discardableResult
    public func fold() throws -> Int {
        try writeTransaction { try foldLog() }
    }
}
