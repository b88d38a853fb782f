/// The Russian column headers people write in their spreadsheets (`ФИО`, `Дата рождения`,
/// `Должность`), one table per registry table. A header is taken as the column's own name
/// (DOMAIN.md) or as one of these; the first one listed is the header a Russian export writes.
public enum HeaderAliases {
    static let common: [String: [String]] = [
        "id": ["идентификатор"],
        "org_id": ["код организации", "код школы"],
    ]

    static let table: [String: [String: [String]]] = [
        "organizations": [
            "name": ["наименование", "название", "полное наименование"], "short_name": ["краткое наименование", "краткое название"],
            "kind": ["тип организации", "тип", "вид"], "municipality": ["муниципалитет", "муниципальное образование"],
            "address": ["адрес"], "director": ["директор", "руководитель"],
        ],
        "persons": [
            "full_name": ["фио", "фамилия имя отчество", "фамилия, имя, отчество", "полное имя"],
            "birth_date": ["дата рождения"], "role": ["роль", "категория участника"], "position": ["должность"],
            "subject": ["предмет", "преподаваемый предмет", "предметы"],
            "teaching_since": ["педагогический стаж с", "стаж с", "в профессии с", "начало педагогической деятельности"],
            "hired_on": ["дата приёма", "дата приема на работу", "принят"], "left_on": ["дата увольнения", "уволен", "дата выбытия"],
            "pd_consent_on": ["согласие на обработку персональных данных", "согласие на обработку пд", "согласие пд"],
            "notes": ["примечание", "примечания", "заметки", "комментарий"],
        ],
        "mentors": [
            "person_id": ["наставник", "фио наставника", "фио"], "status": ["статус"], "competencies": ["компетенции"],
            "trained_on": ["дата обучения", "обучен"], "training_course": ["курс обучения", "курс"],
            "notes": ["примечание", "примечания"], "network": ["сетевой", "сетевое наставничество"],
        ],
        "mentees": [
            "person_id": ["наставляемый", "фио наставляемого", "фио"], "category": ["категория"], "requests": ["запросы", "запрос"],
            "deficits": ["дефициты", "профессиональные дефициты"], "status": ["статус"],
        ],
        "pairs": [
            "mentor_id": ["наставник", "фио наставника"], "form": ["форма наставничества", "форма"], "kind": ["вид", "тип"],
            "started_on": ["дата начала", "начало"], "ended_on": ["дата окончания", "окончание"], "status": ["статус"],
            "result": ["результат"],
        ],
        "pair_mentees": ["pair_id": ["пара"], "mentee_id": ["наставляемый", "фио наставляемого"]],
        "plans": [
            "pair_id": ["пара"], "mentee_id": ["наставляемый", "фио наставляемого"], "title": ["название", "наименование"],
            "goals": ["цели"], "starts_on": ["дата начала", "начало"], "ends_on": ["дата окончания", "окончание"], "status": ["статус"],
        ],
        "meetings": [
            "pair_id": ["пара"], "kind": ["вид встречи", "вид", "тип"], "held_on": ["дата встречи", "дата"],
            "minutes": ["протокол", "содержание"], "notes": ["примечание", "примечания"],
        ],
        "events": [
            "code": ["код", "номер", "№"], "section": ["раздел"], "title": ["мероприятие", "название", "наименование"],
            "result": ["результат", "ожидаемый результат"], "starts_on": ["дата начала", "начало"], "ends_on": ["дата окончания", "окончание"],
            "schedule": ["сроки", "срок"], "responsible": ["ответственный", "ответственные"], "document": ["документ"],
            "status": ["статус"], "done_on": ["дата выполнения", "выполнено"], "kind": ["форма мероприятия", "вид"],
        ],
        "indicators": [
            "code": ["код"], "title": ["показатель", "название", "наименование"], "unit": ["единица измерения", "единица"],
            "target_value": ["целевое значение"], "target_text": ["цель", "целевой ориентир"], "formula": ["формула"],
        ],
        "indicator_values": ["indicator_id": ["показатель"], "period": ["период"], "value": ["значение"], "note": ["примечание"]],
        "practices": [
            "title": ["название", "наименование"], "form": ["форма"], "summary": ["описание", "краткое описание"],
            "link": ["ссылка"], "published_on": ["дата публикации"],
        ],
        "surveys": [
            "pair_id": ["пара"], "respondent": ["респондент"], "satisfaction": ["удовлетворённость", "оценка"],
            "answered_on": ["дата ответа", "дата"], "comment": ["комментарий"],
        ],
        "diagnostics": [
            "person_id": ["педагог", "фио"], "held_on": ["дата диагностики", "дата"], "level": ["уровень"],
            "tool": ["инструмент", "методика"], "deficits": ["дефициты", "профессиональные дефициты"],
        ],
        "trainings": [
            "person_id": ["педагог", "фио"], "course": ["курс", "программа"], "provider": ["организация", "кто проводил"],
            "topic": ["тема", "направление"], "hours": ["часы", "объём часов", "количество часов"],
            "federal_registry": ["федеральный реестр", "из федерального реестра"], "finished_on": ["дата окончания", "окончание"],
            "passed": ["прошёл", "пройден", "успешно"],
        ],
        "contest_entries": [
            "person_id": ["участник", "фио"], "contest": ["конкурс"], "level": ["уровень"], "year": ["год"], "result": ["результат"],
        ],
        "event_participants": [
            "event_id": ["мероприятие"], "person_id": ["участник", "фио"], "role": ["роль"],
        ],
    ]

