/// Decides, row by row, whether a sender may change a row. Returns a refusal reason, or nil to accept.
public typealias MergePolicy = @Sendable (_ change: RowChange, _ currentOwner: String?, _ sender: SiteID) -> String?

/// Decides whether a conflict record a sender brings is stored. `rowOwner` is the owner this site
/// holds for the conflict's row (nil if it holds no such row). Returns a refusal reason, or nil to accept.
public typealias ConflictPolicy = @Sendable (_ conflict: ConflictRecord, _ rowOwner: String?, _ sender: SiteID, _ receiver: SiteID) -> String?

/// A row the merge refused, and why.
public struct RowRefusal: Equatable, Sendable {
    public var table: String
    public var id: String
    public var reason: String
    /// The refused row's cells as they came, by column name (`org_id` among them): what names the
    /// row where this site does not hold it. Empty for a table this site does not know.
    public var values: [String: DatabaseValue] = [:]
    /// How many refusals of one bundle keep their values (the district records the first 200).
    public static let valuesKept = 200
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
    /// Rows, and conflict records, refused.
    public var refusals: [RowRefusal] = []
    /// Cells the sender changed in rows this site owns (at a school: the district's corrections).
    public var ownRowsChanged: [CorrectedCell] = []
    /// Cells of rows this site owns the sender stamped anew with the value they hold here (a
    /// decision keeping a value in place): no change to tell, but one to settle a conflict with.
    /// Not those the district stamped anew answering another school's refused change of the row
    /// (`RowMerger.answersAnotherSchool`): that school's attempt, not a decision about this one's value.
    public var ownCellsConfirmed: [CorrectedCell] = []
    public var conflictsDetected = 0
    /// The cells of the conflicts this merge detected (table, row id, column).
    public var conflictCellsDetected: Set<ConflictCell> = []
    public var conflictsReceived = 0
    public var unknownColumns: Set<String> = []
    public var logFolded = 0
    /// Set when the sender credits this site with writes this file never sent (an older copy put
    /// back, a new machine): how many rows written since were moved above what the sender knows.
    public var restampedRows: Int?
    /// The bundle's format version (a district answers each school in the format it writes).
    public var formatVersion: UInt16 = BundleLayout.formatVersion
    /// The full exchange with the sender before and after this bundle.
    public var fullExchangeBefore = FullExchange()
    public var fullExchange = FullExchange()

    public init(header: BundleHeader) { self.header = header }

    /// True when the bundle brought nothing new (a replay, or an old bundle after a newer one).
    public var changedNothing: Bool { rowsChanged == 0 && conflictsReceived == 0 && conflictsDetected == 0 }
}

/// One cell of a row this site owns that a merge changed: table, row, column, old and new value.
public struct CorrectedCell: Sendable, Equatable {
    public var table: String
    public var rowID: String
    public var column: String
    public var old: DatabaseValue
    public var new: DatabaseValue
    public init(table: String, rowID: String, column: String, old: DatabaseValue, new: DatabaseValue) {
        self.table = table; self.rowID = rowID; self.column = column; self.old = old; self.new = new
    }
}

/// The cell a conflict is about.
public struct ConflictCell: Hashable, Sendable {
    public var table: String
    public var rowID: String
    public var column: String
    public init(table: String, rowID: String, column: String) { self.table = table; self.rowID = rowID; self.column = column }
}

/// Standard policies.
public enum MergePolicies {
    /// The district's rule: a school may change only the rows it owns, and may not give a row away.
    /// (Tables the schema marks as the district's alone are refused before any policy, at every site.)
    public static let schoolsWriteOwnRows: MergePolicy = { change, owner, sender in
        if change.orgID != sender.rawValue {
            return RefusalReason.notOwner(table: change.table, id: change.id, owner: change.orgID, sender: sender.rawValue).text
        }
        if let owner, owner != sender.rawValue {
            return RefusalReason.notOwner(table: change.table, id: change.id, owner: owner, sender: sender.rawValue).text
        }
        return nil
    }

    /// Accept everything (a school accepting its district's replies).
    public static let acceptAll: MergePolicy = { _, _, _ in nil }

    /// The district's rule for conflict records from a school: only about a row that school owns
    /// here, detected by the school itself, between writes of that school and of the district
    /// (the only sites that write a school's rows), one of them the school's own. A school cannot
    /// plant a conflict about another school's row, nor one attributed to another site.
    public static let schoolsReportOwnConflicts: ConflictPolicy = { c, owner, sender, receiver in
        let what = "conflict on \(c.table)/\(c.rowID) \(c.column) (\(c.winnerStamp) against \(c.loserStamp), detected by \(c.detectedBy))"
        guard owner == sender.rawValue else {
            return "\(what) is about a row \(sender) does not own; refused"
        }
        let sides = [c.winnerStamp.site, c.loserStamp.site]
        guard c.detectedBy == sender, sides.allSatisfy({ $0 == sender || $0 == receiver }), sides.contains(sender) else {
            return "\(what) is not one \(sender) detected between its own write and the district's; refused"
        }
        return nil
    }

    /// Store every conflict record (a school taking its district's word).
    public static let acceptAllConflicts: ConflictPolicy = { _, _, _, _ in nil }
}
