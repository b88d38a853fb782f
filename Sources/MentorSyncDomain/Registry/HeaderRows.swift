import Foundation
import MentorSyncEngine

/// A header of two rows, as official forms write one: «ФИО» over «Фамилия», «Имя», «Отчество» (the
/// upper cell merged across them), the other columns' names merged down both rows.
enum HeaderRows {
    /// The document whose header line takes the names of the filled line under it, where that line
    /// names columns only (the table's, a name's parts, «№ п/п»); nil when it does not.
    static func combined(_ d: CSVDocument, header: Int, table t: TableSchema) -> CSVDocument? {
        guard let next = d.records.indices.first(where: { $0 > header && !d.records[$0].isBlank }) else { return nil }
        let lower = d.records[next].fields, upper = d.records[header].fields
        let names = lower.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        guard names.allSatisfy({ name in
            HeaderAliases.column(for: name, table: t.name, columns: t.cellNames) != nil || HeaderAliases.isRowNumber(name)
                || NameColumns.parts.contains(HeaderAliases.normalize(name))
        }) else { return nil }
        var out = d
        out.records[header].fields = (0..<max(upper.count, lower.count)).map { i in
            let below = i < lower.count ? lower[i] : ""
            return below.allSatisfy(\.isWhitespace) ? (i < upper.count ? upper[i] : "") : below
        }
        // The lower row is part of the header: no line of the list.
        out.records[next].fields = lower.map { _ in "" }
        return out
    }
}
