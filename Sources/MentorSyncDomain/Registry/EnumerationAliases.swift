/// The Russian words people write for the values of each enumeration (`учитель` for `teacher`,
/// `учитель – учитель` for `teacher-teacher`), one table per column. The first word of each value
/// is the one exports and listings print; every word listed is taken on entry, as is the value itself.
public enum EnumerationAliases {
    static let table: [String: [String: [String]]] = [
        "organizations.kind": [
            "school": ["школа", "оо", "общеобразовательная организация", "сош", "оош"],
            "preschool": ["детский сад", "доу", "дошкольная организация"],
            "additional": ["дополнительное образование", "удо", "организация дополнительного образования"],
            "college": ["колледж", "техникум", "спо"],
            "district": ["район", "муниципалитет", "управление образования"],
        ],
        "persons.role": [
            "teacher": ["учитель", "педагог", "преподаватель", "учительница", "преподавательница"],
            "student": ["ученик", "обучающийся", "учащийся", "ученица", "обучающаяся"],
            "methodologist": ["методист"],
            "manager": ["руководитель", "администрация", "директор", "завуч", "заместитель директора"],
            "external": ["внешний", "работодатель", "представитель работодателя", "партнёр"],
        ],
        "mentors.status": [
            // A mentor is a man or a woman: «активна», «выбыла» as a list of women mentors says it.
            "candidate": ["кандидат"],
            "active": ["активный", "активен", "действующий", "активна", "активная", "действующая"],
            "inactive": ["неактивный", "не активен", "выбыл", "неактивна", "не активна", "неактивная", "выбыла", "выбыл(а)"],
        ],
        "mentees.category": [
            // As the programmes write them: «молодого педагога», «вновь прибывших педагогов».
            "young_specialist": ["молодой специалист", "молодой педагог", "молодой учитель"],
            "new_arrival": ["новый сотрудник", "вновь прибывший", "новичок", "вновь прибывший педагог", "вновь принятый", "вновь принятый педагог", "новый педагог"],
            "struggling": ["испытывающий трудности", "с трудностями", "испытывающая трудности"],
            "student": ["ученик", "обучающийся", "учащийся"],
            "reserve": ["резерв", "кадровый резерв"],
        ],
        "mentees.status": [
            "waiting": ["ожидает", "в ожидании", "ждёт"],
            "in_pair": ["в паре", "закреплён(а)", "закреплён", "закреплена", "закреплён за наставником", "закреплена за наставником"],
            // A mentee is a man or a woman: the word printed says both, as forms do.
            "completed": ["завершил(а)", "завершил", "завершила", "завершено", "завершён"],
            "left": ["выбыл(а)", "выбыл", "выбыла", "ушёл", "ушла"],
        ],
        "pairs.form": [
            "teacher-teacher": ["учитель – учитель", "педагог – педагог"],
            "student-student": ["ученик – ученик", "обучающийся – обучающийся"],
            "teacher-student": ["учитель – ученик", "педагог – обучающийся"],
            "employer-student": ["работодатель – ученик", "работодатель – обучающийся"],
            "studentmentor-student": ["студент – ученик", "студент – обучающийся"],
            "methodist-teacher": ["методист – учитель", "методист – педагог"],
        ],
        "pairs.kind": ["pair": ["пара"], "group": ["группа"]],
        "pairs.status": [
            "forming": ["формируется", "формирование"],
            "active": ["действует", "активна", "активная"],
            "completed": ["завершена", "завершено", "завершённая"],
            "terminated": ["прекращена", "расторгнута", "прекращено"],
        ],
        "plans.status": [
            "draft": ["черновик", "проект"],
            "active": ["действует", "в работе", "активный"],
            "done": ["выполнен", "выполнено"],
            "failed": ["не выполнен", "не выполнено"],
        ],
        "meetings.kind": [
            "introduction": ["встреча-знакомство", "знакомство"],
            "trial": ["пробная встреча", "пробная"],
            "planning": ["встреча-планирование", "планирование"],
            "joint_work": ["совместная работа"],
            "final": ["итоговая встреча", "итоговая"],
            "other": ["другое", "прочее"],
        ],
        "events.status": [
            "planned": ["запланировано", "план"],
            "in_progress": ["в работе", "выполняется"],
            "done": ["выполнено", "проведено"],
            "cancelled": ["отменено"],
        ],
        "events.kind": [
            "meeting": ["встреча", "совещание"], "seminar": ["семинар", "вебинар"],
            "master_class": ["мастер-класс"], "round_table": ["круглый стол"], "consultation": ["консультация"],
            "contest": ["конкурс"], "practice_sharing": ["трансляция практик", "обмен опытом", "распространение практик"],
            "other": ["другое", "прочее"],
        ],
        "diagnostics.level": [
            "high": ["высокий"], "elevated": ["повышенный"], "basic": ["базовый"], "low": ["низкий"],
            "unacceptable": ["недопустимый"],
        ],
        "trainings.topic": [
            "mentoring": ["наставничество"], "deficits": ["профессиональные дефициты", "дефициты"],
            "talents": ["одарённые дети", "работа с одарёнными детьми", "таланты"], "other": ["другое", "прочее"],
        ],
        "contest_entries.level": [
            "school": ["школьный"], "municipal": ["муниципальный"], "regional": ["региональный"], "federal": ["федеральный", "всероссийский"],
        ],
        "event_participants.role": ["participant": ["участник"], "speaker": ["выступающий", "докладчик"], "organizer": ["организатор"]],
        "indicators.unit": ["percent": ["процент", "%"], "count": ["количество", "число"]],
        "surveys.respondent": ["mentor": ["наставник"], "mentee": ["наставляемый", "наставляемая"]],
    ]

    /// The value of `values` that `text` names (the value itself, or one of its Russian words), or nil.
    public static func value(_ text: String, column: String, table name: String, values: [String]) -> String? {
        let key = normalize(text)
        if let v = values.first(where: { normalize($0) == key }) { return v }
        guard let words = table["\(name).\(column)"] else { return nil }
        return values.first { v in words[v]?.contains { normalize($0) == key } ?? false }
    }

    /// The Russian word for `value`, or nil when there is none.
    public static func russian(_ value: String, column: String, table name: String) -> String? {
        table["\(name).\(column)"]?[value]?.first
    }

    /// Each value with its Russian word, as an error message lists them.
    public static func listed(_ values: [String], column: String, table name: String) -> [(value: String, russian: String?)] {
        values.map { v in (v, russian(v, column: column, table: name)) }
    }

    /// Lower case, `ё` as `е`, any dash as `-` with no spaces around it, `_` as a space, single spaces.
    static func normalize(_ s: String) -> String {
        var t = s.lowercased().replacingOccurrences(of: "ё", with: "е").replacingOccurrences(of: "_", with: " ")
        for dash in ["–", "—", "‑", "−"] { t = t.replacingOccurrences(of: dash, with: "-") }
        let words = t.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        return words.replacingOccurrences(of: " -", with: "-").replacingOccurrences(of: "- ", with: "-")
    }
}
