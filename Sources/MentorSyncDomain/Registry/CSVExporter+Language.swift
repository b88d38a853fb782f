import MentorSyncEngine

/// A Russian export (`language` .ru): the headers and enumeration values people write
/// (`ФИО`, `Дата рождения`, `учитель`), which import back as they are. `id` and `org_id` keep
/// their names, and references stay ids, so the file always finds the same rows again.
extension CSVExporter {
    /// The header cell of each column.
    func headerNames(_ t: TableSchema, _ columns: [String]) -> [String] {
        guard language == .ru else { return columns }
        return columns.map { c in c == "id" || c == "org_id" ? c : HeaderAliases.russian(c, table: t.name) ?? c }
    }

    /// The text of a stored enumeration value as people write it.
    func word(_ text: String, column: String, table: String) -> String {
        guard language == .ru else { return text }
        return EnumerationAliases.russian(text, column: column, table: table) ?? text
    }
}
