import Foundation

/// Merges rows one at a time, with the statements it needs prepared once per bundle.
struct RowMerger {
    let replica: Replica
    let sender: SiteID
    let policy: MergePolicy
    var conflicts: [ConflictRecord] = []
    /// Refused changes the district answers with a fresh write of its own state (RowMerger+Ownership).
    var reassertions: [Reassertion] = []
    let now = Int64(Date().timeIntervalSince1970)
    /// The last row merged was one this site had never held: the next is tried as one too
    /// (`mergeIfUnseen`), as rows come in runs — a first load is all new rows, a daily bundle all known.
    var expectUnseen = false
    private var lastNarrow: (table: Int, mask: UInt64, statement: Statement)?

    init(replica: Replica, sender: SiteID, policy: @escaping MergePolicy) {
        self.replica = replica; self.sender = sender; self.policy = policy
    }

    /// `prepared`: what the reading thread worked out of the change (`RowPreparer`), if it did.
    mutating func merge(_ change: RowChange, table: TableSchema, positions: [Int?], prepared: PreparedRow? = nil,
                        report: inout MergeReport) throws {
        let kept = replica.keepsRows(ownedBy: change.orgID) || replica.isSharedRow(change)
        if kept && expectUnseen,
           try mergeIfUnseen(change, table: table, positions: positions, prepared: prepared, report: &report) { return }
        // A daily bundle's rows are mostly updates of rows held here that nothing else changed meanwhile.
        if kept && !expectUnseen,
           try mergeInPlace(change, table: table, positions: positions, prepared: prepared, report: &report) { return }
        var existing = try replica.loadRow(table: table.number, id: change.id)
        expectUnseen = existing == nil
        if !kept {
            try forgetRowThatLeft(change, table: table, positions: positions, existing: existing, report: &report)
            return
        }
        if isOlderThanItsMove(change, existing: &existing) { return }
        if let reason = try refusal(of: change, table: table, positions: positions, heldBy: existing?.orgID) {
            refuse(change, table, positions, reason, in: &report)
            noteRefused(change, table: table, positions: positions, existing: existing)
            return
        }
        let incoming = prepared?.incoming ?? incomingCells(change, positions: positions)
        if let reason = ownersDisagree(change, incoming) {
            refuse(change, table, positions, reason, in: &report)
            noteRefused(change, table: table, positions: positions, existing: existing)
            return
        }

        // Taken, not copied: the row's clock is changed in place (a copy retained each of its parts).
        guard var row = consume existing else {
            // A row this site has never held.
            if let reason = notWhole(change, incoming) {
                refuse(change, table, positions, reason, in: &report)
                return
            }
            let new = prepared?.unseen ?? unseenRow(change, incoming, table: table)
            if let values = new.values {
                do { try writeBase(table, id: change.id, values: values, insert: true) } catch let e as SQLiteError where e.isConstraint {
                    refuse(change, table, positions, refusedValue(change, e), in: &report)
                    return
                }
                report.rowsInserted += 1
            }
            try replica.storeRow(table: table.number, id: change.id, new.stored, values: new.values)
            report.rowsChanged += 1
            return
        }

        // The common case of an update: the sender had seen every write this row holds here, so
        // nothing can be concurrent. No old values are needed, and only the cells that win are written.
        // One comparison of the vectors: when the sender's covers this site's, their union is the sender's.
        let order = row.alive ? change.version.compare(row.clock.version) : .concurrent
        if order == .equal || order == .after,
           incoming.allSatisfy({ $0.pos != 0 || $0.value == .integer(1) }) {
            var mask: UInt64 = 0
            var winners: [(Int, DatabaseValue)] = []
            var changed = false
            var ascending = true
            // Of a row this site owns, from another: whether it answers another school's refused write
            // (worked out before this site's version takes the sender's; no copy for other rows).
            let ownRow = row.orgID == replica.site.rawValue && sender != replica.site
            let answer = ownRow && answersAnotherSchool(change.version, held: row.clock.version)
            for c in incoming {
                if let ls = row.clock.stamps[c.pos], ls >= c.stamp { continue }
                row.clock.stamps[c.pos] = c.stamp
                changed = true
                if c.pos > 0 {
                    mask |= 1 << UInt64(c.pos)
                    if let last = winners.last, last.0 > c.pos { ascending = false }
                    winners.append((c.pos, c.value))
                }
            }
            if order == .after { row.clock.version = change.version; changed = true }
            guard changed else { return }
            if mask != 0 {
                if !ascending { winners.sort { $0.0 < $1.0 } }
                let cols = table.cellNames
                // Another site wrote in a row this site owns: its old values are read to tell the owner.
                if ownRow, let old = try replica.readValues(table, id: change.id) {
                    for (pos, value) in winners where pos > 1 && pos - 1 < old.count {
                        let cell = CorrectedCell(table: table.name, rowID: change.id, column: cols[pos - 1], old: old[pos - 1], new: value)
                        if old[pos - 1] != value { report.ownRowsChanged.append(cell) } else if !answer { report.ownCellsConfirmed.append(cell) }
                    }
                }
                let s = try narrowUpdate(table, mask: mask) {
                    "UPDATE \(SQL.identifier(table.name)) SET \(winners.map { "\(SQL.identifier(cols[$0.0 - 1])) = ?" }.joined(separator: ", ")) WHERE id = ?"
                }
                do {
                    // Bound one by one: the statement's parameters are the winners in order, then the id.
                    for (i, w) in winners.enumerated() { try s.bind(w.1, at: i + 1) }
                    try s.bind(change.id, at: winners.count + 1)
                    try s.run()
                } catch let e as SQLiteError where e.isConstraint {
                    refuse(change, table, positions, refusedValue(change, e), in: &report)
                    return
                }
                if let org = winners.first(where: { $0.0 == 1 })?.1.text { row.orgID = org }
            }
            row.local = row.clock.version[replica.site]
            try replica.storeRow(table: table.number, id: change.id, row, held: true)
            report.rowsChanged += 1
            return
        }

        let width = table.columns.count + 1
        let localVV = row.clock.version
        let remoteVV = change.version
        let wasAlive = row.alive
        let oldValues = wasAlive ? (try replica.readValues(table, id: change.id) ?? [DatabaseValue](repeating: .null, count: width)) : nil
        var values = oldValues ?? [DatabaseValue](repeating: .null, count: width)
        var alive = wasAlive
        var clockChanged = false

        if let e = incoming.first(where: { $0.pos == 0 }) {
            let ls = row.clock.stamps[0]
            if ls == nil || e.stamp > ls! {
                row.clock.stamps[0] = e.stamp
                clockChanged = true
                alive = e.value == .integer(1)
                if wasAlive && !alive {
                    // A deletion arrives: local writes the deleter had not seen are lost to it.
                    for (pos, st) in row.clock.stamps where pos > 0 && !remoteVV.covers(st) && !localVV.covers(e.stamp) {
                        record(table, change.id, pos, winner: (.null, e.stamp), loser: (oldValues![pos - 1], st))
                    }
                }
            }
        }
        let deletion = row.clock.stamps[0]
        for c in incoming where c.pos > 0 {
            let ls = row.clock.stamps[c.pos]
            if let ls, ls == c.stamp { continue }
            let concurrent = ls.map { !remoteVV.covers($0) && !localVV.covers(c.stamp) } ?? false
            let localValue: DatabaseValue? = wasAlive ? oldValues![c.pos - 1] : nil
            if ls == nil || c.stamp > ls! {
                row.clock.stamps[c.pos] = c.stamp
                clockChanged = true
                values[c.pos - 1] = c.value
                if concurrent, let localValue, localValue != c.value {
                    record(table, change.id, c.pos, winner: (c.value, c.stamp), loser: (localValue, ls!))
                }
            } else if concurrent, let localValue, localValue != c.value {
                record(table, change.id, c.pos, winner: (localValue, ls!), loser: (c.value, c.stamp))
            }
            if !wasAlive && !alive, let deletion, !localVV.covers(c.stamp) && !remoteVV.covers(deletion) {
                record(table, change.id, c.pos, winner: (.null, deletion), loser: (c.value, c.stamp))
            }
        }
        let merged = localVV.union(remoteVV)
        if merged != localVV { row.clock.version = merged; clockChanged = true }
        guard clockChanged else { return }

        if alive {
            if !wasAlive {
                // Brought back by a later insert: positions not sent are unknown here.
                if case .null = values[0] { values[0] = .text(change.orgID) }
            }
            if !wasAlive || values != oldValues! {
                do { try writeBase(table, id: change.id, values: values, insert: !wasAlive) } catch let e as SQLiteError where e.isConstraint {
                    refuse(change, table, positions, refusedValue(change, e), in: &report)
                    return
                }
                if wasAlive, row.orgID == replica.site.rawValue, sender != replica.site, let old = oldValues {
                    for i in 1..<min(old.count, values.count, table.cellNames.count) where old[i] != values[i] {
                        report.ownRowsChanged.append(CorrectedCell(table: table.name, rowID: change.id, column: table.cellNames[i], old: old[i], new: values[i]))
                    }
                }
            }
            row.orgID = values[0].text ?? row.orgID
        } else if wasAlive {
            try replica.database.cachedStatement("DELETE FROM \(SQL.identifier(table.name)) WHERE id = ?").execute([.text(change.id)])
            report.rowsDeleted += 1
        }
        row.alive = alive
        row.local = row.clock.version[replica.site]
        try replica.storeRow(table: table.number, id: change.id, row, values: alive ? values : nil, held: true)
        report.rowsChanged += 1
    }

