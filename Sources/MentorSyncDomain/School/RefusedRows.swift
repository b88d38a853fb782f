import MentorSyncEngine

extension SchoolHome {
    /// The rows of `table` the district refused and this school has not changed since it heard so,
    /// by id, with what the district said (`refusalMessage`): a list marks them and a row's page
    /// says why, so a pair refused for its mentor does not read as running. A row changed after the
    /// refusal was heard has been corrected — it goes with the next sync, and a refusal of the
    /// correction is heard as a new one. Refusals of the last 60 days, as `status` tells them.
    public func refusedRows(in table: String) throws -> [String: Message] {
        var found: [String: Message] = [:]
        let rejections = try database.rows("""
            SELECT bundle, reason, counter_at FROM school_rejections
            WHERE heard_at > strftime('%Y-%m-%dT%H:%M:%SZ', 'now', '-60 days') ORDER BY heard_at, bundle
            """)
        // A row's changes count once folded into its clock (as `status` folds them).
        if !rejections.isEmpty { try replica.fold() }
        for r in rejections {
            let (bundle, reason) = (r[0].displayText, r[1].displayText)
            guard let row = RefusalReason.namedRow(reason), row.table == table,
                  let state = try replica.rowState(table: table, id: row.id), state.alive,
                  state.local <= r[2].integer ?? .max else { continue }
            found[row.id] = refusalMessage(bundle: bundle, reason: reason)
        }
        return found
    }

    /// Whether a refusal heard at counter `heardAt` names a row this school changed since and the
    /// district has confirmed that change (`acknowledged`, its knowledge of this school): the
    /// correction went and was not refused again (a refusal of it would be a newer rejection).
    func correctionConfirmed(reason: String, heardAt: Int64?, acknowledged: Int64) throws -> Bool {
        guard let heardAt, let row = RefusalReason.namedRow(reason),
              let state = try replica.rowState(table: row.table, id: row.id) else { return false }
        return state.local > heardAt && state.local <= acknowledged
    }
}
