import Foundation

/// At the district: each school's **share** of other schools' rows under the schema's `ShareRules`
/// (Protocol/shares.md). A row enters a school's share when a rule first routes it there
/// and stays until it is gone (its deletion travels too); every change to it after that travels
/// to the school whole, in the columns the school receives.
extension Replica {
    static let shareTableSQL = """
        CREATE TABLE IF NOT EXISTS msync_shares (
          site TEXT NOT NULL,
          tbl INTEGER NOT NULL,
          id TEXT NOT NULL,
          changed INTEGER NOT NULL,
          seen BLOB NOT NULL,
          PRIMARY KEY (site, tbl, id)
        ) WITHOUT ROWID
        """

    /// The rows of other schools (not the district's) the rules route to `school` now.
    func currentShare(of school: SiteID) throws -> Set<RowKey> {
        guard role == .district else { return [] }
        return try routed(to: school)
    }

    /// At a school: the rows of other schools the rules route to it now, by table name, worked out
    /// from the rows it holds as the district works out its share. A row of another school it holds
    /// that is not among them came by a rule that no longer holds — a mentor taken off the network,
    /// a pair given a mentor of its own school — and is kept all the same (Protocol/shares.md).
    public func networkRowsNow() throws -> [String: Set<String>] {
        guard role == .school else { return [:] }
        var rows: [String: Set<String>] = [:]
        for key in try routed(to: site) {
            if let t = schema.tables.first(where: { $0.number == key.table }) { rows[t.name, default: []].insert(key.id) }
        }
        return rows
    }

    /// `currentShare`'s rules, on the rows this replica holds: at the district for any school, at a
    /// school for itself.
    private func routed(to school: SiteID) throws -> Set<RowKey> {
        let rules = schema.sharing
        guard !rules.isEmpty else { return [] }
        let me = DatabaseValue.text(school.rawValue), district = DatabaseValue.text(self.district.rawValue)
        var share = Set<RowKey>()
        func add(_ table: TableSchema, _ sql: String, _ args: [DatabaseValue]) throws {
            for row in try database.rows(sql, args) { share.insert(RowKey(table: table.number, id: row[0].displayText)) }
        }
        func q(_ s: String) -> String { SQL.identifier(s) }
        for offer in rules.offers {
            guard let t = schema.table(named: offer.table) else { continue }
            if let offered = shareMemo?.offers[t.name] {
                for (id, owner) in offered where owner != school.rawValue && owner != self.district.rawValue { share.insert(RowKey(table: t.number, id: id)) }
                continue
            }
            try add(t, "SELECT id FROM \(q(t.name)) WHERE \(q(offer.flag)) = 1 AND org_id NOT IN (?, ?)", [me, district])
        }
        // Most schools are party to no linked row of another school: then no link routes anything
        // to them, nothing hangs on one, and neither the links nor the (larger) attached tables are read.
        var parties: [String: Bool] = [:]
        for link in rules.links {
            parties[link.table] = try isParty(school, to: link)
        }
        for link in rules.links where parties[link.table] == true {
            guard let t = schema.table(named: link.table), let target = schema.referencedTable(link.table, link.column) else { continue }
            let join = "FROM \(q(t.name)) x JOIN \(q(target.name)) y ON y.id = x.\(q(link.column))"
            // Rows of other schools that name this school's row; and the rows this school's own rows name.
            try add(t, "SELECT x.id \(join) WHERE y.org_id = ? AND x.org_id NOT IN (?, ?)", [me, me, district])
            try add(target, "SELECT y.id \(join) WHERE x.org_id = ? AND y.org_id NOT IN (?, ?)", [me, me, district])
        }
        for a in rules.attachments {
            guard let t = schema.table(named: a.table), let linked = schema.referencedTable(a.table, a.column),
                  let link = rules.links.first(where: { $0.table == linked.name }), parties[link.table] == true,
                  let target = schema.referencedTable(link.table, link.column) else { continue }
            // x is the linked row (its owner one party), y the row it names (its owner the other).
            let byOtherParty = a.partiesMayWrite ? "(x.org_id = ? AND a.org_id = y.org_id) OR" : "(x.org_id = ? AND 0) OR"
            try add(t, """
                SELECT a.id FROM \(q(t.name)) a JOIN \(q(linked.name)) x ON x.id = a.\(q(a.column))
                  JOIN \(q(target.name)) y ON y.id = x.\(q(link.column))
                WHERE a.org_id NOT IN (?, ?) AND x.org_id <> y.org_id
                  AND (\(byOtherParty) (y.org_id = ? AND a.org_id = x.org_id))
                """, [me, district, me, me])
        }
        // Carried rows, until nothing more is carried (a pair's mentee, then the mentee's person).
        var grew = true
        while grew {
            grew = false
            for carry in rules.carries {
                guard let t = schema.table(named: carry.table), let target = schema.referencedTable(carry.table, carry.column) else { continue }
                let s = try database.cachedStatement("""
                    SELECT y.id FROM \(q(t.name)) x JOIN \(q(target.name)) y ON y.id = x.\(q(carry.column))
                    WHERE x.id = ? AND y.org_id = x.org_id AND y.org_id NOT IN (?, ?)
                    """)
                for key in share where key.table == t.number {
                    try s.bind([.text(key.id), me, district])
                    defer { s.reset() }
                    while try s.step() {
                        if share.insert(RowKey(table: target.number, id: s.string(at: 0) ?? "")).inserted { grew = true }
                    }
                }
            }
        }
        return share
    }

