/// Rows whose owner changes, and refused changes: both must leave every site holding the same
/// thing (Protocol/bundle.md, "Rows that move" and "Refused changes").
extension RowMerger {
    /// A refused change the district answers: the cells (positions) it writes again with a fresh stamp
    /// of its own, and the refused writes its new version covers.
    struct Reassertion {
        var table: Int
        var id: String
        var positions: Set<Int>
        var refused: [Stamp]
    }

    /// At a school: a ROW from the district whose owner is no longer this school nor the district.
    /// The row left this school's share (the coordinator gave it to another school), so a copy held
    /// here is removed, values and all, without capturing a deletion: the row lives on at its new
    /// owner. What stays is a **trace**: a clock with the new owner, not alive, the move's stamp, and
    /// no local counter (so it is never exported). It tells a late copy of the row's older state
    /// from the row coming back (`isOlderThanItsMove`). A move older than what is held changes nothing.
    mutating func forgetRowThatLeft(_ change: RowChange, table: TableSchema, positions: [Int?],
                                    existing: Replica.StoredRow?, report: inout MergeReport) throws {
        let owner = change.cells.first { $0.position < positions.count && positions[$0.position] == 1 }
        guard let owner, owner.value == .text(change.orgID) else { return }
        if let held = existing?.clock.stamps[1], held >= owner.stamp { return }
        if let existing, existing.alive {
            try replica.database.cachedStatement("DELETE FROM \(SQL.identifier(table.name)) WHERE id = ?").execute([.text(change.id)])
            report.rowsMovedAway += 1
        }
        var trace = RowClock(version: change.version.union(existing?.clock.version ?? VersionVector()), stamps: [1: owner.stamp])
        if let existence = change.cells.first(where: { $0.position == 0 }) { trace.stamps[0] = existence.stamp }
        try replica.storeRow(table: table.number, id: change.id, Replica.StoredRow(orgID: change.orgID, alive: false, local: 0, clock: trace))
        report.rowsChanged += 1
    }

    /// At a school: whether a ROW of its share is a state of a row from before it left this school
    /// (a late copy of an old reply), which must not bring it back. A ROW whose version covers the
    /// move is the row given back to this school: it is then stored as new (it came whole).
    func isOlderThanItsMove(_ change: RowChange, existing: inout Replica.StoredRow?) -> Bool {
        // A trace holds no cell beyond existence and org_id; another school's row of this school's
        // network share (Replica+Shares) is merged like any other.
        guard let owner = existing?.orgID, !replica.keepsRows(ownedBy: owner), let trace = existing, !trace.alive,
              trace.clock.stamps.keys.allSatisfy({ $0 <= 1 }) else { return false }
        if let moved = trace.clock.stamps[1], !change.version.covers(moved) { return true }
        existing = nil
        return false
    }

    /// At the district: a school's change to a row that stays in its share (its own row, the
    /// district's, or another school's row of its network share) was refused. The school still holds its values, and under last-writer-wins its
    /// newer stamps would keep them there forever; so the district writes its own state of those
    /// cells again, with a stamp above everything it has seen and a version that covers the refused
    /// writes. That fresh write wins at the school without a conflict, and at every other site like
    /// any write of the district: every site converges on the district's values.
    mutating func noteRefused(_ change: RowChange, table: TableSchema, positions: [Int?], existing: Replica.StoredRow?) {
        guard replica.role == .district, let existing,
              existing.orgID == sender.rawValue || existing.orgID == replica.site.rawValue
                || replica.sharesRow(table: table.number, id: change.id, with: sender) else { return }
        var redo: Set<Int> = []
        var refused: [Stamp] = []
        for cell in change.cells {
            guard cell.position < positions.count, let pos = positions[cell.position] else { continue }
            if let held = existing.clock.stamps[pos], held >= cell.stamp { continue }  // the district's write wins anyway
            redo.insert(pos)
            refused.append(cell.stamp)
        }
        if existing.alive {
            // The school deleted the row: bringing it back there needs every value.
            if redo.contains(0) { redo = Set(0...table.columns.count + 1) }
        } else {
            // The row is deleted here; the deletion wins at the school unless the school brought it back.
            redo = redo.intersection([0])
        }
        guard !redo.isEmpty else { return }
        reassertions.append(Reassertion(table: table.number, id: change.id, positions: redo, refused: refused))
    }
}

extension RowMerger {
    /// At a school, of a ROW of one of its own rows: whether its version covers a write of another
    /// school this site had not seen. No other school may write this school's rows, so that write
    /// was refused, and the district's fresh stamps on the row answer it ("Refused changes"): a
    /// value of this school's stamped anew so was never in question, nor is it a decision to tell.
    func answersAnotherSchool(_ incoming: VersionVector, held: VersionVector) -> Bool {
        guard replica.role == .school else { return false }
        var found = false
        incoming.forEachEntry { site, counter in
            if site != replica.site && site != replica.district && counter > held[site] { found = true }
        }
        return found
    }
}

extension Replica {
    /// Writes the district's state of refused cells again under one fresh stamp (see `noteRefused`).
    /// Only the clocks change: the district's values are already in its tables.
    func reassert(_ list: [RowMerger.Reassertion]) throws {
        guard !list.isEmpty else { return }
        let stamp = Stamp(counter: try counter() + 1, site: site)
        try raiseCounter(to: stamp.counter)
        for r in list {
            guard var row = try loadRow(table: r.table, id: r.id) else { continue }
            for s in r.refused { row.clock.version.advance(s.site, to: s.counter) }
            row.clock.write(r.positions.sorted(), stamp: stamp)
            row.local = row.clock.version[site]
            try storeRow(table: r.table, id: r.id, row, held: true)
        }
    }

    /// Whether this site keeps rows owned by `owner`: the district keeps every row; a school its
    /// own and the district's.
    func keepsRows(ownedBy owner: String) -> Bool {
        role == .district || owner == site.rawValue || owner == district.rawValue
    }
}
