/// A list that writes a person's name in three columns, «Фамилия», «Имя», «Отчество», as staff
/// lists exported from a school's systems do: read as one «ФИО» column (the parts joined by a
/// space), which every list naming people takes — a person's full name, or the person of a
/// mentor's, a mentee's, a diagnostic's record.
enum NameColumns {
    static let parts = ["фамилия", "имя", "отчество"]

    /// The document with the three columns made one, or nil when its header line has no surname and
    /// first name columns, or has a column of the whole name already.
    static func joined(_ document: CSVDocument, header: Int) -> CSVDocument? {
        let names = document.records[header].fields.map(HeaderAliases.normalize)
        let at = parts.map { p in names.firstIndex(of: p) }
        guard let surname = at[0], let first = at[1], !names.contains(where: { ["фио", "фамилия имя отчество", "full_name"].contains($0) }) else { return nil }
        let dropped = Set([first] + (at[2].map { [$0] } ?? []))
        var d = document
        for (k, record) in d.records.enumerated() {
            var fields = record.fields
            if k == header {
                fields[surname] = "ФИО"
            } else if k > header {
                let words = [surname, first, at[2]].compactMap { $0 }.map { $0 < fields.count ? fields[$0].trimmingCharacters(in: .whitespaces) : "" }
                if surname < fields.count { fields[surname] = words.filter { !$0.isEmpty }.joined(separator: " ") }
            }
            d.records[k].fields = fields.enumerated().filter { !dropped.contains($0.offset) }.map(\.element)
        }
        return d
    }
}
