import MentorSyncEngine

extension SchoolHome {
    /// The rows of `table` the district refused and this school has not changed since it heard so,
    /// by id, with what the district said (`refusalMessage`): a list marks them and a row's page
    /// says why, so a pair refused for its mentor does not read as running. A row changed after the
    /// refusal was heard has been corrected — it goes with the next sync, and a refusal of the
    /// correction is heard as a new one. Refusals of the last 60 days, as `status` tells them; a
    /// refusal heard before this was kept (no counter) is not marked. Reads only.
    public func refusedRows(in table: String) throws -> [String: Message] {
        var found: [String: Message] = [:]
        for r in try standingRefusals() where r.table == table && r.state.alive { found[r.id] = refusalMessage(bundle: r.bundle, reason: r.reason) }
        return found
    }

    /// The refusals of the last 60 days whose row this school has not changed since it heard them,
    /// oldest first, with the row's state here: the rows the lists mark, and the ones `status` says
    /// wait for her correction rather than for the district.
    func standingRefusals() throws -> [(table: String, id: String, bundle: String, reason: String, state: RowState)] {
        var standing: [(table: String, id: String, bundle: String, reason: String, state: RowState)] = []
        for r in try database.rows("""
            SELECT bundle, reason, counter_at FROM school_rejections
            WHERE NOT settled AND counter_at IS NOT NULL AND heard_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-60 days')
            ORDER BY heard_at, bundle
            """) {
            let (bundle, reason, heardAt) = (r[0].displayText, r[1].displayText, r[2].integer ?? 0)
            guard let row = RefusalReason.namedRow(reason), let state = try replica.rowState(table: row.table, id: row.id),
                  state.local <= heardAt, try !replica.hasUnfoldedWrites(table: row.table, id: row.id) else { continue }
            standing.append((row.table, row.id, bundle, reason, state))
        }
        return standing
    }

    /// After a reply: a refusal whose row this school changed since it heard it, and whose change
    /// the district now confirms, is settled — `status` no longer lists it, whatever the row goes
    /// through later (a refusal of the correction is a new one). So is one whose refused change the
    /// district's reply undid here (the row brought back as the district holds it: "Refused changes"
    /// of Protocol/bundle.md) — nothing is left for her to correct (another school's row, which she
    /// may not change, among them): it is told in the receipt that brings it, then no more.
    /// A damaged file is settled once nothing is left unconfirmed. Runs after the replies are merged.
    func settleCorrectedRefusals() throws {
        try replica.fold()
        let acknowledged = try replica.peer(district).theirKnowledge[site]
        try database.transaction {
            for r in try database.rows("SELECT bundle, reason, counter_at FROM school_rejections WHERE NOT settled AND counter_at IS NOT NULL") {
                guard let row = RefusalReason.namedRow(r[1].displayText),
                      let state = try replica.rowState(table: row.table, id: row.id) else { continue }
                let corrected = state.local > (r[2].integer ?? .max) && state.local <= acknowledged
                // Undone here settles a refused change of a row she may not change (another school's,
                // the district's); one of the school's own rows stays to be put right by her.
                guard corrected || (state.ownWriteUndone && state.orgID != site.rawValue) else { continue }
                try database.execute("UPDATE school_rejections SET settled = 1 WHERE bundle = ? AND reason = ?", [r[0], r[1]])
            }
            // A file that reached the district damaged is settled once the district confirms every
            // change: later bundles carried what it did (told in the receipt that brings it, then no more).
            if try replica.changedRows(for: district, after: acknowledged) == 0 {
                for r in try database.rows("SELECT bundle, reason FROM school_rejections WHERE NOT settled") where isDamagedBundle(r[1].displayText) {
                    try database.execute("UPDATE school_rejections SET settled = 1 WHERE bundle = ? AND reason = ?", [r[0], r[1]])
                }
            }
        }
    }
}
