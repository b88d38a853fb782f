import Foundation
import MentorSyncEngine

extension CSVImporter {
    /// The rows of the registry a list without ids finds by what names a row in its table
    /// (`listKeys`), read once (no index on those columns): the rows this registry may write, by key.
    struct RowsByKey {
        let keyIndexes: [Int]
        let keyed: Bool
        let optional: [Bool]
        var byKey: [String: [String]] = [:]

        /// `columns`: the table's columns the list gives, in the order of a line's values.
        init(table t: TableSchema, columns: [ColumnSchema], database db: Database, mayWrite: (String) -> Bool) throws {
            let keyColumns = CSVImporter.listKeys[t.name] ?? []
            keyIndexes = keyColumns.compactMap { k in columns.firstIndex { $0.name == k } }
            keyed = !keyColumns.isEmpty && keyIndexes.count == keyColumns.count
            optional = keyColumns.map { CSVImporter.optionalKeyParts[t.name]?.contains($0) == true }
            guard keyed else { return }
            var found: [String: [String]] = [:]
            try db.forEachRow("SELECT id, org_id, \(keyColumns.map(SQL.identifier).joined(separator: ", ")) FROM \(SQL.identifier(t.name))") { r in
                guard let k = key(keyColumns.indices.map { r.string(at: $0 + 2) ?? "" }), mayWrite(r.string(at: 1) ?? "") else { return }
                found[k, default: []].append(r.string(at: 0) ?? "")
            }
            byKey = found
        }

        /// The key of a row or a line: nil when a part it needs is empty.
        func key(_ parts: [String]) -> String? {
            zip(parts, optional).contains { $0.isEmpty && !$1 } ? nil : parts.joined(separator: "\u{0}")
        }

        /// The key of a line, when it gives every part it needs.
        func lineKey(_ values: [DatabaseValue]) -> String? { keyed ? key(keyIndexes.map { values[$0].text ?? "" }) : nil }

        /// The key of a line with its optional parts emptied (the course before its end day was known);
        /// nil when it has none filled.
        func undatedKey(_ values: [DatabaseValue]) -> String? {
            guard keyed, zip(keyIndexes, optional).contains(where: { $1 && values[$0].text?.isEmpty == false }) else { return nil }
            return key(zip(keyIndexes, optional).map { $1 ? "" : values[$0].text ?? "" })
        }

        /// The rows a line's key finds (empty: none); nil when the line has no key. A line giving an
        /// optional part no row has finds the one row without it, which is then the line's.
        mutating func rows(of values: [DatabaseValue]) -> [String]? {
            guard let key = lineKey(values) else { return nil }
            var found = byKey[key] ?? []
            if found.isEmpty, let undated = undatedKey(values), let rows = byKey[undated], rows.count == 1 {
                found = rows
                byKey[undated] = nil
                byKey[key] = rows
            }
            return found
        }

        /// A row a line added: a later line of the list with its key finds it.
        mutating func add(_ id: String, _ values: [DatabaseValue]) {
            if let key = lineKey(values) { byKey[key, default: []].append(id) }
        }
    }
}
