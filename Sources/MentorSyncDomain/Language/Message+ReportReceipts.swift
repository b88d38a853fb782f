/// What `report --out`, `events`, `indicators` and `seed-demo` say besides their tables.
extension Message {
    public static func reportWritten(period: String, path: String) -> Message {
        Message("receipt.report_written", en: "report for \(period) written to \(path)", ru: "отчёт за \(period) записан в \(path)")
    }

    public static let eventsHint = Message("receipt.events_hint",
        en: "change one of your own organization's with: put events --id ID --set status=done --set done_on=YYYY-MM-DD, ID from the first column (another's is changed by its owner)",
        ru: "изменить мероприятие своей организации: put events --id ИДЕНТИФИКАТОР --set status=done --set done_on=ДД.ММ.ГГГГ, идентификатор — из первого столбца (чужое меняет его владелец)")

    /// At the district, which may change any organization's events.
    public static let eventsHintAnyOrganization = Message("receipt.events_hint_any",
        en: "change one with: put events --id ID --set status=done --set done_on=YYYY-MM-DD, ID from the first column",
        ru: "изменить мероприятие: put events --id ИДЕНТИФИКАТОР --set status=done --set done_on=ДД.ММ.ГГГГ, идентификатор — из первого столбца")

    public static let indicatorsHint = Message("receipt.indicators_hint",
        en: "change a target with: put indicators --id ID --set target_value=NUMBER; for an indicator with no row: put indicators --set code=CODE --set target_value=NUMBER",
        ru: "изменить целевое значение: put indicators --id ID --set target_value=ЧИСЛО; для показателя без строки: put indicators --set code=КОД --set target_value=ЧИСЛО")

    public static func seeded(rows: Int, schools: [String]) -> Message {
        Message("receipt.seeded", en: "seeded \(rows) rows for \(schools.count) schools (\(schools.joined(separator: ", ")))",
                ru: "создано демо-данных: \(Plural.ru(count: rows, "строка", "строки", "строк")) для \(Plural.ru(count: schools.count, "школы", "школ", "школ")) (\(schools.joined(separator: ", ")))")
    }

    public static func seededEnrollments(_ path: String) -> Message {
        Message("receipt.seeded_enrollments", en: "enrollment files for these schools are in \(path)",
                ru: "файлы подключения этих школ лежат в \(path)")
    }
}
