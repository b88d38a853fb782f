import MentorSyncEngine

extension RowNames {
    /// The label of one row by the very rules `load` names a table's rows with, without reading any
    /// table whole (a district holds hundreds of thousands of rows): the row — from `values`, for a
    /// row the registry does not hold, such as one a merge refused — and the rows its references
    /// name (read from `registry`, three levels down: a mentee link's pair, the pair's mentor and the mentor's person) are put
    /// in a scratch database of the registry's tables and named there. Nil when its values name
    /// nothing (the label would be its id). Rows that share a name are not told apart here.
    /// `scratch`, when given, is used again (emptied after), as a resolver naming many rows does.
    static func label(of table: String, id: String, values: [String: DatabaseValue], registry: Database, scratch given: NamingScratch? = nil) -> String? {
        guard let schema = RegistrySchema.schema.table(named: table), !values.isEmpty else { return nil }
        var touched: Set<String> = []
        guard let scratchRoom = given ?? (try? NamingScratch()) else { return nil }
        defer { scratchRoom.empty(touched) }
        let scratch = scratchRoom.database
        do {
            try put(schema, id: id, values: values, into: scratch, from: registry, depth: 3, touched: &touched)
            var loaded: [String: RowNames] = [:]
            func names(_ t: String) throws -> RowNames {
                if let n = loaded[t] { return n }
                let n = try load(t, database: scratch, names: names)
                loaded[t] = n
                return n
            }
            guard let label = try names(table).name(of: id)?.label, label != shortLabel(id) else { return nil }
            return label
        } catch {
            return nil
        }
    }

    /// The label of a row the registry holds, read alone (`label(of:id:values:registry:)`).
    static func label(ofHeld id: String, in table: String, registry: Database, scratch: NamingScratch? = nil) -> String? {
        guard let values = try? values(of: id, in: table, registry: registry) else { return nil }
        return label(of: table, id: id, values: values, registry: registry, scratch: scratch)
    }

    private static func values(of id: String, in table: String, registry: Database) throws -> [String: DatabaseValue]? {
        guard let t = RegistrySchema.schema.table(named: table),
              let row = try registry.rows("SELECT \(t.cellNames.map(SQL.identifier).joined(separator: ", ")) FROM \(SQL.identifier(t.name)) WHERE id = ?",
                                          [.text(id)]).first else { return nil }
        return Dictionary(uniqueKeysWithValues: zip(t.cellNames, row))
    }

    private static func put(_ table: TableSchema, id: String, values: [String: DatabaseValue], into scratch: Database, from registry: Database,
                            depth: Int, touched: inout Set<String>) throws {
        touched.insert(table.name)
        try scratch.execute("INSERT OR IGNORE INTO \(SQL.identifier(table.name)) VALUES (\((0...table.cellNames.count).map { _ in "?" }.joined(separator: ", ")))",
                            [.text(id)] + table.cellNames.map { values[$0] ?? .null })
        guard depth > 0 else { return }
        for c in table.columns {
            guard case .reference(let target) = c.kind, let ref = values[c.name]?.text, let t = RegistrySchema.schema.table(named: target),
                  let named = try self.values(of: ref, in: target, registry: registry) else { continue }
            try put(t, id: ref, values: named, into: scratch, from: registry, depth: depth - 1, touched: &touched)
        }
    }
}

/// An in-memory database of the registry's tables (their columns, nothing else) where single rows
/// are named (`RowNames.label(of:id:values:registry:scratch:)`); emptied after each.
final class NamingScratch {
    let database: Database

    init() throws {
        var small = Database.Options()
        small.cacheSizeKiB = 256
        database = try Database(path: ":memory:", options: small)
        for sql in NamingScratch.tables { try database.execute(sql) }
    }

    static let tables = RegistrySchema.schema.tables.map { t in
        "CREATE TABLE \(SQL.identifier(t.name)) (id PRIMARY KEY, \(t.cellNames.map(SQL.identifier).joined(separator: ", ")))"
    }

    func empty(_ tables: Set<String>) {
        for t in tables { try? database.execute("DELETE FROM \(SQL.identifier(t))") }
    }
}