    /// Whether `school` owns a row of the link's table that names another school's row, or a row
    /// another school's row of it names (a network pair, from either side).
    private func isParty(_ school: SiteID, to link: ShareRules.Link) throws -> Bool {
        if let parties = shareMemo?.parties[link.table] { return parties.contains(school.rawValue) }
        guard let t = schema.table(named: link.table), let target = schema.referencedTable(link.table, link.column) else { return false }
        let found = try database.scalar("""
            SELECT 1 FROM \(SQL.identifier(t.name)) x JOIN \(SQL.identifier(target.name)) y ON y.id = x.\(SQL.identifier(link.column))
            WHERE (x.org_id = ?1 OR y.org_id = ?1) AND x.org_id <> y.org_id LIMIT 1
            """, [.text(school.rawValue)])
        return found != nil && found != .null
    }

    /// Runs `body` — questions about many schools' shares, none of them a write — with the offered
    /// rows, the parties to links and the district's own writes read once for all the schools, in one read transaction so that
    /// what was read holds throughout: the district's status asks for all its schools' shares, and
    /// asking each school's alone read the pairs six times a school.
    public func readingShares<T>(_ body: () throws -> T) throws -> T {
        guard role == .district, !schema.sharing.isEmpty, shareMemo == nil else { return try body() }
        return try database.transaction(.deferred) {
            var memo = ShareMemo()
            for offer in schema.sharing.offers {
                guard let t = schema.table(named: offer.table) else { continue }
                memo.offers[t.name] = try database.rows("SELECT id, org_id FROM \(SQL.identifier(t.name)) WHERE \(SQL.identifier(offer.flag)) = 1")
                    .map { ($0[0].displayText, $0[1].displayText) }
            }
            for link in schema.sharing.links {
                guard let t = schema.table(named: link.table), let target = schema.referencedTable(link.table, link.column) else { continue }
                var parties = Set<String>()
                for r in try database.rows("""
                    SELECT DISTINCT x.org_id, y.org_id FROM \(SQL.identifier(t.name)) x
                      JOIN \(SQL.identifier(target.name)) y ON y.id = x.\(SQL.identifier(link.column)) WHERE x.org_id <> y.org_id
                    """) { parties.insert(r[0].displayText); parties.insert(r[1].displayText) }
                memo.parties[link.table] = parties
            }
            // The district's own writes, what each school is owed of them: one read, not two a school.
            try database.forEachRow("SELECT tbl, id, org_id, alive, clock, local FROM msync_rows WHERE local > 0") { s in
                let bytes = s.bytes(at: 4)
                memo.written.append(.init(org: s.string(at: 2) ?? "", local: s.int64(at: 5),
                                          moved: codec.namesFormerOwners(bytes) ? (Int(s.int64(at: 0)), s.string(at: 1) ?? "", s.int64(at: 3) != 0, bytes) : nil))
            }
            shareMemo = memo
            defer { shareMemo = nil }
            return try body()
        }
    }

    /// The rows in `school`'s share as last recorded (empty before any export to it).
    func shareMembers(of school: SiteID) throws -> [RowKey: [UInt8]] {
        guard role == .district, try database.tableExists("msync_shares") else { return [:] }
        var members: [RowKey: [UInt8]] = [:]
        try database.forEachRow("SELECT tbl, id, seen FROM msync_shares WHERE site = ?", [.text(school.rawValue)]) { s in
            members[RowKey(table: Int(s.int64(at: 0)), id: s.string(at: 1) ?? "")] = s.bytes(at: 2)
        }
        return members
    }

    /// Whether the row is kept in `school`'s share (it was sent there as another school's row).
    func sharesRow(table: Int, id: String, with school: SiteID) -> Bool {
        guard role == .district, (try? database.tableExists("msync_shares")) == true else { return false }
        let found = try? database.scalar("SELECT 1 FROM msync_shares WHERE site = ? AND tbl = ? AND id = ?",
                                         [.text(school.rawValue), .integer(Int64(table)), .text(id)])
        return found != nil && found != .null
    }

