/// What the sync bookkeeping knows of rows: owners, liveness, and what a peer has not acknowledged.
/// Counts reflect captured writes once they are folded (`fold()`).
extension Replica {
    /// A row's owner and liveness as this site holds it; nil when it never held the row.
    public func rowState(table name: String, id: String) throws -> RowState? {
        guard let table = schema.table(named: name), let row = try loadRow(table: table.number, id: id) else { return nil }
        // A write's stamp is its counter (Replica+Fold): found in no cell, the write was overwritten.
        let mine = Stamp(counter: row.clock.version[site], site: site)
        let undone = mine.counter > 0 && !row.clock.stamps.keys.contains { row.clock.stamps[$0] == mine }
        return RowState(orgID: row.orgID, alive: row.alive, existence: row.clock.stamps[0], local: row.local, ownWriteUndone: undone)
    }

    /// Whether a write to the row was captured and not yet folded into its clock (its `local` does
    /// not show it yet). Reads the capture log only, which holds what was written since the last fold.
    public func hasUnfoldedWrites(table name: String, id: String) throws -> Bool {
        guard let table = schema.table(named: name) else { return false }
        return try database.scalar("SELECT 1 FROM msync_log WHERE tbl = ? AND id = ? LIMIT 1", [.integer(Int64(table.number)), .text(id)]) != nil
    }

    /// Live rows of every owner, read in one pass over the rows (a district's status lists every
    /// school: one count per school read the whole table once per school).
    public func liveRowCounts() throws -> [String: Int] {
        var counts: [String: Int] = [:]
        try database.forEachRow("SELECT org_id, count(*) FROM msync_rows WHERE alive = 1 GROUP BY org_id") { s in
            counts[s.string(at: 0) ?? ""] = Int(s.int64(at: 1))
        }
        return counts
    }

    /// Rows `recipient` should receive that this site changed after its own counter `counter`.
    public func changedRows(for recipient: SiteID, after counter: Int64) throws -> Int {
        let sub = subscription(of: recipient)
        let own: Int
        if let written = shareMemo?.written {
            // Within `readingShares`: the district's writes, read once for all its schools.
            let owners = sub.map(Set.init)
            own = written.reduce(0) { $0 + ($1.local > counter && owners?.contains($1.org) != false ? 1 : 0) }
        } else {
            var sql = "SELECT count(*) FROM msync_rows WHERE local > ? AND local > 0"
            var args: [DatabaseValue] = [.integer(counter)]
            if let sub {
                sql += " AND org_id IN (\(sub.map { _ in "?" }.joined(separator: ", ")))"
                args += sub.map { .text($0) }
            }
            own = Int(try database.scalar(sql, args)?.integer ?? 0)
        }
        // A school is also told of rows that left its share since then (Replica+Export, rowsThatLeft).
        let left = try rowsThatLeftCount(recipient, theirs: VersionVector([site: counter]))
        // And of other schools' rows of its network share (Replica+Shares).
        let shared = try pendingShareRows(for: recipient, after: counter)
        return own + left + shared
    }

    /// The highest counter a bundle to `peer` has carried so far (nil: none sent yet). The rows of
    /// it `peer` has not acknowledged (`unacknowledgedRows(to:upTo:)`) go again with the next bundle.
    public func sentUpTo(_ peer: SiteID) throws -> Int64? {
        try database.scalar("SELECT max(counter) FROM msync_claims WHERE peer = ?", [.text(peer.rawValue)])?.integer
    }

    /// Rows written up to `counter` whose changes `peer` has not acknowledged.
    public func unacknowledgedRows(to peer: SiteID, upTo counter: Int64) throws -> Int {
        guard try peerExists(peer) else { return 0 }
        let acknowledged = try self.peer(peer).theirKnowledge[site]
        guard counter > acknowledged else { return 0 }
        return Int(try database.scalar("SELECT count(*) FROM msync_rows WHERE local > ? AND local <= ? AND local > 0",
                                       [.integer(acknowledged), .integer(counter)])?.integer ?? 0)
    }

    private func peerExists(_ peer: SiteID) throws -> Bool {
        try database.scalar("SELECT 1 FROM msync_peers WHERE site = ?", [.text(peer.rawValue)]) != nil
    }

    /// Rows `peer` should hold whose latest changes here it has not acknowledged.
    public func unacknowledgedRows(for peer: SiteID) throws -> Int {
        try changedRows(for: peer, after: try self.peer(peer).theirKnowledge[site])
    }
}
