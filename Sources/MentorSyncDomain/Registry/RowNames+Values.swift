import MentorSyncEngine

extension RowNames {
    /// The label of one row by the very rules `load` names a table's rows with, without reading any
    /// table whole (a district holds hundreds of thousands of rows): the row — from `values`, for a
    /// row the registry does not hold, such as one a merge refused — and the rows its references
    /// name (read from `registry`, two levels down: a pair's mentor and the mentor's person) are put
    /// in a scratch database of the registry's tables and named there. Nil when its values name
    /// nothing (the label would be its id). Rows that share a name are not told apart here.
    static func label(of table: String, id: String, values: [String: DatabaseValue], registry: Database) -> String? {
        guard let schema = RegistrySchema.schema.table(named: table), !values.isEmpty else { return nil }
        do {
            var small = Database.Options()
            small.cacheSizeKiB = 256
            let scratch = try Database(path: ":memory:", options: small)
            for t in RegistrySchema.schema.tables {
                try scratch.execute("CREATE TABLE \(SQL.identifier(t.name)) (\((["id"] + t.cellNames).map(SQL.identifier).joined(separator: ", ")))")
            }
            try put(schema, id: id, values: values, into: scratch, from: registry, depth: 2)
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
    static func label(ofHeld id: String, in table: String, registry: Database) -> String? {
        guard let values = try? values(of: id, in: table, registry: registry) else { return nil }
        return label(of: table, id: id, values: values, registry: registry)
    }

    private static func values(of id: String, in table: String, registry: Database) throws -> [String: DatabaseValue]? {
        guard let t = RegistrySchema.schema.table(named: table),
              let row = try registry.rows("SELECT \(t.cellNames.map(SQL.identifier).joined(separator: ", ")) FROM \(SQL.identifier(t.name)) WHERE id = ?",
                                          [.text(id)]).first else { return nil }
        return Dictionary(uniqueKeysWithValues: zip(t.cellNames, row))
    }

    private static func put(_ table: TableSchema, id: String, values: [String: DatabaseValue], into scratch: Database, from registry: Database, depth: Int) throws {
        try scratch.execute("INSERT OR IGNORE INTO \(SQL.identifier(table.name)) VALUES (\((0...table.cellNames.count).map { _ in "?" }.joined(separator: ", ")))",
                            [.text(id)] + table.cellNames.map { values[$0] ?? .null })
        guard depth > 0 else { return }
        for c in table.columns {
            guard case .reference(let target) = c.kind, let ref = values[c.name]?.text, let t = RegistrySchema.schema.table(named: target),
                  let named = try self.values(of: ref, in: target, registry: registry) else { continue }
            try put(t, id: ref, values: named, into: scratch, from: registry, depth: depth - 1)
        }
    }
}