    /// Rows of `school`'s share the next export would send it beyond what a bundle claiming
    /// `counter` of the district held: members marked after it, and rows that entered the share or
    /// changed since their last mark (marked at that export). Nothing is written.
    func pendingShareRows(for school: SiteID, after counter: Int64) throws -> Int {
        guard role == .district, !schema.sharing.isEmpty, try database.tableExists("msync_shares") else { return 0 }
        var marks: [RowKey: (changed: Int64, seen: [UInt8])] = [:]
        try database.forEachRow("SELECT tbl, id, changed, seen FROM msync_shares WHERE site = ?", [.text(school.rawValue)]) { s in
            marks[RowKey(table: Int(s.int64(at: 0)), id: s.string(at: 1) ?? "")] = (s.int64(at: 2), s.bytes(at: 3))
        }
        var pending = 0
        for key in try currentShare(of: school).union(marks.keys) {
            if let mark = marks[key], mark.changed > counter { pending += 1; continue }
            guard let row = try loadRow(table: key.table, id: key.id) else { continue }
            if marks[key]?.seen != Replica.encodeVector(row.clock.version) + [row.alive ? 1 : 0] { pending += 1 }
        }
        return pending
    }

    /// Inside an export's first transaction, before the knowledge is taken: records the rows that
    /// entered `school`'s share, and marks every member whose state changed since it was last seen
    /// with one fresh counter of the district, above what the school knows of it.
    func refreshShare(of school: SiteID) throws {
        guard role == .district, !schema.sharing.isEmpty else { return }
        try database.execute(Replica.shareTableSQL)
        let members = try shareMembers(of: school)
        var touched: [(RowKey, [UInt8])] = []
        for key in try currentShare(of: school).union(members.keys).sorted() {
            guard let row = try loadRow(table: key.table, id: key.id) else { continue }
            let seen = Replica.encodeVector(row.clock.version) + [row.alive ? 1 : 0]
            if members[key] != seen { touched.append((key, seen)) }
        }
        guard !touched.isEmpty else { return }
        let changed = try counter() + 1
        try raiseCounter(to: changed)
        let s = try database.cachedStatement("INSERT OR REPLACE INTO msync_shares(site, tbl, id, changed, seen) VALUES (?, ?, ?, ?, ?)")
        for (key, seen) in touched {
            try s.execute([.text(school.rawValue), .integer(Int64(key.table)), .text(key.id), .integer(changed), .blob(seen)])
        }
    }

    /// The rows of `school`'s share changed after what it knows (all of them when `theirs` is
    /// empty), each whole: every stamped cell among the columns a school receives of another
    /// school's rows, at the recipient's schema. Rows it owns or the district owns travel as usual.
    func sharedRows(for school: SiteID, theirs: VersionVector, target: SyncSchema) throws -> [RowChange] {
        guard role == .district, try database.tableExists("msync_shares") else { return [] }
        var keys: [RowKey] = []
        try database.forEachRow("SELECT tbl, id FROM msync_shares WHERE site = ? AND changed > ? ORDER BY tbl, id",
                                [.text(school.rawValue), .integer(theirs[site])]) { s in
            keys.append(RowKey(table: Int(s.int64(at: 0)), id: s.string(at: 1) ?? ""))
        }
        var rows: [RowChange] = []
        for key in keys {
            guard let table = schema.table(number: key.table), let limit = target.table(number: key.table)?.cellNames.count,
                  let row = try loadRow(table: key.table, id: key.id),
                  row.orgID != school.rawValue, row.orgID != site.rawValue else { continue }
            let values = row.alive ? try readValues(table, id: key.id) : nil
            if HeldRow.problem(table, id: key.id, orgID: row.orgID, values: values) != nil { continue }
            let allowed = schema.sharedPositions(table)
            var cells: [CellChange] = []
            for (pos, stamp) in row.clock.stamps where pos <= limit && allowed.contains(pos) {
                let value: DatabaseValue
                if pos == 0 { value = .integer(row.alive ? 1 : 0) } else if pos == 1 && !row.alive { value = .text(row.orgID) } else {
                    value = values?[pos - 1] ?? .null
                }
                cells.append(CellChange(position: pos, stamp: stamp, value: value))
            }
            rows.append(RowChange(table: table.name, id: key.id, orgID: row.orgID, version: row.clock.version, cells: cells))
        }
        return rows
    }

    /// At a school: whether a ROW from the district of another school's row is a row of this
    /// school's share (it carries cells beyond existence and org_id), not a notice that a row left.
    func isSharedRow(_ change: RowChange) -> Bool {
        role == .school && change.orgID != site.rawValue && change.orgID != district.rawValue
            && change.cells.contains { $0.position >= 2 }
    }
}

/// What `Replica.readingShares` reads once: per offering table its offered rows (id, owner), per
/// link table the sites that own a row of it naming another site's row, or a row named so.
/// And the district's own writes (`local` > 0): owner, counter, and for a row that moved its key and clock.
struct ShareMemo {
    var offers: [String: [(id: String, owner: String)]] = [:]
    var parties: [String: Set<String>] = [:]
    var written: [WrittenRow] = []

    struct WrittenRow {
        var org: String
        var local: Int64
        var moved: (table: Int, id: String, alive: Bool, clock: [UInt8])?
    }
}
