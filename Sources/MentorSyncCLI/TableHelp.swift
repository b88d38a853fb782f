import MentorSyncDomain
import MentorSyncEngine

/// The columns of a registry table as `put TABLE --help` lists them: what each takes, which are
/// required, the allowed values of enumerations (with the Russian words also taken), and how a
/// reference may name its row.
enum TableHelp {
    static func columns(_ t: TableSchema, writing: Bool, district: Bool, _ lang: Language) -> [String] {
        var lines = [lang.pick(en: "columns of \(t.name):", ru: "столбцы таблицы \(t.name):")]
        var rows: [(String, String)] = [("id", lang.pick(en: "the row's id (a UUID); given by the registry for a new row",
                                                          ru: "id строки (UUID); новой строке его даёт реестр"))]
        rows.append(("org_id", owner(t, district: district, lang)))
        for c in t.columns { rows.append((c.name, describe(c, table: t.name, lang))) }
        let width = rows.map(\.0.count).max() ?? 0
        for (name, text) in rows { lines.append("  " + name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + text) }
        if writing {
            lines.append(lang.pick(
                en: "an empty value clears a column; dates may be written DD.MM.YYYY or YYYY-MM-DD; values in Russian are taken too",
                ru: "пустое значение очищает столбец; даты можно писать ДД.ММ.ГГГГ или ГГГГ-ММ-ДД; значения принимаются и по-русски"))
        }
        return lines
    }

    /// Who owns a row, and who owns a new one when the column is left out (RegistryEditor.defaultOwner).
    static func owner(_ t: TableSchema, district: Bool, _ lang: Language) -> String {
        switch (t.ownership, district) {
        case (.district, _):
            return lang.pick(en: "the site that owns the row: always district (only the district writes this table)",
                             ru: "владелец строки: всегда district (эту таблицу пишет только управление образования)")
        case (.school, true):
            return lang.pick(en: "the school that owns the row (its site id, e.g. s017); a new row needs it",
                             ru: "школа — владелец строки (её код, например s017); для новой строки обязателен")
        case (.either, true):
            return lang.pick(en: "the site that owns the row: a school's site id, or district (the default) for the whole district",
                             ru: "владелец строки: код школы или district (по умолчанию) — для всего района")
        case (_, false):
            return lang.pick(en: "the site that owns the row; by default this school",
                             ru: "владелец строки; по умолчанию эта школа")
        }
    }

    static func describe(_ c: ColumnSchema, table: String, _ lang: Language) -> String {
        var text: String
        switch c.kind {
        case .text:
            text = lang.pick(en: "text", ru: "текст")
        case .integer(let range) where range == 0...1:
            // A yes/no column: the words it takes, as a form offers them.
            text = lang.pick(en: "yes or no", ru: "да или нет")
        case .integer(let range):
            if let range {
                text = lang.pick(en: "a whole number from \(range.lowerBound) to \(range.upperBound)",
                                 ru: "целое число от \(range.lowerBound) до \(range.upperBound)")
            } else {
                text = lang.pick(en: "a whole number", ru: "целое число")
            }
        case .real:
            text = lang.pick(en: "a number (4.5 or 4,5)", ru: "число (4,5 или 4.5)")
        case .date:
            text = lang.pick(en: "a date, DD.MM.YYYY or YYYY-MM-DD", ru: "дата, ДД.ММ.ГГГГ или ГГГГ-ММ-ДД")
        case .enumeration(let values):
            let listed = EnumerationAliases.listed(values, column: c.name, table: table)
            text = lang == .ru
                ? "одно из: " + listed.map { v in v.russian.map { "\($0) (\(v.value))" } ?? v.value }.joined(separator: ", ")
                : "one of: " + listed.map { v in v.russian.map { "\(v.value) (\($0))" } ?? v.value }.joined(separator: ", ")
        case .reference(let target):
            text = reference(target, lang)
        }
        if c.required { text += lang.pick(en: "; required", ru: "; обязательно") }
        // The header people write in a spreadsheet, which import-csv takes besides the column's name.
        guard let header = HeaderAliases.russian(c.name, table: table) else { return text }
        return lang == .ru ? "«\(header)»: \(text)" : "\(text) (in Russian: \(header))"
    }

    /// How a reference may name its row (ReferenceResolver): by id, or by the name people know it by.
    static func reference(_ target: String, _ lang: Language) -> String {
        switch target {
        case "persons":
            return lang.pick(en: "a person: full name (with the birth date in brackets when two share it), or id",
                             ru: "человек: ФИО (если два человека с одним ФИО — с датой рождения в скобках) или id")
        case "mentors":
            return lang.pick(en: "a mentor: the person's full name, or id", ru: "наставник: ФИО или id")
        case "mentees":
            return lang.pick(en: "a mentee: the person's full name, or id", ru: "наставляемый: ФИО или id")
        case "pairs":
            return lang.pick(en: "a pair: the mentor's full name (with started_on when needed), or id",
                             ru: "пара: ФИО наставника (при необходимости с датой начала) или id")
        case "indicators":
            return lang.pick(en: "an indicator: its code or title, or id", ru: "показатель: код или название, или id")
        default:
            return lang.pick(en: "a row of \(target): its name or title, or id", ru: "строка таблицы \(target): название или id")
        }
    }
}
