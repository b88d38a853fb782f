import Foundation
import MentorSyncEngine

/// The line of a list's column names read: where each of its cells goes.
extension CSVImporter {
    /// Where a header cell goes.
    enum Target { case id, org, column(Int), nameless, rowNumber, skipped, mentees }

    /// Each cell of the header line's target, the table's columns the list gives (in the order of
    /// `.column`) and the names of columns the table lacks (left out and said); a list naming none
    /// of the table's columns is refused.
    static func header(_ document: CSVDocument, at headerIndex: Int, table t: TableSchema) throws
        -> (targets: [Target], columns: [ColumnSchema], unknown: [String]) {
        var targets: [Target] = []
        var columns: [ColumnSchema] = []
        var unknown: [String] = []
        var seen: Set<String> = []
        for raw in document.records[headerIndex].fields {
            let cell = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            if cell.isEmpty { targets.append(.nameless); continue }
            // The column's own name, or a Russian header people write (`ФИО`, `Дата рождения`); else
            // «№ п/п», the line numbers a spreadsheet list keeps (unless «№» names a column, as an
            // event's code in a roadmap): nothing to store; or a pairs list's «Наставляемые», linked
            // to the new pairs of the list (`PairMenteesCell`).
            guard let name = HeaderAliases.column(for: cell, table: t.name, columns: t.cellNames) else {
                if HeaderAliases.isPairMentees(cell, table: t.name) { targets.append(.mentees) } else if HeaderAliases.isRowNumber(cell) {
                    targets.append(.rowNumber)
                } else {
                    unknown.append(cell); targets.append(.skipped)
                }
                continue
            }
            if !seen.insert(name).inserted { throw CSVImportError.duplicateColumn(table: t.name, column: name, line: document.records[headerIndex].line) }
            if name == "id" { targets.append(.id) } else if name == "org_id" { targets.append(.org) } else if let c = t.column(named: name) {
                targets.append(.column(columns.count))
                columns.append(c)
            }
        }
        // A column without a name counting the lines («1», «2.», …) numbers them, as «№ п/п».
        let lines = document.records[(headerIndex + 1)...].filter { !$0.isBlank }
        for (k, target) in targets.enumerated() {
            guard case .nameless = target else { continue }
            let cells = lines.map { k < $0.fields.count ? $0.fields[k].trimmingCharacters(in: .whitespaces) : "" }.filter { !$0.isEmpty }
            if CSVImporter.countsLines(cells) { targets[k] = .rowNumber }
        }
        // Columns the table lacks (a phone number, a class) are left out and said so; a file naming
        // none of the table's columns is not a list of it.
        let hasOrg = targets.contains { if case .org = $0 { return true } else { return false } }
        guard hasOrg || !columns.isEmpty else {
            let allowed = ["id"] + t.cellNames
            if !unknown.isEmpty { throw CSVImportError.unknownColumns(table: t.name, unknown: unknown, allowed: allowed) }
            throw CSVImportError.noColumns(table: t.name, allowed: allowed)
        }
        return (targets, columns, unknown)
    }
}
