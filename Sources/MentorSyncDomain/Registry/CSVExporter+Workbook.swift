import Foundation
import MentorSyncEngine

extension CSVExporter {
    /// A registry table as an Excel workbook: one sheet named after the table, the same header and
    /// words as the CSV export in this language (so it imports back), dates as date cells, numbers
    /// as numbers, ids and every other text as text (so `007` stays `007`).
    /// `namesForReferences`: a reference written as the name of its row, as the lists show it (for a
    /// person working in Excel; the import finds the row by it again), not as its id.
    /// `sheet`: the sheet's name (by default the table's, its title in a Russian export).
    /// `only`: the rows whose column holds this value (the network mentors).
    public func encodeWorkbook(table name: String, from replica: Replica, namesForReferences: Bool = false, sheet: String? = nil,
                               only: (column: String, value: DatabaseValue)? = nil) throws -> (Data, Int) {
        let t = try RegistryEditor(replica: replica).table(name)
        let rows = try cells(of: t, from: replica, namesForReferences: namesForReferences, only: only)
        // Named as the headers are: the table's title in a Russian export («Люди»), its name otherwise.
        let named = sheet ?? (language == .ru ? Message.webTable(t.name).russian : t.name)
        return (try XLSXWriter().encode(sheet: named, rows: rows), rows.count - 1)
    }

    /// The header and rows of a list (see `encodeWorkbook`), as cells of a sheet.
    func cells(of t: TableSchema, from replica: Replica, namesForReferences: Bool,
               only: (column: String, value: DatabaseValue)? = nil) throws -> [[XLSXCell]] {
        let filter = only.map { " WHERE \(SQL.identifier($0.column)) = ?" } ?? ""
        // The whole table is named: its references' tables are read whole, not row by row.
        let count = namesForReferences ? Int(try replica.database.scalar("SELECT count(*) FROM \(SQL.identifier(t.name))\(filter)",
                                                                         only.map { [$0.value] } ?? [])?.integer ?? 0) : 0
        let names = namesForReferences ? ReferenceResolver(database: replica.database, rowsToName: count) : nil
        let flags = (["id"] + t.cellNames).map { column -> Bool in
            if case .integer(let range)? = t.column(named: column)?.kind { return range == 0...1 }
            return false
        }
        let targets = (["id"] + t.cellNames).map { column -> String? in
            if case .reference(let target)? = t.column(named: column)?.kind { return target }
            return nil
        }
        let header = ["id"] + t.cellNames
        let dates = header.map { column in
            if case .date? = t.column(named: column)?.kind { return true }
            return false
        }
        let enumerations = header.map { c -> Bool in if case .enumeration? = t.column(named: c)?.kind { return true } else { return false } }
        var rows: [[XLSXCell]] = [headerNames(t, header).map(XLSXCell.text)]
        try replica.database.forEachRow("SELECT \(header.map(SQL.identifier).joined(separator: ", ")) FROM \(SQL.identifier(t.name))\(filter) ORDER BY rowid",
                                        only.map { [$0.value] } ?? []) { row in
            rows.append(header.indices.map { k in
                switch row.value(at: k) {
                case .null: return .empty
                case .integer(let i):
                    // A yes/no column in words for a person's list (the import reads them back).
                    if names != nil, flags[k] { return .text((i != 0 ? Message.yes : Message.no).text(language)) }
                    return .number(Double(i))
                case .real(let d): return .number(d)
                case .text(let s):
                    if let names, let target = targets[k] { return .text((try? names.typableName(of: s, in: target)) ?? s) }
                    return dates[k] ? .date(s) : .text(enumerations[k] ? word(s, column: header[k], table: t.name) : s)
                case let other: return .text(other.displayText)
                }
            })
        }
        if names != nil, t.name == "pairs" { try addMentees(to: &rows, from: replica) }
        return rows
    }

    /// A pairs list for people ends with the pair's mentees by name, as a pair's page shows them
    /// (a pair is a mentor and her mentees; `pair_mentees` holds who). Loaded back, the column gives
    /// a new pair its mentees and leaves a pair the registry holds as it is (`PairMenteesCell`).
    private func addMentees(to rows: inout [[XLSXCell]], from replica: Replica) throws {
        let members = try PairMembers.mentees(database: replica.database)
        let names = ReferenceResolver(database: replica.database, rowsToName: members.values.reduce(0) { $0 + $1.count })
        let mentees = members.mapValues { ids in
            ids.map { (try? names.typableName(of: $0, in: "mentees")) ?? $0 }
        }
        rows[0].append(.text(Message.pairMenteesHeader.text(language)))
        for k in rows.indices.dropFirst() {
            guard case .text(let id)? = rows[k].first else { rows[k].append(.empty); continue }
            let list = mentees[id] ?? []
            rows[k].append(list.isEmpty ? .empty : .text(list.joined(separator: "; ")))
        }
    }
}
