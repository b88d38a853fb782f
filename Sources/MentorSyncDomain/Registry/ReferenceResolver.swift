import Foundation
import MentorSyncEngine

/// Turns what a person typed for a reference (`person_id`, `mentor_id`, `pair_id`, …) into the id
/// of exactly one row this registry holds, and a row id back into the name people know it by.
/// One service for every place people enter references: `put`, `list --where`, `delete`, CSV and
/// spreadsheet import, conflict values, the web app. A text is taken as a row id first, then as a
/// name (see `RowName`), then as the start of an id (8 characters or more, as listings show them).
/// No match, or more than one, throws a one-line `MessageError` listing candidates.
public final class ReferenceResolver {
    public let database: Database
    /// The tables whose labels were read whole so far (what lists and choices show), by name.
    private(set) var labelCache: [String: RowNames] = [:]
    /// What finds rows by the names people type (`resolve`).
    private(set) lazy var lookup = NameLookup(database: database)
    private var exists: [String: Statement] = [:]

    /// Rows are named one at a time, never by reading their table whole (`RowNames.label(ofHeld:)`):
    /// for the few rows a page shows out of a district's hundreds of thousands (conflicts). Rows that
    /// share a name are then told apart by the short id shown beside them, not by a birth date.
    /// Without it, a table is named this way when it, or a table its names come from, holds more
    /// than `wholeTableRows` rows (reading 500,000 persons' names takes half a minute), or than four
    /// times `rowsToName`.
    public let namesRowsAlone: Bool
    public static let wholeTableRows = 20_000
    /// How many rows the caller is about to name (a whole table listed or exported): naming one row
    /// alone costs about what reading four rows' names whole does, so a table is read whole when it
    /// holds no more than four times as many rows (naming 83,000 meetings alone took 21 s).
    public let rowsToName: Int
    private var bigTables: [String: Bool] = [:]
    /// Where rows named alone are named (made once, on the first).
    private lazy var scratch: NamingScratch? = try? NamingScratch()

    public init(database: Database, namesRowsAlone: Bool = false, rowsToName: Int = 0) {
        self.database = database
        self.namesRowsAlone = namesRowsAlone
        self.rowsToName = rowsToName
    }

    /// The first 8 characters of an id, as listings show it.
    public static func shortID(_ id: String) -> String { String(id.prefix(8)) }

    /// Forgets loaded names (after rows were written through this connection).
    public func reload() { labelCache = [:]; bigTables = [:]; lookup = NameLookup(database: database) }

