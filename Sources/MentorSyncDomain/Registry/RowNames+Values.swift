import MentorSyncEngine

extension RowNames {
    /// The label a row gets from its values alone — a row this registry does not hold, such as one
    /// a merge refused — by the very rules `load` names a table's rows with (the row is put in a
    /// scratch table of the same columns and named there); its references are named by `names`
    /// (this registry's rows). Nil when its values name nothing (the label would be its id).
    static func label(of table: String, id: String, values: [String: DatabaseValue], names: (String) throws -> RowNames) -> String? {
        guard let schema = RegistrySchema.schema.table(named: table), !values.isEmpty else { return nil }
        let columns = ["id"] + schema.cellNames
        do {
            let scratch = try Database(path: ":memory:")
            try scratch.execute("CREATE TABLE \(SQL.identifier(table)) (\(columns.map(SQL.identifier).joined(separator: ", ")))")
            try scratch.execute("INSERT INTO \(SQL.identifier(table)) VALUES (\(columns.map { _ in "?" }.joined(separator: ", ")))",
                                [.text(id)] + schema.cellNames.map { values[$0] ?? .null })
            guard let label = try load(table, database: scratch, names: names).name(of: id)?.label, label != shortLabel(id) else { return nil }
            return label
        } catch {
            return nil
        }
    }
}

extension ReferenceResolver {
    /// The label of a row this registry does not hold, from its values (`RowNames.label(of:id:values:names:)`).
    public func label(of id: String, in table: String, values: [String: DatabaseValue]) -> String? {
        RowNames.label(of: table, id: id, values: values, names: names)
    }
}
