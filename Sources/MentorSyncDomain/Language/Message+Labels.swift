/// The human titles of tables and columns and the human words for enumeration values, in both
/// languages: one source for `list`, `status`, `conflicts`, and the web app's pages.
extension Message {
    /// A table's title as people say it: `persons` → «Люди» / "Persons".
    public static func tableTitle(_ name: String) -> Message {
        let ru: [String: String] = [
            "organizations": "Организации", "persons": "Люди", "mentors": "Наставники", "mentees": "Наставляемые",
            "pairs": "Пары", "pair_mentees": "Наставляемые в парах", "plans": "Планы (ИОМ)", "meetings": "Встречи",
            "events": "Мероприятия", "indicators": "Показатели и цели", "indicator_values": "Значения показателей",
            "practices": "Практики", "surveys": "Анкеты", "diagnostics": "Диагностика", "trainings": "Курсы и обучение",
            "contest_entries": "Участие в конкурсах", "event_participants": "Участники мероприятий",
        ]
        let en = name.prefix(1).uppercased() + name.dropFirst().replacingOccurrences(of: "_", with: " ")
        return Message("table.\(name)", en: en, ru: ru[name] ?? en)
    }

    /// One row of a table, as a page about it is titled: `pairs` → «Пара» / "Pair" (the list is «Пары»).
    public static func rowTitle(_ table: String) -> Message {
        let ru: [String: String] = [
            "organizations": "Организация", "persons": "Человек", "mentors": "Наставник", "mentees": "Наставляемый",
            "pairs": "Пара", "pair_mentees": "Наставляемый в паре", "plans": "План", "meetings": "Встреча",
            "events": "Мероприятие", "indicators": "Показатель", "indicator_values": "Значение показателя",
            "practices": "Практика", "surveys": "Анкета", "diagnostics": "Диагностика", "trainings": "Обучение",
            "contest_entries": "Участие в конкурсе", "event_participants": "Участник мероприятия",
        ]
        let en: [String: String] = [
            "organizations": "Organization", "persons": "Person", "mentors": "Mentor", "mentees": "Mentee", "pairs": "Pair",
            "pair_mentees": "Mentee in a pair", "plans": "Plan", "meetings": "Meeting", "events": "Event",
            "indicators": "Indicator", "indicator_values": "Indicator value", "practices": "Practice", "surveys": "Survey",
            "diagnostics": "Diagnostic", "trainings": "Training", "contest_entries": "Contest entry",
            "event_participants": "Event participant",
        ]
        let title = tableTitle(table)
        return Message("row.\(table)", en: en[table] ?? title.english, ru: ru[table] ?? title.russian)
    }

    /// A table in a Russian sentence: its title, with the code a command takes — «Люди» (persons).
    /// A table named for a command line, with the code the commands take: «Люди» (persons).
    static func ruTable(_ table: String) -> String { "«\(tableTitle(table).russian)» (\(table))" }
    /// A table named for a person at a form or a list: «Люди».
    static func ruTitle(_ table: String) -> String { "«\(tableTitle(table).russian)»" }

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
