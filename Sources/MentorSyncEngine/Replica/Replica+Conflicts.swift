/// The conflicts a site has detected or received, for the coordinator to review and settle.
extension Replica {
    private static let conflictColumns = """
        id, tbl, row_id, col, winner_value, winner_counter, winner_site, loser_value, loser_counter, loser_site,
        detected_by, detected_counter, detected_at, status, resolution, resolved_at
        """

    /// Open conflicts (and settled ones too with `includeResolved`), oldest first.
    public func conflicts(includeResolved: Bool = false) throws -> [Conflict] {
        try database.rows("""
            SELECT \(Replica.conflictColumns) FROM msync_conflicts
            \(includeResolved ? "" : "WHERE status = 'open'") ORDER BY detected_at, id
            """).map(conflict(from:))
    }

    /// One conflict by its full id.
    public func conflict(id: String) throws -> Conflict? {
        try database.rows("SELECT \(Replica.conflictColumns) FROM msync_conflicts WHERE id = ?", [.text(id)])
            .first.map(conflict(from:))
    }

    public func openConflictCount() throws -> Int {
        Int(try database.scalar("SELECT count(*) FROM msync_conflicts WHERE status = 'open'")?.integer ?? 0)
    }

    /// Open conflicts this site detected that `peer` has not yet acknowledged receiving: at a school,
    /// the ones still to hand over to the district (the next export carries them). Once handed
    /// over, the district reviews them; the school hears the outcome as a change of the cell.
    public func conflictsToHandOver(to peer: SiteID) throws -> Int {
        let acknowledged = try self.peer(peer).theirKnowledge[site]
        return Int(try database.scalar("""
            SELECT count(*) FROM msync_conflicts WHERE status = 'open' AND detected_by = ? AND detected_counter > ?
            """, [.text(site.rawValue), .integer(acknowledged)])?.integer ?? 0)
    }

    /// Marks the open conflicts about one cell settled (the district's decision reached this site as
    /// a change of the cell); returns how many there were. Only conflicts this site detected at or
    /// below `knownUpTo` — what the writer of the change had received of this site's counters — are
    /// settled: a change written before the district had the conflict is no decision on it.
    @discardableResult
    public func settleOpenConflicts(on cell: ConflictCell, knownUpTo: Int64, resolution: String, at time: String = Replica.timestamp()) throws -> Int {
        try database.execute("""
            UPDATE msync_conflicts SET status = 'resolved', resolution = ?, resolved_at = ?
            WHERE status = 'open' AND tbl = ? AND row_id = ? AND col = ? AND detected_by = ? AND detected_counter <= ?
            """, [.text(resolution), .text(time), .text(cell.table), .text(cell.rowID), .text(cell.column), .text(site.rawValue), .integer(knownUpTo)])
        return database.changes
    }

    /// Stamps one cell of a live row anew without changing its value: a decision to keep the value
    /// in place travels as a write (the school that recorded the conflict hears of it). Runs in the
    /// caller's write transaction; false when the row is not held alive.
    @discardableResult
    public func restampCell(table: TableSchema, id: String, column: String) throws -> Bool {
        guard let index = table.cellNames.firstIndex(of: column) else { return false }
        try foldLog()
        guard var row = try loadRow(table: table.number, id: id), row.alive else { return false }
        let stamp = Stamp(counter: try counter() + 1, site: site)
        try raiseCounter(to: stamp.counter)
        row.clock.write([index + 1], stamp: stamp)
        row.local = stamp.counter
        try storeRow(table: table.number, id: id, row, held: true)
        return true
    }

    /// The stamp of the write a cell of a live row holds now; nil when the row is not held alive here.
    /// Reads the clocks as folded (fold first to count edits made by other programs since).
    public func cellStamp(table: String, id: String, column: String) throws -> Stamp? {
        guard let t = schema.table(named: table), let index = t.cellNames.firstIndex(of: column),
              let row = try loadRow(table: t.number, id: id), row.alive else { return nil }
        return row.clock.stamps[index + 1]
    }

    /// Marks a conflict settled with the coordinator's decision in words. The write that settles it
    /// (if any) is the caller's, in the same transaction. A settled conflict can be settled again.
    public func markResolved(conflict id: String, resolution: String, at time: String = Replica.timestamp()) throws {
        try database.execute("UPDATE msync_conflicts SET status = 'resolved', resolution = ?, resolved_at = ? WHERE id = ?",
                             [.text(resolution), .text(time), .text(id)])
        guard database.changes == 1 else { throw ReplicaError.corruptMetadata("no conflict with id \(id)") }
    }

    private func conflict(from r: [DatabaseValue]) throws -> Conflict {
        func site(_ v: DatabaseValue) throws -> SiteID {
            guard let s = SiteID(v.displayText) else { throw ReplicaError.corruptMetadata("a conflict names an invalid site") }
            return s
        }
        let table = r[1].displayText, rowID = r[2].displayText
        return Conflict(id: r[0].displayText, table: table, rowID: rowID, column: r[3].displayText,
                        winnerValue: r[4], winnerStamp: Stamp(counter: r[5].integer ?? 0, site: try site(r[6])),
                        loserValue: r[7], loserStamp: Stamp(counter: r[8].integer ?? 0, site: try site(r[9])),
                        detectedBy: try site(r[10]), detectedCounter: r[11].integer ?? 0, detectedAt: r[12].integer ?? 0,
                        status: Conflict.Status(rawValue: r[13].displayText) ?? .open,
                        resolution: r[14].text, resolvedAt: r[15].text,
                        row: try rowState(table: table, id: rowID))
    }
}
