/// A column of a synced table, besides `id` and `org_id`.
public struct ColumnSchema: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case text
        case integer(ClosedRange<Int64>? = nil)
        case real
        case date                      // YYYY-MM-DD text
        case enumeration([String])     // lowercase values, checked
        case reference(String)         // the id of a row of that table
    }

    public var name: String
    public var kind: Kind
    public var required: Bool
    /// The value a row written without this column gets (an SQL literal), e.g. `0` for a flag.
    public var defaultSQL: String?

    public init(_ name: String, _ kind: Kind = .text, required: Bool = false, default defaultSQL: String? = nil) {
        self.name = name; self.kind = kind; self.required = required; self.defaultSQL = defaultSQL
    }

    /// The column's definition in CREATE TABLE and ALTER TABLE … ADD COLUMN.
    public var definitionSQL: String {
        var def = "\(SQL.identifier(name)) \(affinity)"
        if required { def += " NOT NULL" }
        if let defaultSQL { def += " DEFAULT \(defaultSQL)" }
        if let check = checkSQL { def += " \(check)" }
        return def
    }

    /// SQLite type affinity of the column.
    public var affinity: String {
        switch kind {
        case .integer: return "INTEGER"
        case .real: return "REAL"
        default: return "TEXT"
        }
    }

    /// The CHECK constraint that keeps bad values out, whichever tool writes them.
    public var checkSQL: String? {
        let q = SQL.identifier(name)
        let body: String?
        switch kind {
        case .enumeration(let values):
            // Equalities joined by OR, not `IN (…)`: SQLite builds an IN list as a temporary b-tree
            // each time an INSERT or UPDATE runs, which cost a quarter of inserting a row.
            body = values.map { "\(q) = \(SQL.literal($0))" }.joined(separator: " OR ")
        case .date:
            body = "\(q) GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]' AND date(\(q), '+0 days') = \(q)"
        case .integer(let range?):
            body = "typeof(\(q)) = 'integer' AND \(q) BETWEEN \(range.lowerBound) AND \(range.upperBound)"
        default:
            body = nil
        }
        guard let body else { return nil }
        return wrapCheck(body)
    }

    private func wrapCheck(_ body: String) -> String {
        required ? "CHECK (\(body))" : "CHECK (\(SQL.identifier(name)) IS NULL OR (\(body)))"
    }

    /// The CHECK an enumeration column was created with before (`IN (…)`): files made then hold
    /// it, and have it rewritten to `checkSQL` when opened (`Replica.upgradeEnumerationChecks`).
    public var earlierCheckSQL: String? {
        guard case .enumeration(let values) = kind else { return nil }
        return wrapCheck("\(SQL.identifier(name)) IN (\(values.map { SQL.literal($0) }.joined(separator: ", ")))")
    }
}

/// Who may own the rows of a table.
public enum Ownership: String, Sendable { case school, district, either }

/// A synced table: `id TEXT PRIMARY KEY`, `org_id TEXT NOT NULL`, then its columns.
public struct TableSchema: Sendable, Equatable {
    public var name: String
    public var columns: [ColumnSchema] { didSet { cellNames = Self.cellNames(columns) } }
    public var ownership: Ownership
    /// A stable small number used in the capture log; never reused for another table.
    public var number: Int

    public init(name: String, number: Int, ownership: Ownership, columns: [ColumnSchema]) {
        self.name = name; self.number = number; self.ownership = ownership; self.columns = columns
        self.cellNames = Self.cellNames(columns)
    }

    /// Names of cell positions 1…n: org_id, then the columns. Position 0 is the row's existence.
    /// Kept with `columns` rather than built when asked: the merge asks for every row it writes
    /// (built each time, it was a sixth of merging updates).
    public private(set) var cellNames: [String]

    private static func cellNames(_ columns: [ColumnSchema]) -> [String] { ["org_id"] + columns.map(\.name) }

    public func column(named name: String) -> ColumnSchema? { columns.first { $0.name == name } }

    /// The columns every synced table has beside its own: the row's clock and the fingerprint of
    /// its values (Replica+RowStore). Not cells: they never travel and capture does not watch them.
    public static let clockColumns = ["msync_clock", "msync_fp"]

    public var createSQL: String { createSQL(withClocks: true) }

    /// The table as an application without sync would have it: its cells alone (the bench's references).
    public var plainCreateSQL: String { createSQL(withClocks: false) }

    private func createSQL(withClocks: Bool) -> String {
        var parts = ["id TEXT PRIMARY KEY NOT NULL CHECK (length(id) BETWEEN 1 AND 64)",
                     "org_id TEXT NOT NULL CHECK (length(org_id) BETWEEN 1 AND 32)"]
        for c in columns { parts.append(c.definitionSQL) }
        if withClocks { parts += TableSchema.clockColumns.map { "\($0) BLOB" } }
        return "CREATE TABLE IF NOT EXISTS \(SQL.identifier(name)) (\n  " + parts.joined(separator: ",\n  ") + "\n)"
    }
}

/// The set of synced tables and its version. Bundles say the version they were written with.
/// `earlier` holds the schema of every earlier version, oldest first: the steps of a migration,
/// and what a peer that declares an older version can hold.
public struct SyncSchema: Sendable {
    public var version: Int
    public var tables: [TableSchema]
    public var earlier: [SyncSchema]
    /// Which rows of other schools a school receives (network sharing); none by default.
    public var sharing: ShareRules

    public init(version: Int, tables: [TableSchema], earlier: [SyncSchema] = [], sharing: ShareRules = ShareRules()) {
        self.version = version
        self.tables = tables
        self.earlier = earlier
        self.sharing = sharing
        precondition(Set(tables.map(\.number)).count == tables.count, "table numbers must be unique")
        precondition(tables.allSatisfy { $0.cellNames.count < BundleLimits.maxColumns }, "too many columns")
        precondition(earlier.allSatisfy { $0.version < version }, "earlier schemas must have lower versions")
    }

    /// This schema at `version`: itself, one of `earlier`, or nil when that version is unknown.
    public func at(version v: Int) -> SyncSchema? {
        v == version ? self : earlier.first { $0.version == v }
    }

    public func table(named name: String) -> TableSchema? { tables.first { $0.name == name } }
    public func table(number: Int) -> TableSchema? { tables.first { $0.number == number } }
}

/// Quoting helpers for generated SQL.
public enum SQL {
    /// A name quoted for SQL. (Names rarely hold a quote: Foundation's search-and-replace only then —
    /// it cost a fifth of naming rows one at a time.)
    public static func identifier(_ s: String) -> String {
        "\"" + (s.utf8.contains(UInt8(ascii: "\"")) ? s.replacingOccurrences(of: "\"", with: "\"\"") : s) + "\""
    }
    public static func literal(_ s: String) -> String {
        "'" + (s.utf8.contains(UInt8(ascii: "'")) ? s.replacingOccurrences(of: "'", with: "''") : s) + "'"
    }
}
