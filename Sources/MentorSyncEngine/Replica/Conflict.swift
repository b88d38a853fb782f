/// A conflict as a site keeps it: two concurrent writes of one cell, the one every site kept
/// (the winner) and the one it lost, and whether the coordinator has settled it.
public struct Conflict: Equatable, Sendable {
    public enum Status: String, Sendable { case open, resolved }

    public var id: String
    public var table: String
    public var rowID: String
    public var column: String
    public var winnerValue: DatabaseValue
    public var winnerStamp: Stamp
    public var loserValue: DatabaseValue
    public var loserStamp: Stamp
    public var detectedBy: SiteID
    public var detectedCounter: Int64
    /// When it was detected, by the detecting site's wall clock (seconds since 1970).
    public var detectedAt: Int64
    public var status: Status
    /// What the coordinator decided, in words (nil while open).
    public var resolution: String?
    public var resolvedAt: String?
    /// The row as this site holds it now (nil when it never held the row).
    public var row: RowState?

    /// The record as it travels in bundles.
    public var record: ConflictRecord {
        ConflictRecord(table: table, rowID: rowID, column: column, winnerValue: winnerValue, winnerStamp: winnerStamp,
                       loserValue: loserValue, loserStamp: loserStamp, detectedBy: detectedBy,
                       detectedCounter: detectedCounter, detectedAt: detectedAt)
    }
}

/// What a site knows of one synced row, values aside: its owner and whether it is deleted.
public struct RowState: Equatable, Sendable {
    public var orgID: String
    public var alive: Bool
    /// The stamp of the row's existence: its creation, or its deletion when it is deleted.
    public var existence: Stamp?
    /// This site's counter when the row last changed here (its own write, or a change merged into it).
    public var local: Int64 = 0
    /// This site's last write to the row stands in none of its cells any more: later writes of other
    /// sites cover all it wrote — the district's answer to a change of this site's it refused
    /// (Protocol/bundle.md, "Refused changes"), or its corrections since. False when this site never wrote it.
    public var ownWriteUndone = false
}