    /// The statement updating the cells of `mask`: the last one used is kept at hand, as the rows
    /// of a bundle mostly change the same cells (a dictionary lookup by table and mask was 3% of a
    /// merge of updates).
    private mutating func narrowUpdate(_ table: TableSchema, mask: UInt64, _ sql: () -> String) throws -> Statement {
        if let n = lastNarrow, n.table == table.number, n.mask == mask { return n.statement }
        let s = try replica.narrowUpdate(table, mask: mask, sql)
        lastNarrow = (table.number, mask, s)
        return s
    }

    /// Writes a row's values; an insert with the row's clock and fingerprint when the caller has
    /// them (else they are written after it, `Replica.storeRow`).
    func writeBase(_ table: TableSchema, id: String, values: [DatabaseValue], insert: Bool,
                   clock: [UInt8]? = nil, fingerprint: [UInt8]? = nil) throws {
        if insert {
            let s = try replica.insertStatement(table)
            try s.bind(id, at: 1)
            try s.bind(clock.map { .blob($0) } ?? .null, at: values.count + 2)
            try s.bind(fingerprint.map { .blob($0) } ?? .null, at: values.count + 3)
            // The cells bound in place (no copy of each text: a tenth of inserting a row), then it runs.
            try s.run(binding: values, from: 2)
        } else {
            let s = try replica.updateStatement(table)
            try s.bind(values, from: 1)
            try s.bind(id, at: values.count + 1)
            try s.run()
        }
    }

    private mutating func record(_ table: TableSchema, _ id: String, _ pos: Int,
                                 winner: (DatabaseValue, Stamp), loser: (DatabaseValue, Stamp)) {
        conflicts.append(ConflictRecord(table: table.name, rowID: id, column: table.cellNames[pos - 1],
                                        winnerValue: winner.0, winnerStamp: winner.1, loserValue: loser.0, loserStamp: loser.1,
                                        detectedBy: replica.site, detectedCounter: 0, detectedAt: now))
    }
}
