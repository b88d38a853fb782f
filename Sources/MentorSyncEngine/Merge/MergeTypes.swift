/// Decides, row by row, whether a sender may change a row. Returns a refusal reason, or nil to accept.
public typealias MergePolicy = @Sendable (_ change: RowChange, _ currentOwner: String?, _ sender: SiteID) -> String?

/// A row the merge refused, and why.
public struct RowRefusal: Equatable, Sendable {
    public var table: String
    public var id: String
    public var reason: String
}

/// What merging one bundle did.
public struct MergeReport: Sendable {
    public var header: BundleHeader
    public var rowsReceived = 0
    public var rowsChanged = 0
    public var rowsInserted = 0
    public var rowsDeleted = 0
    /// Rows this school held that the district gave to another school: removed here (not deleted).
    public var rowsMovedAway = 0
    public var refusals: [RowRefusal] = []
    public var conflictsDetected = 0
    public var conflictsReceived = 0
    public var unknownColumns: Set<String> = []
    public var logFolded = 0
    /// The bundle's format version (a district answers each school in the format it writes).
    public var formatVersion: UInt16 = BundleLayout.formatVersion
    /// The full exchange with the sender before and after this bundle.
    public var fullExchangeBefore = FullExchange()
    public var fullExchange = FullExchange()

    public init(header: BundleHeader) { self.header = header }

    /// True when the bundle brought nothing new (a replay, or an old bundle after a newer one).
    public var changedNothing: Bool { rowsChanged == 0 && conflictsReceived == 0 && conflictsDetected == 0 }
}

/// Standard policies.
public enum MergePolicies {
    /// The district's rule: a school may change only the rows it owns, and may not give a row away.
    public static let schoolsWriteOwnRows: MergePolicy = { change, owner, sender in
        if change.orgID != sender.rawValue {
            return "row \(change.table)/\(change.id) belongs to '\(change.orgID)', not to \(sender); change refused"
        }
        if let owner, owner != sender.rawValue {
            return "row \(change.table)/\(change.id) belongs to '\(owner)', not to \(sender); change refused"
        }
        return nil
    }

    /// Accept everything (a school accepting its district's replies).
    public static let acceptAll: MergePolicy = { _, _, _ in nil }
}
