/// The human titles of tables and columns and the human words for enumeration values, in both
/// languages: one source for `list`, `status`, `conflicts`, and the web app's pages.
extension Message {
    /// A table's title as people say it: `persons` → «Люди» / "Persons".
    public static func tableTitle(_ name: String) -> Message {
        let ru: [String: String] = [
            "organizations": "Организации", "persons": "Люди", "mentors": "Наставники", "mentees": "Наставляемые",
            "pairs": "Пары", "pair_mentees": "Наставляемые в парах", "plans": "Планы", "meetings": "Встречи",
            "events": "Мероприятия", "indicators": "Показатели и цели", "indicator_values": "Значения показателей",
            "practices": "Практики", "surveys": "Анкеты", "diagnostics": "Диагностика", "trainings": "Курсы и обучение",
            "contest_entries": "Участие в конкурсах", "event_participants": "Участники мероприятий",
        ]
        let en = name.prefix(1).uppercased() + name.dropFirst().replacingOccurrences(of: "_", with: " ")
        return Message("table.\(name)", en: en, ru: ru[name] ?? en)
    }

    /// A table in a Russian sentence: its title, with the code a command takes — «Люди» (persons).
    static func ruTable(_ table: String) -> String { "«\(tableTitle(table).russian)» (\(table))" }

    /// A column's title: its Russian header (`HeaderAliases`, the one import takes) or its own name, readable.
    public static func columnTitle(_ column: String, table: String) -> Message {
        // The owner is shown by its name wherever a person reads it, not as the code import takes.
        if column == "org_id" { return Message("column.org_id", en: "Owner", ru: "Владелец") }
        let en = column.replacingOccurrences(of: "_id", with: "").replacingOccurrences(of: "_", with: " ")
        return Message("column.\(table).\(column)", en: en.prefix(1).uppercased() + en.dropFirst(),
                       ru: HeaderAliases.russian(column, table: table) ?? en)
    }

    /// An enumeration value as people say it: `teacher` → «учитель» / "teacher".
    public static func valueTitle(_ value: String, column: String, table: String) -> Message {
        Message("value.\(table).\(column)", en: value.replacingOccurrences(of: "_", with: " "),
                ru: EnumerationAliases.russian(value, column: column, table: table) ?? value)
    }
}
