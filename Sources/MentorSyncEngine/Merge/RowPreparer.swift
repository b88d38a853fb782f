/// What a row change becomes at this site, worked out from the change alone — no database read —
/// so the thread that reads a big bundle ahead can do it beside the merge (`BundleReadAhead`):
/// the cells at this site's positions, and, for a change that says whether the row exists (an
/// insert, a deletion: what a row this site has never held arrives as), the row's values, encoded
/// clock and fingerprint in case it is new here. The merge thread is left the lookups and the writes.
///
/// A class, not a struct: it is handed from the reading thread to the merge and read there in
/// several places, and each copy of a struct of arrays retained every one of them.
final class PreparedRow: Sendable {
    let incoming: [RowMerger.IncomingCell]
    /// The row as it would be stored if this site has never held it; nil for a change of some
    /// cells only (an update of a held row: the merge works it out itself if it is not held).
    let unseen: RowMerger.UnseenRow?
    /// The unseen row's clock as stored; nil when it names a site without a number yet (the merge
    /// numbers it inside its transaction).
    let clock: [UInt8]?
    /// The fingerprint of the unseen row's values (nil for a tombstone).
    let fingerprint: [UInt8]?
    /// For a change of some cells: its version and cells' stamps encoded as a clock, what the
    /// in-place merge lays over the row's (`Replica.clockPatch`); nil when a site has no number yet.
    let patch: [UInt8]?

    init(incoming: [RowMerger.IncomingCell], unseen: RowMerger.UnseenRow?, clock: [UInt8]? = nil,
         fingerprint: [UInt8]? = nil, patch: [UInt8]? = nil) {
        self.incoming = incoming; self.unseen = unseen; self.clock = clock; self.fingerprint = fingerprint; self.patch = patch
    }
}

/// Where a bundle's cells go at this site: for each position the bundle declares for a table
/// (0, the existence, then its columns in the order declared), this site's position, or nil for a
/// column this site's schema lacks.
enum CellPositions {
    static func map(local: [String], declared: [String]) -> (positions: [Int?], unknown: [String]) {
        var map: [Int?] = [0]
        var unknown: [String] = []
        for name in declared {
            if let i = local.firstIndex(of: name) { map.append(i + 1) } else {
                map.append(nil)
                unknown.append(name)
            }
        }
        return (map, unknown)
    }
}

/// Prepares rows on the reading thread. Used by that thread alone; made for one bundle, with the
/// site numbers assigned when its merge began.
final class RowPreparer: @unchecked Sendable {
    private let schema: SyncSchema
    private let site: SiteID
    private let siteNumbers: [SiteID: Int]
    private var positions: [String: [Int?]] = [:]

    init(schema: SyncSchema, site: SiteID, siteNumbers: [SiteID: Int]) {
        self.schema = schema; self.site = site; self.siteNumbers = siteNumbers
    }

    /// The prepared row, or nil for a table this site does not know (the merge refuses it).
    func prepare(_ change: RowChange, declared: [String: [String]]) -> PreparedRow? {
        guard let table = schema.table(named: change.table) else { return nil }
        let map: [Int?]
        if let m = positions[change.table] { map = m } else {
            map = CellPositions.map(local: table.cellNames, declared: declared[change.table] ?? []).positions
            positions[change.table] = map
        }
        let incoming = RowMerger.incomingCells(change, positions: map)
        let number = { (s: SiteID) throws -> Int in
            guard let n = self.siteNumbers[s] else { throw UnnumberedSite() }
            return n
        }
        guard change.existence != nil else {
            return PreparedRow(incoming: incoming, unseen: nil, patch: try? RowClockCodec.encode(Replica.clockPatch(change, incoming), number: number))
        }
        let unseen = RowMerger.unseenRow(change, incoming, width: table.columns.count + 1, site: site)
        let clock = try? RowClockCodec.encode(unseen.stored.clock, number: number)
        return PreparedRow(incoming: incoming, unseen: unseen, clock: clock,
                           fingerprint: unseen.values.map { RowFingerprint(values: $0).bytes })
    }

    private struct UnnumberedSite: Error {}
}
