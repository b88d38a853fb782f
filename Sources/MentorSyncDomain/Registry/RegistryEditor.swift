import Foundation
import MentorSyncEngine

/// Edits of the registry by a person (`put`, `list`, `delete`), checked against the schema and
/// the ownership rules before anything is written.
public struct RegistryEditor {
    /// The columns a new row of `t` is not saved without, wherever it is entered (a form marks them):
    /// those the schema requires, and those that name what the row is (`entryNeeds`) — one without
    /// is a nameless row no list can show and no report can count.
    public static func neededForNewRow(_ t: TableSchema) -> [String] {
        let needed = entryNeeds[t.name] ?? []
        return t.columns.filter { $0.required || needed.contains($0.name) }.map(\.name)
    }

    /// What a row entered by a person is not saved without, beyond the schema's required columns: a
    /// mentor's or mentee's person, a pair's mentor, a meeting's pair, a survey's respondent and score
    /// (a survey may be of the programme, not of one pair) (a pair saved without its mentor read «Пара: —»; a survey without a score counted a
    /// respondent «не указано»). Rows that come in bundles are not held to it.
    static let entryNeeds: [String: Set<String>] = [
        "mentors": ["person_id"], "mentees": ["person_id"], "pairs": ["mentor_id"], "meetings": ["pair_id", "held_on"],
        "surveys": ["respondent", "satisfaction"], "pair_mentees": ["pair_id", "mentee_id"],
        // Schema 2: a diagnostic, a training, a contest entry is of a person; a participant of an event.
        "diagnostics": ["person_id"], "trainings": ["person_id"], "contest_entries": ["person_id"],
        "event_participants": ["event_id", "person_id"], "indicator_values": ["indicator_id"],
    ]

    /// Refuses a new row a person entered without what it needs (`neededForNewRow`, one of
    /// `entryNeedsOneOf`), or with nothing at all (a form sent with every field empty saved nothing
    /// and said «сохранено»). `value`: the row's value of a column, nil or null when empty. For
    /// `put` and a list's new line alike. `restoring`: a list's line giving the row's own id (a list
    /// exported and loaded into a fresh registry) brings back a row as it was, even one from before
    /// these rules: only the schema's required columns are asked of it (the other entry checks,
    /// `EntryChecks`, still hold).
    static func checkNewRowNeeds(_ t: TableSchema, restoring: Bool = false, _ value: (String) -> DatabaseValue?) throws {
        func empty(_ c: String) -> Bool { value(c)?.isNull ?? true }
        let needed = restoring ? t.columns.filter(\.required).map(\.name) : neededForNewRow(t)
        for c in needed where empty(c) { throw MessageError(.requiredForNewRow(t.name, c)) }
        if restoring { return }
        if t.columns.allSatisfy({ empty($0.name) }) { throw MessageError(.emptyNewRow(t.name)) }
        if let oneOf = entryNeedsOneOf[t.name], oneOf.allSatisfy(empty) { throw MessageError(.needsOneOf(t.name, oneOf)) }
    }

    /// What a new row needs one of: a plan (ИОМ) is of a pair or of a mentee (the report counts it
    /// for them; a plan of neither counted for no one).
    static let entryNeedsOneOf: [String: [String]] = ["plans": ["pair_id", "mentee_id"]]

    public let replica: Replica
    public var database: Database { replica.database }

    public init(replica: Replica) { self.replica = replica }

    public func table(_ name: String) throws -> TableSchema { try Self.table(named: name) }

    /// The table a person typed: its name (`mentees`), or its title as the pages show it, in either
    /// language, in any case, with «е» for «ё» («наставляемые», «Планы (ИОМ)», «планы», «иом»).
    public static func table(named name: String) throws -> TableSchema {
        if let t = RegistrySchema.schema.table(named: name) { return t }
        let typed = HeaderAliases.normalize(name)
        let found = RegistrySchema.schema.tables.first { t in
            let title = Message.tableTitle(t.name)
            var said = [title.russian, title.english]
            // «Планы (ИОМ)»: «планы» and «иом» alone too.
            if let open = title.russian.firstIndex(of: "("), title.russian.hasSuffix(")") {
                said += [String(title.russian[..<open]), String(title.russian[title.russian.index(after: open)...].dropLast())]
            }
            return said.contains { HeaderAliases.normalize($0) == typed }
        }
        guard let found else { throw MessageError(.noTable(name, tables: RegistrySchema.schema.tables.map(\.name))) }
        return found
    }