    /// The column (`id`, `org_id` or a column of `table`) that a header cell names, or nil.
    public static func column(for header: String, table name: String, columns: [String]) -> String? {
        let key = normalize(header)
        for c in ["id", "org_id"] + columns where normalize(c) == key { return c }
        for c in ["id", "org_id"] where common[c]!.contains(where: { normalize($0) == key }) { return c }
        if let c = columns.first(where: { c in table[name]?[c]?.contains { normalize($0) == key } ?? false }) { return c }
        // A hint in brackets after the name, as templates write it: «Дата рождения (дд.мм.гггг)», «ФИО (полностью)».
        let bare = withoutBrackets(header)
        return bare != header && !bare.isEmpty ? column(for: bare, table: name, columns: columns) : nil
    }

    /// The text without what is in round brackets.
    static func withoutBrackets(_ s: String) -> String {
        var out = "", depth = 0
        for ch in s {
            if ch == "(" { depth += 1 } else if ch == ")" { depth = max(0, depth - 1) } else if depth == 0 { out.append(ch) }
        }
        return out.trimmingCharacters(in: .whitespaces)
    }

    /// The pair's mentees of a pairs list (the last column of its Excel file): linked to the new
    /// pairs an import adds (`PairMenteesCell`).
    static func isPairMentees(_ header: String, table: String) -> Bool {
        table == "pairs" && [Message.pairMenteesHeader.english, Message.pairMenteesHeader.russian].map(normalize).contains(normalize(header))
    }

    /// A persons list's years of experience («Педагогический стаж», «Стаж, лет»): the registry keeps
    /// the day it began («Педагогический стаж с»), which a number of years cannot say.
    static func isExperienceInYears(_ header: String, table: String) -> Bool {
        table == "persons" && normalize(header).contains("стаж")
    }

    /// A header of the line-number column lists keep («№», «№ п/п», «N», «#»): ignored on import.
    public static func isRowNumber(_ header: String) -> Bool {
        ["№", "№ п/п", "№п/п", "n", "n п/п", "п/п", "#", "номер", "номер п/п", "no"].contains(normalize(header))
    }

    /// The Russian header of a column, or nil when it has none.
    public static func russian(_ column: String, table name: String) -> String? {
        (common[column] ?? table[name]?[column])?.first.map(capitalized)
    }

    /// Lower case, `ё` as `е`, no dots, stars or colons (`Ф.И.О.*:`), single spaces.
    static func normalize(_ s: String) -> String {
        let t = s.lowercased().replacingOccurrences(of: "ё", with: "е").filter { !".*:".contains($0) }
        return t.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
    }

    static func capitalized(_ s: String) -> String {
        s == "фио" ? "ФИО" : s.prefix(1).uppercased() + s.dropFirst()
    }
}
