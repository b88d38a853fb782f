/// One cell of a row change: a column position, the stamp of its last write, and its value.
/// Position 0 is the row's existence (value 1: the row exists, 0: deleted); 1 is org_id; then the columns.
public struct CellChange: Equatable, Sendable {
    public var position: Int
    public var stamp: Stamp
    public var value: DatabaseValue
    public init(position: Int, stamp: Stamp, value: DatabaseValue) {
        self.position = position; self.stamp = stamp; self.value = value
    }
}

/// The state of one row as a sender knows it, with only the cells the recipient may not have.
public struct RowChange: Equatable, Sendable {
    public var table: String
    public var id: String
    public var orgID: String
    public var version: VersionVector
    public var cells: [CellChange]
    public init(table: String, id: String, orgID: String, version: VersionVector, cells: [CellChange]) {
        self.table = table; self.id = id; self.orgID = orgID; self.version = version; self.cells = cells
    }
    public var existence: CellChange? { cells.first { $0.position == 0 } }
    public var isTombstone: Bool { existence?.value == .integer(0) }
}

/// A conflict detected at the sender, travelling to the district.
public struct ConflictRecord: Equatable, Sendable {
    public var table: String
    public var rowID: String
    public var column: String
    public var winnerValue: DatabaseValue
    public var winnerStamp: Stamp
    public var loserValue: DatabaseValue
    public var loserStamp: Stamp
    public var detectedBy: SiteID
    public var detectedCounter: Int64
    public var detectedAt: Int64
    public init(table: String, rowID: String, column: String, winnerValue: DatabaseValue, winnerStamp: Stamp,
                loserValue: DatabaseValue, loserStamp: Stamp, detectedBy: SiteID, detectedCounter: Int64, detectedAt: Int64) {
        self.table = table; self.rowID = rowID; self.column = column
        self.winnerValue = winnerValue; self.winnerStamp = winnerStamp
        self.loserValue = loserValue; self.loserStamp = loserStamp
        self.detectedBy = detectedBy; self.detectedCounter = detectedCounter; self.detectedAt = detectedAt
    }

    /// The same rivalry gets the same id at every site that detects it.
    public var id: String { ConflictRecord.id(table: table, rowID: rowID, column: column, winnerStamp, loserStamp) }

    public static func id(table: String, rowID: String, column: String, _ a: Stamp, _ b: Stamp) -> String {
        let (lo, hi) = a < b ? (a, b) : (b, a)
        let key = "\(table)\u{1f}\(rowID)\u{1f}\(column)\u{1f}\(lo.counter)@\(lo.site)\u{1f}\(hi.counter)@\(hi.site)"
        return Hex.encode(SHA256.hash(Array(key.utf8)).prefix(12))
    }
}

/// The records of a bundle body, in the order they are written (Protocol/bundle.md, "Body").
public enum BundleRecord: Equatable, Sendable {
    case row(RowChange)
    case conflict(ConflictRecord)
}