    func column(_ t: TableSchema, _ name: String) throws -> ColumnSchema {
        guard let c = t.column(named: name) else {
            throw MessageError(.noColumn(t.name, name, columns: t.cellNames))
        }
        return c
    }

    /// Who owns a row now (nil when there is no such row).
    public func owner(_ t: TableSchema, id: String) throws -> String? {
        try database.scalar("SELECT org_id FROM \(SQL.identifier(t.name)) WHERE id = ?", [.text(id)])?.text
    }

    func checkMayWrite(_ orgID: String, _ t: TableSchema) throws {
        guard replica.role == .school else {
            // The district's own tables hold the district's rows only: a school would be sent such a
            // row as its own, and the district would refuse the school's every change of it.
            if t.ownership == .district && orgID != replica.site.rawValue { throw MessageError(.districtTableOwner(t.name)) }
            return
        }
        if t.ownership == .district { throw MessageError(.districtTable(t.name)) }
        guard orgID == replica.site.rawValue else {
            let name = try database.scalar("SELECT coalesce(short_name, name) FROM organizations WHERE id = ?", [.text(orgID)])?.text
            throw MessageError(.mayNotWrite(site: replica.site.rawValue, owner: orgID, ownerName: name))
        }
    }

    /// Creates a row, or updates the given columns of row `id`. Returns the id and whether it was created.
    @discardableResult
    /// `anotherPerson`: the person typed is someone else than the near namesake a `NearNamesakeQuestion` asked about.
    public func put(table name: String, sets: [(String, String)], id: String? = nil, anotherPerson: Bool = false) throws -> (id: String, created: Bool) {
        let t = try table(name)
        var values: [String: DatabaseValue] = [:]
        var orgID: String?
        let resolver = ReferenceResolver(database: database)
        for (col, text) in sets {
            if col == "id" { throw MessageError(.idBySet) }
            if col == "org_id" {
                let o = text.trimmingCharacters(in: .whitespaces)
                guard SiteID(o) != nil else { throw MessageError(.notASiteID(o)) }
                orgID = o
                continue
            }
            // Checked like every entry: enumerations, dates, and references to rows this registry holds.
            values[col] = try resolver.entry(text, column: try column(t, col), table: t.name)
        }
        return try database.transaction {
            let rowID = try rowToWrite(t, id: id, resolver: resolver)
            guard !rowID.isEmpty, rowID.count <= 64 else { throw MessageError(.rowIDLength) }
            if let current = try owner(t, id: rowID) {
                try checkMayWrite(current, t)
                if let orgID { try checkMayWrite(orgID, t); values["org_id"] = .text(orgID) }
                guard !values.isEmpty else { throw MessageError(.nothingToChange) }
                // What a row is not saved without is not emptied either.
                for c in Self.neededForNewRow(t) where values[c]?.isNull == true {
                    throw MessageError(.requiredNotEmptied(t.name, c))
                }
                try EntryChecks.check(t, database: database, row: rowID) { values[$0] }
                if t.name == "persons" { try checkEditNotAnother(rowID, sets: values, resolver: resolver, anotherPerson: anotherPerson) }
                let keys = values.keys.sorted()
                try write("UPDATE \(SQL.identifier(t.name)) SET \(keys.map { "\(SQL.identifier($0)) = ?" }.joined(separator: ", ")) WHERE id = ?",
                          keys.map { values[$0]! } + [.text(rowID)])
                return (rowID, false)
            }
            let owner = orgID ?? defaultOwner(t)
            guard let owner else {
                throw MessageError(.sayOwner(t.name))
            }
            try checkMayWrite(owner, t)
            try Self.checkNewRowNeeds(t) { values[$0] }
            values["org_id"] = .text(owner)
            try EntryChecks.check(t, database: database, row: nil) { values[$0] }
            if t.name == "persons" { try checkNotAlreadyThere(values, owner: owner, resolver: resolver, anotherPerson: anotherPerson) }
            let keys = values.keys.sorted()
            try write("INSERT INTO \(SQL.identifier(t.name)) (id, \(keys.map(SQL.identifier).joined(separator: ", "))) VALUES (?\(String(repeating: ", ?", count: keys.count)))",
                      [.text(rowID)] + keys.map { values[$0]! })
            if t.name == "pair_mentees", let mentee = values["mentee_id"]?.text, let pair = values["pair_id"]?.text {
                try markInPair(mentee: mentee, pair: pair, owner: owner)
            }
            return (rowID, true)
        }
    }

