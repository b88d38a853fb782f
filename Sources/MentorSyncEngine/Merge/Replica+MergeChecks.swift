/// What a merge checks besides the rows themselves: how far a bundle may move this site's clock,
/// and which conflict records it may bring.
extension Replica {
    /// The largest counter a bundle may carry here (Protocol/bundle.md, "Limits"): at the district,
    /// its counter plus `BundleLimits.maxCounterReach`. One school's bundle with a counter near 2⁵³
    /// would otherwise raise the district's clock to the end of its range, and through its replies
    /// every school's, stopping all their writes. A school takes its district's clock as it comes:
    /// the district's counter legitimately runs ahead of a school's by what every other school wrote.
    func counterCeiling() throws -> Int64 {
        role == .district ? try counter() + BundleLimits.maxCounterReach : .max
    }

    /// Refuses the bundle when an entry of `vector` lies above `ceiling`.
    func checkReach(_ vector: VersionVector, _ what: String, ceiling: Int64) throws {
        // Asked of every row merged: the entries are listed only when one is out of reach.
        guard vector.largestCounter > ceiling else { return }
        for (site, c) in vector.sortedEntries where c > ceiling {
            let here = ceiling - BundleLimits.maxCounterReach
            throw BundleError.limitExceeded("\(what) counter \(c) of \(site) is more than \(BundleLimits.maxCounterReach) above this site's clock (\(here)); the sender's clock was moved far ahead (an edited registry.db?): check that registry before it syncs again")
        }
    }

    /// A table the schema marks as the district's alone (`Ownership.district`: organizations,
    /// indicators) takes rows from the district only, whatever their org_id: a school's row there
    /// would change what every school reports against.
    func refusal(of change: RowChange, in table: TableSchema, sender: SiteID) -> String? {
        guard table.ownership == .district, sender != district else { return nil }
        return RefusalReason.districtOnly(table: change.table, id: change.id).text
    }

    /// Nil when the conflict record may be stored here, else why it is refused.
    func refusal(of c: ConflictRecord, sender: SiteID, policy: ConflictPolicy) throws -> String? {
        let owner = try schema.table(named: c.table).flatMap { try loadRow(table: $0.number, id: c.rowID)?.orgID }
        return policy(c, owner, sender, site)
    }
}
