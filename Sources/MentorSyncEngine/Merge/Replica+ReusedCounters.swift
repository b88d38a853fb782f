/// Counters used twice. A registry file put back from an older copy (a disk image, `cp`), or a
/// new machine set up from the enrollment file, issues again counters the lost file had issued
/// and the district has acknowledged: its new writes would pass for acknowledged and never travel.
extension Replica {
    /// Records a knowledge claim of this site's own writes made in a bundle to `peer`, and the bundle's id.
    func recordClaim(_ counter: Int64, to peer: SiteID, bundle: [UInt8]?) throws {
        try database.cachedStatement("INSERT OR IGNORE INTO msync_claims(peer, counter) VALUES (?, ?)")
            .execute([.text(peer.rawValue), .integer(counter)])
        if let bundle {
            try database.cachedStatement("INSERT OR IGNORE INTO msync_sent(peer, bundle_id) VALUES (?, ?)")
                .execute([.text(peer.rawValue), .blob(bundle)])
        }
    }

    /// The id of the newest bundle merged from `peer` (the one a reply to it acknowledges).
    func lastBundleID(from peer: SiteID) throws -> [UInt8]? {
        guard case .blob(let b)? = try database.scalar("SELECT last_bundle_id FROM msync_peers WHERE site = ?", [.text(peer.rawValue)]) else { return nil }
        return b
    }

    /// True when this file wrote the bundle `id` to `peer`.
    func sent(_ id: [UInt8], to peer: SiteID) throws -> Bool {
        try database.scalar("SELECT 1 FROM msync_sent WHERE peer = ? AND bundle_id = ?", [.text(peer.rawValue), .blob(id)]) != nil
    }

    /// True when this file has claimed `counter` to `peer`, or cannot tell (below the floor of recorded
    /// claims; with `floorOnly`, only that).
    func claimed(_ counter: Int64, to peer: SiteID, floorOnly: Bool = false) throws -> Bool {
        let floor = try database.scalar("SELECT counter FROM msync_claims WHERE peer = ''")?.integer ?? Int64.max
        if counter <= floor { return true }
        if floorOnly { return false }
        return try database.scalar("SELECT 1 FROM msync_claims WHERE peer = ? AND counter = ?",
                                   [.text(peer.rawValue), .integer(counter)]) != nil
    }

    /// A sender crediting this site with counters it never issued, or (at a school) acknowledging a
    /// bundle or a claim this file never made, is talking to an earlier life of this file (bundle
    /// ids are random, so a copy put back cannot have written the bundle its lost future wrote;
    /// a district that does not name the bundle is checked by the claim alone). The writes made since what
    /// this file knew was acknowledged are moved above what the sender credits, so they travel as
    /// the new writes they are, and a full copy is asked for, so the site gets back what it lost.
    /// Returns how many rows were moved, or nil when nothing was wrong.
    func restampIfCountersWereReused(_ header: BundleHeader) throws -> Int? {
        let credited = header.knowledge[site]
        guard credited > 0 else { return nil }
        let own = try counter()
        let known = try peer(header.sender)
        let reused: Bool
        switch role {
        case .district: reused = credited > own && known.merged == 0  // a new machine of the district
        case .school:
            if credited > own { reused = true } else if try claimed(credited, to: header.sender, floorOnly: true) {
                reused = false  // made before claims were recorded: cannot tell
            } else if let id = header.acknowledgedBundle {
                reused = try !sent(id, to: header.sender)
            } else {
                reused = try !claimed(credited, to: header.sender)
            }
        }
        guard reused else { return nil }
        // Writes at or below what this file knew was acknowledged did reach the sender.
        let moved = try moveOwnWrites(above: min(known.theirKnowledge[site], credited), by: credited)
        // The claims this file made after the split are as good as the sender's now.
        try recordClaim(credited, to: header.sender, bundle: header.acknowledgedBundle)
        if role == .school || moved > 0 { try requestFullCopy(from: header.sender) }
        return moved
    }

    /// A school's registry copied to another computer and used there (the school says it works
    /// there now): the writes the copy made since the district last acknowledged one may share
    /// their counters with writes the other copy sent. They are moved a million counters up (as a
    /// restore leaps), and a full copy is asked for. Returns how many rows were moved.
    public func moveWritesOfACopy() throws -> Int {
        try writeTransaction {
            let moved = try moveOwnWrites(above: try peer(district).theirKnowledge[site], by: 1_000_000)
            try requestFullCopy(from: district)
            return moved
        }
    }

    /// Moves this site's stamps above `acknowledged` up by `amount` (row stamps and versions,
    /// conflicts it detected) and raises its counter by as much. Returns how many rows were moved.
    private func moveOwnWrites(above acknowledged: Int64, by credited: Int64) throws -> Int {
        let own = try counter()
        var moved = 0
        for r in try database.rows("SELECT tbl, id FROM msync_rows WHERE local > ? AND local > 0", [.integer(acknowledged)]) {
            let tbl = Int(r[0].integer ?? 0), id = r[1].displayText
            guard var row = try loadRow(table: tbl, id: id) else { continue }
            for (pos, stamp) in row.clock.stamps where stamp.site == site && stamp.counter > acknowledged {
                row.clock.stamps[pos] = Stamp(counter: stamp.counter + credited, site: site)
            }
            row.clock.version[site] = row.clock.version[site] + credited
            row.local += credited
            try storeRow(table: tbl, id: id, row, held: true)
            moved += 1
        }
        try database.execute("UPDATE msync_conflicts SET detected_counter = detected_counter + ? WHERE detected_by = ? AND detected_counter > ?",
                             [.integer(credited), .text(site.rawValue), .integer(acknowledged)])
        try raiseCounter(to: own + credited)
        return moved
    }
}