    /// A mentee waiting for a pair (or with no status) is in one once linked to a pair that is
    /// forming or running: her status follows, as the deputy head would set it.
    private func markInPair(mentee: String, pair: String, owner: String) throws {
        let pairStatus = try database.scalar("SELECT status FROM pairs WHERE id = ?", [.text(pair)])?.text
        guard pairStatus == nil || ["forming", "active"].contains(pairStatus!) else { return }
        try database.execute("UPDATE mentees SET status = 'in_pair' WHERE id = ? AND org_id = ? AND coalesce(status, 'waiting') = 'waiting'",
                             [.text(mentee), .text(owner)])
    }

    /// The id `put --id` means: a row's id (or the start of one, as listings show it), or the name of
    /// one row; a text no row has is the id of a new row, unless it reads like a name (spaces,
    /// Cyrillic), which must name a row. No id: a new UUID.
    func rowToWrite(_ t: TableSchema, id given: String?, resolver: ReferenceResolver) throws -> String {
        guard let given else { return UUID().uuidString.lowercased() }
        // An existing row keeps the id's spelling it has (another tool may have written it in capitals).
        if !given.isEmpty, given.count <= 64, let stored = try storedID(t, given) { return stored }
        let lowered = given.lowercased()
        if try owner(t, id: lowered) != nil || given.isEmpty { return lowered }
        do {
            return try resolver.resolve(given, in: t.name, context: .plain("\(t.name) --id"))
        } catch let e as MessageError {
            if given.contains(where: { $0.isWhitespace || !$0.isASCII }) || e.message.key == "reference.ambiguous" { throw e }
            return lowered
        }
    }

    /// The id of the row `id` names, matched without regard to case, as it is stored; nil when there
    /// is none. Two rows differing only in case are told apart by the exact spelling, or refused.
    public func storedID(_ t: TableSchema, _ id: String) throws -> String? {
        if try owner(t, id: id) != nil { return id }
        let found = try database.rows("SELECT id FROM \(SQL.identifier(t.name)) WHERE id = ? COLLATE NOCASE ORDER BY id", [.text(id)])
            .compactMap { $0[0].text }
        guard found.count <= 1 else {
            throw MessageError(.idInOtherCapitals(t.name, id, found: found))
        }
        return found.first
    }

    func defaultOwner(_ t: TableSchema) -> String? {
        if replica.role == .school { return replica.site.rawValue }
        return t.ownership == .school ? nil : replica.site.rawValue
    }

    private func write(_ sql: String, _ values: [DatabaseValue]) throws {
        do { try database.execute(sql, values) } catch let e as SQLiteError where e.isConstraint {
            throw MessageError(.registryRefuses(e.message))
        }
    }

    /// Rows of a table, optionally filtered by exact column values.
    public func list(table name: String, where filters: [(String, String)] = []) throws -> (columns: [String], rows: [[DatabaseValue]]) {
        let t = try table(name)
        let columns = ["id"] + t.cellNames
        var clauses: [String] = []
        var args: [DatabaseValue] = []
        let resolver = ReferenceResolver(database: database)
        for (col, text) in filters {
            guard columns.contains(col) else { _ = try column(t, col); continue }
            clauses.append("\(SQL.identifier(col)) = ?")
            if let c = t.column(named: col), case .date = c.kind, let d = ValueParser.normalizeDate(text) { args.append(.text(d)) } else if
                let c = t.column(named: col), case .reference(let target) = c.kind {
                // A reference is found by the name of the row it points at, as in `put`.
                args.append(.text(try resolver.resolve(text, in: target, context: .column(col, table: t.name))))
            } else if let c = t.column(named: col), case .enumeration(let allowed) = c.kind,
                      let v = EnumerationAliases.value(text, column: col, table: t.name, values: allowed) {
                args.append(.text(v))   // `--where role=учитель` finds the teachers
            } else if col == "id", !text.isEmpty {
                args.append(.text(try resolver.resolve(text, in: t.name, context: .plain("\(t.name).id"))))
            } else {
                args.append(.text(text))
            }
        }
        let whereSQL = clauses.isEmpty ? "" : " WHERE " + clauses.joined(separator: " AND ")
        let rows = try database.rows("SELECT \(columns.map(SQL.identifier).joined(separator: ", ")) FROM \(SQL.identifier(t.name))\(whereSQL) ORDER BY rowid", args)
        return (columns, rows)
    }