    /// The id of the one row of `table` that `text` names. `context` (e.g. «ФИО» (mentors.person_id))
    /// starts the error message. Every name a listing or an error shows finds its row again:
    /// "Иванова Мария Петровна (12.03.1990)", "Петров И. И. — 01.09.2024", "Иванова Мария [1a2b3c4d]".
    public func resolve(_ text: String, in table: String, context: EntryContext? = nil) throws -> String {
        let raw = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let where_ = context ?? .plain(table)
        guard !raw.isEmpty else { throw MessageError(.referenceEmpty(where_)) }
        for candidate in raw == raw.lowercased() ? [raw] : [raw, raw.lowercased()] where try holds(table, id: candidate) {
            return candidate
        }
        func oneOf(_ ids: [String]) throws -> String? {
            if ids.count == 1 { return ids[0] }
            if ids.count > 1 {
                throw MessageError(.referenceAmbiguous(where_, text: raw, table: table, candidates: try ids.map { try candidate($0, in: table) }))
            }
            return nil
        }
        let key = RowNames.normalize(raw)
        /// The rows among `ids` whose label, as shown, is what was typed.
        func labelled(_ ids: [String]) throws -> [String] { try ids.filter { RowNames.normalize(try label(of: $0, in: table) ?? "") == key } }
        if let id = try oneOf(try lookup.rows(of: table, named: key)) { return id }
        // A name with the short id a listing shows beside it: the row of that id that the name names.
        if let (name, short) = Self.shortIDAfterName(raw) {
            let named = name.isEmpty ? [] : try lookup.rows(of: table, named: RowNames.normalize(name))
            // A short id alone is a whole one (8 characters, or an id that short): "[a]" picks nothing by chance.
            let started = try rows(startingWith: short, in: table).filter { !name.isEmpty || short.count >= 8 || $0 == short }
            let fitting = try started.filter { id in
                if name.isEmpty || named.contains(id) { return true }
                return RowNames.normalize(try label(of: id, in: table) ?? "") == RowNames.normalize(name)
            }
            if let id = try oneOf(fitting) { return id }
        }
        // A label that carries a short id inside (a mentor's or a pair's carries its person's: «Иванова
        // Мария [1a2b3c4d] — 01.09.2024»): the rows the name and dates find, the one so labelled.
        if raw.contains("[") {
            let bare = raw.replacingOccurrences(of: #"\s*\[[^\]]*\]"#, with: "", options: .regularExpression)
            if let id = try oneOf(try labelled(try lookup.rows(of: table, named: RowNames.normalize(bare)))) { return id }
        }
        let lower = raw.lowercased()
        if lower.count >= 8, !lower.contains(" "), let id = try oneOf(try rows(startingWith: lower, in: table)) { return id }
        if Self.looksLikeID(raw) { throw MessageError(.referenceNoID(where_, id: raw, table: table)) }
        let similar = try lookup.similar(in: table, to: key, limit: 5)
        throw MessageError(.referenceNoName(where_, text: raw, table: table, similar: try similar.map { try candidate($0, in: table) }))
    }

    /// "Иванова Мария [1a2b3c4d]" as the name and the id's start; "[1a2b3c4d]" as no name and the start.
    static func shortIDAfterName(_ text: String) -> (name: String, short: String)? {
        guard text.hasSuffix("]"), let open = text.lastIndex(of: "[") else { return nil }
        let short = text[text.index(after: open)..<text.index(before: text.endIndex)].trimmingCharacters(in: .whitespaces)
        let name = text[..<open].trimmingCharacters(in: .whitespaces)
        guard !short.isEmpty, !short.contains("]") else { return nil }
        return (name, short)
    }

    /// The rows of `table` whose id starts with `prefix` (as typed, or in small letters), in the order
    /// they were written; at most 20.
    private func rows(startingWith prefix: String, in table: String) throws -> [String] {
        var found: [String] = []
        for p in prefix == prefix.lowercased() ? [prefix] : [prefix, prefix.lowercased()] {
            // Every text that starts with p sorts between p and p followed by the last character there is.
            let ids = try database.rows("SELECT id FROM \(SQL.identifier(table)) WHERE id >= ?1 AND id < ?1 || char(1114111) ORDER BY rowid LIMIT 20",
                                        [.text(p)]).compactMap { $0[0].text }
            for id in ids where id.hasPrefix(p) && !found.contains(id) { found.append(id) }
        }
        return found
    }

    /// A typed value for `column` of `table`: checked by `ValueParser`, and a reference resolved
    /// to the id of a row this registry holds. The one check of every entry a person makes.
    public func entry(_ text: String, column: ColumnSchema, table: String) throws -> DatabaseValue {
        let value = try ValueParser.parse(text, column: column, table: table)
        guard case .reference(let target) = column.kind, let typed = value.text else { return value }
        return .text(try resolve(typed, in: target, context: .column(column.name, table: table)))
    }

    /// Every row of `table` with the name people know it by, in the order rows were written:
    /// the choices a form offers for a reference.
    public func choices(in table: String) throws -> [RowName] { try labels(table).rows }

    /// The name of row `id` of `table`, or nil when this registry does not hold it.
    public func label(of id: String, in table: String) throws -> String? {
        if try namesAlone(table) { return RowNames.label(ofHeld: id, in: table, registry: database, scratch: scratch) }
        return try labels(table).name(of: id)?.label
    }

    /// Whether rows of `table` are named one at a time (see `namesRowsAlone`).
    func namesAlone(_ table: String) throws -> Bool {
        if namesRowsAlone { return true }
        func big(_ t: String, depth: Int) throws -> Bool {
            if let known = bigTables[t] { return known }
            guard let schema = RegistrySchema.schema.table(named: t) else { return false }
            let limit = max(Self.wholeTableRows, 4 * rowsToName)
            var result = try database.scalar("SELECT count(*) FROM (SELECT 1 FROM \(SQL.identifier(t)) LIMIT \(limit + 1))")?.integer
                ?? 0 > Int64(limit)
            if !result && depth > 0 {
                for c in schema.columns { if case .reference(let target) = c.kind, try big(target, depth: depth - 1) { result = true; break } }
            }
            if depth == 3 { bigTables[t] = result }
            return result
        }
        // Three levels: a pair's mentee link is named by the pair, its mentor and the mentor's person.
        return try big(table, depth: 3)
    }

    /// The name a form field shows for a row, such that sent back it finds the same row: the label
    /// where a table is named whole (namesakes told apart), with the short id where rows are named alone.
    public func typableName(of id: String, in table: String) throws -> String {
        if try namesAlone(table) { return try display(id, in: table) }
        return try label(of: id, in: table) ?? display(id, in: table)
    }

    /// A row as people read it: its label, or its short id when this registry does not hold it.
    public func labelOrShortID(_ id: String, in table: String) throws -> String {
        try label(of: id, in: table) ?? ReferenceResolver.shortID(id)
    }

    /// "Иванова Мария Петровна (12.03.1990) [1a2b3c4d]": a name with its short id, as candidates are listed.
    func candidate(_ id: String, in table: String) throws -> String {
        let label = try label(of: id, in: table) ?? ""
        // (As `trimmingCharacters(in: .whitespaces)` left it: a label starts with a letter, a
        // digit or a sign, and the text ends with «]», so a listing's rows skip Foundation.)
        return label.hasSuffix("]") ? label : RowNames.trimmed("\(label) [\(Self.shortID(id))]", .whitespaces)
    }

    /// Whether `text` is written like an id (a UUID, or hex digits and dashes), not like a name.
    static func looksLikeID(_ text: String) -> Bool {
        text.count >= 8 && text.allSatisfy { $0.isHexDigit || $0 == "-" } && text.contains { $0.isNumber }
    }

    private func holds(_ table: String, id: String) throws -> Bool {
        let statement: Statement
        if let s = exists[table] { statement = s } else {
            statement = try database.prepare("SELECT 1 FROM \(SQL.identifier(table)) WHERE id = ?")
            exists[table] = statement
        }
        defer { statement.reset() }
        try statement.bind([.text(id)])
        return try statement.step()
    }

    /// A table's labels, read whole.
    func labels(_ table: String) throws -> RowNames {
        if let n = labelCache[table] { return n }
        let n = try RowNames.load(table, database: database, names: labels)
        labelCache[table] = n
        return n
    }
}

extension ReferenceResolver {
    /// How a listing shows a reference: "Иванова Мария Петровна [1a2b3c4d]", or that the row
    /// has not arrived yet.
    public func display(_ id: String, in table: String) throws -> String {
        let held = try namesAlone(table) ? try holds(table, id: id) : try labels(table).name(of: id) != nil
        return held ? try candidate(id, in: table) : RowNames.notReceived(.text(id), table: table, database: database)
    }
}
