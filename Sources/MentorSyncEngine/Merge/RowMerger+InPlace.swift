/// The usual update, merged by one statement: a change to a live row whose sender had seen every
/// write the row holds here. Then nothing can be concurrent and every cell it brings wins (or is
/// the same write again), so SQLite is told to write the cells, merge the clock and take the
/// fingerprint where the row lies (MergeFunctions) — nothing is read first. Whether the row is
/// such a row is decided by the statement too: when it is not (not held, another owner, a clock the
/// change does not cover, a moved row, nothing new), it writes nothing and the usual path merges it.
extension RowMerger {
    /// True when the change was merged (or refused by the table's checks) here.
    mutating func mergeInPlace(_ change: RowChange, table: TableSchema, positions: [Int?], prepared: PreparedRow?,
                               report: inout MergeReport) throws -> Bool {
        // Rows this site owns are told to their owner with their old values (the usual path reads
        // them); a deletion, and a change of owner, go the usual way too.
        guard replica.mergesInPlace, sender != replica.site, change.orgID != replica.site.rawValue, !change.isTombstone else { return false }
        let incoming = prepared?.incoming ?? incomingCells(change, positions: positions)
        var mask: UInt64 = 0
        var values: [DatabaseValue] = []
        values.reserveCapacity(incoming.count)
        var last = 0
        for c in incoming where c.pos > 0 {
            if c.pos == 1 && c.value != .text(change.orgID) { return false }
            // Cells in the order of their positions, each once (as bundles write them); else the usual path decides.
            if c.pos <= last { return false }
            last = c.pos
            mask |= 1 << UInt64(c.pos)
            values.append(c.value)
        }
        // The checks of the usual path, with the row held by the owner the change names (the
        // statement changes nothing if it is held by another).
        if try refusal(of: change, table: table, positions: positions, heldBy: change.orgID) != nil { return false }
        let patch = try prepared?.patch ?? replica.clockPatch(change, incoming)
        let s = try inPlaceUpdate(table, mask: mask)
        try s.bind(change.id, at: 1)
        try s.bind(change.orgID, at: 2)
        try s.bind(.blob(patch), at: 3)
        try s.bind(Int64(try replica.ownSiteNumber()), at: 4)
        // The cells bound in place (no copy of each text), then the statement runs.
        do { try s.run(binding: values, from: 5) } catch let e as SQLiteError where e.isConstraint {
            refuse(change, table, positions, refusedValue(change, e), in: &report)
            return true
        }
        guard replica.database.changes == 1 else { return false }
        replica.rowsMergedInPlace += 1
        report.rowsChanged += 1
        return true
    }

    /// `UPDATE <table> SET <cells of mask> = ?5…, msync_clock = merged, msync_fp = of the row after
    /// (patched from the cells' old and new values)
    /// WHERE id = ?1 AND org_id = ?2 AND the clock ?3 covers the row's (own site's number ?4)`.
    private func inPlaceUpdate(_ table: TableSchema, mask: UInt64) throws -> Statement {
        try replica.inPlaceUpdate(table, mask: mask) {
            let names = table.cellNames
            var sets: [String] = [], printed: [String] = [], patches = ["msync_fp"]
            var parameter = 5
            for (i, name) in names.enumerated() {
                let q = SQL.identifier(name)
                if mask & (1 << UInt64(i + 1)) != 0 {
                    sets.append("\(q) = ?\(parameter)")
                    printed.append("?\(parameter)")
                    patches.append("\(i + 1), \(q), ?\(parameter)")  // SET's expressions see the row's old values
                    parameter += 1
                } else {
                    printed.append(q)
                }
            }
            sets.append("msync_clock = msync_clock_merge(msync_clock, ?3)")
            // The fingerprint patched from the cells written; hashed whole when kept in an earlier layout.
            sets.append("msync_fp = coalesce(msync_fp_patch(\(patches.joined(separator: ", "))), msync_fingerprint(\(printed.joined(separator: ", "))))")
            return """
                UPDATE \(SQL.identifier(table.name)) SET \(sets.joined(separator: ", "))
                WHERE id = ?1 AND org_id = ?2 AND msync_clock_advances(msync_clock, ?3, ?4)
                """
        }
    }
}

extension Replica {
    /// A change's version and the stamps of its cells, encoded as a clock (what `msync_clock_merge`
    /// lays over the row's).
    func clockPatch(_ change: RowChange, _ incoming: [RowMerger.IncomingCell]) throws -> [UInt8] {
        try codec.encode(Replica.clockPatch(change, incoming))
    }

    static func clockPatch(_ change: RowChange, _ incoming: [RowMerger.IncomingCell]) -> RowClock {
        var clock = RowClock(version: change.version)
        for c in incoming { clock.stamps[c.pos] = c.stamp }
        return clock
    }

    func ownSiteNumber() throws -> Int { try codec.number(site) }

    /// The in-place update of a table's cells of `mask`, prepared once.
    func inPlaceUpdate(_ table: TableSchema, mask: UInt64, _ sql: () -> String) throws -> Statement {
        if let s = inPlace[table.number]?[mask] { return s }
        let s = try database.prepare(sql())
        inPlace[table.number, default: [:]][mask] = s
        return s
    }
}