    /// Deletes the row that `reference` names (its id, or a name as `ReferenceResolver` takes it); returns its id.
    @discardableResult
    public func delete(table name: String, id reference: String) throws -> String {
        try deleting(table: name, id: reference).id
    }

    /// Deletes a row, returning its id and the name it had (for the receipt). A pair goes with its
    /// mentees' links (a pair entered by mistake is deleted at once); its meetings, plans and surveys
    /// still keep it. A mentee unlinked from her last open pair is waiting again.
    public func deleting(table name: String, id reference: String) throws -> (id: String, name: String?) {
        let t = try table(name)
        return try database.transaction {
            // An id another tool wrote in capitals is found; otherwise a name as people write it.
            let names = ReferenceResolver(database: database)
            let id = try storedID(t, reference) ?? names.resolve(reference, in: t.name)
            guard let current = try owner(t, id: id) else { throw MessageError(.noRowWithID(t.name, id)) }
            try checkMayWrite(current, t)
            let label = try names.label(of: id, in: t.name)
            let links = t.name == "pairs" ? try PairMembers.links(of: id, database: database) : []
            try checkNothingRefersTo(t, id: id, except: links.isEmpty ? [] : ["pair_mentees"])
            for link in links { try unlink(link.link, mentee: link.mentee) }
            if t.name == "pair_mentees", let mentee = try database.scalar("SELECT mentee_id FROM pair_mentees WHERE id = ?", [.text(id)])?.text {
                try unlink(id, mentee: mentee)
            } else {
                try database.execute("DELETE FROM \(SQL.identifier(t.name)) WHERE id = ?", [.text(id)])
            }
            return (id, label)
        }
    }

    /// Deletes a mentee's link to a pair; «в паре» with no open pair left, she is waiting again
    /// (as a link to a forming or running pair made her «в паре», `markInPair`).
    private func unlink(_ link: String, mentee: String) throws {
        try database.execute("DELETE FROM pair_mentees WHERE id = ?", [.text(link)])
        let open = try database.scalar("""
            SELECT 1 FROM pair_mentees l JOIN pairs p ON p.id = l.pair_id
            WHERE l.mentee_id = ? AND coalesce(p.status, 'forming') IN ('forming', 'active') LIMIT 1
            """, [.text(mentee)])
        guard open == nil, let owner = try database.scalar("SELECT org_id FROM mentees WHERE id = ?", [.text(mentee)])?.text,
              (try? checkMayWrite(owner, RegistrySchema.mentees)) != nil else { return }
        try database.execute("UPDATE mentees SET status = 'waiting' WHERE id = ? AND status = 'in_pair'", [.text(mentee)])
    }

    /// A row other rows name is not deleted: its mentor, pairs, meetings and surveys would be left
    /// naming nothing — a year of a mentor's work shown as "not received" — and a list imported
    /// again would add the person back as someone new. The error counts what names it, by table.
    private func checkNothingRefersTo(_ t: TableSchema, id: String, except: Set<String> = []) throws {
        var referring: [(table: String, rows: Int)] = []
        for other in replica.schema.tables where !except.contains(other.name) {
            let columns = other.columns.filter { if case .reference(let target) = $0.kind { return target == t.name } else { return false } }
            guard !columns.isEmpty else { continue }
            let condition = columns.map { "\(SQL.identifier($0.name)) = ?1" }.joined(separator: " OR ")
            let n = try database.scalar("SELECT count(*) FROM \(SQL.identifier(other.name)) WHERE \(condition)", [.text(id)])?.integer ?? 0
            if n > 0 { referring.append((other.name, Int(n))) }
        }
        guard !referring.isEmpty else { return }
        let name = try ReferenceResolver(database: database).label(of: id, in: t.name) ?? ReferenceResolver.shortID(id)
        throw MessageError(.deleteReferenced(t.name, name: name, referring: referring))
    }
}
