/// Declarative routing of rows between schools (Protocol/shares.md): which rows of
/// other schools a school receives, which of their columns, and which rows it may write that
/// hang on another school's rows. The domain states the rules; the engine computes each school's
/// share from them at the district, sends it, and refuses writes outside it.
///
/// Without rules (the default), a school's share is its own rows and the district's.
public struct ShareRules: Sendable, Equatable {
    /// Rows of `table` whose integer column `flag` is 1 are offered to every school of the district.
    public struct Offer: Sendable, Equatable {
        public var table: String
        public var flag: String
        public init(table: String, flag: String) { self.table = table; self.flag = flag }
    }

    /// A row of `table` whose reference `column` names a row of another school (which must be
    /// offered when the reference is written) goes to that row's owner too. Both schools are then
    /// the row's **parties**.
    public struct Link: Sendable, Equatable {
        public var table: String
        public var column: String
        public init(table: String, column: String) { self.table = table; self.column = column }
    }

    /// A row of `table` whose reference `column` names a linked row goes to that row's parties,
    /// when its own owner is one of them. When `partiesMayWrite`, the party that does not own the
    /// linked row may add such rows of its own; otherwise only the linked row's owner may.
    public struct Attachment: Sendable, Equatable {
        public var table: String
        public var column: String
        public var partiesMayWrite: Bool
        public init(table: String, column: String, partiesMayWrite: Bool) {
            self.table = table; self.column = column; self.partiesMayWrite = partiesMayWrite
        }
    }

    /// A row of another school in a school's share brings along the row its reference `column`
    /// names, when that row has the same owner.
    public struct Carry: Sendable, Equatable {
        public var table: String
        public var column: String
        public init(table: String, column: String) { self.table = table; self.column = column }
    }

    public var offers: [Offer]
    public var links: [Link]
    public var attachments: [Attachment]
    public var carries: [Carry]
    /// The columns a school receives of another school's rows, by table; a table not listed is
    /// received whole. `id` and `org_id` always travel; every other column stays NULL there.
    public var columns: [String: [String]]

    public init(offers: [Offer] = [], links: [Link] = [], attachments: [Attachment] = [],
                carries: [Carry] = [], columns: [String: [String]] = [:]) {
        self.offers = offers; self.links = links; self.attachments = attachments
        self.carries = carries; self.columns = columns
    }

    /// True when no school receives anything of another school.
    public var isEmpty: Bool { offers.isEmpty && links.isEmpty }
}

extension SyncSchema {
    /// The cell positions of `table` a school receives of another school's row: existence, org_id
    /// and the columns the rules name (all of them when the table is not restricted).
    func sharedPositions(_ table: TableSchema) -> Set<Int> {
        guard let names = sharing.columns[table.name] else { return Set(0...table.cellNames.count) }
        var positions: Set<Int> = [0, 1]
        for (i, name) in table.cellNames.enumerated() where names.contains(name) { positions.insert(i + 1) }
        return positions
    }
}

extension ShareRules {
    /// Whether row `id` of `table` is offered to the network now (one of its offer flags is 1): what a
    /// link to another school's row needs, checked by the district's merge and where an entry is made.
    public func isOffered(_ table: String, id: String, in database: Database) throws -> Bool {
        for offer in offers where offer.table == table {
            let flag = try database.scalar("SELECT \(SQL.identifier(offer.flag)) FROM \(SQL.identifier(table)) WHERE id = ?", [.text(id)])
            if flag == .integer(1) { return true }
        }
        return false
    }
}

extension SyncSchema {
    /// The table a reference column points at.
    func referencedTable(_ table: String, _ column: String) -> TableSchema? {
        guard case .reference(let target)? = self.table(named: table)?.column(named: column)?.kind else { return nil }
        return self.table(named: target)
    }
}
