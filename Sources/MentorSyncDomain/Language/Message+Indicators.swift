/// The names of the report's indicators and where they come from. The report itself is Russian
/// always (DESIGN.md, "People's language and names"); the English is for whoever reads the code,
/// the JSON or a translation.
extension Message {
    public static func indicatorTitle(_ code: IndicatorCode) -> Message {
        let key = "indicator.\(code.rawValue).title"
        switch code {
        case .teachersUnder35:
            return Message(key, en: "Teachers under 35 taking part in mentoring",
                           ru: "Доля педагогов в возрасте до 35 лет, вовлечённых в наставничество")
        case .teachersUnder3Years:
            return Message(key, en: "Teachers with less than 3 years of teaching taking part in mentoring",
                           ru: "Доля педагогов со стажем менее 3 лет, вовлечённых в наставничество")
        case .studentsInMentoring:
            return Message(key, en: "Pupils taking part in mentoring", ru: "Доля обучающихся, вовлечённых в наставничество")
        case .youngSpecialistsRetained:
            return Message(key, en: "Young specialists who stayed in their school", ru: "Доля молодых специалистов, закрепившихся в ОО")
        case .menteesWithPlan:
            return Message(key, en: "Mentees with an individual plan", ru: "Доля наставляемых, для которых разработан ИОМ")
        case .plansDone:
            return Message(key, en: "Individual plans carried out", ru: "Доля успешно реализованных ИОМ")
        case .schoolsWithActivePair:
            // A pair that worked in the year counts, a pair completed in May among them: the title says so.
            return Message(key, en: "Schools running the mentoring model (a pair that worked in the school year)",
                           ru: "Доля школ, реализующих целевую модель наставничества (есть пара, работавшая в учебном году)")
        case .staffDiagnosed:
            return Message(key, en: "Teachers and managers diagnosed for professional deficits",
                           ru: "Доля педагогов и управленческих кадров, прошедших диагностику профессиональных дефицитов")
        case .diagnosedBasicOrAbove:
            return Message(key, en: "Of those diagnosed: level high, elevated or basic",
                           ru: "Из прошедших диагностику: высокий, повышенный или базовый уровень")
        case .teachersFederalCourse:
            return Message(key, en: "Teachers who passed a course of the federal register",
                           ru: "Доля педагогов, освоивших программы ДПО из федерального реестра")
        case .teachersInContests:
            return Message(key, en: "Teachers taking part in professional contests",
                           ru: "Количество педагогов, участвующих в конкурсах профессионального мастерства")
        case .staffTrainedOnTalents:
            return Message(key, en: "Teachers and managers trained on finding and supporting gifted children",
                           ru: "Доля педагогов, прошедших подготовку по выявлению и развитию талантов у детей")
        case .staffInPracticeSharing:
            return Message(key, en: "Teachers and managers in events spreading mentoring practice",
                           ru: "Доля педагогов, участвовавших в распространении лучших практик наставничества")
        case .staffInProfessionalEvents:
            return Message(key, en: "Teachers and managers in consultations, round tables, master classes, seminars",
                           ru: "Доля педагогов, участвовавших в консультациях, круглых столах, мастер-классах, семинарах")
        }
    }

    /// Where an indicator's target comes from when the district set none: the roadmaps the registry
    /// was made from (DOMAIN.md), named so a reader of another town sees they are examples.
    public static func indicatorSource(_ code: IndicatorCode) -> Message {
        let key = "indicator.\(code.rawValue).source"
        func dubna(_ n: String, _ en: String, _ ru: String) -> Message {
            Message(key, en: "after Dubna's roadmap, indicator \(n)\(en.isEmpty ? "" : ": \(en)")", ru: "по образцу г. Дубны, показатель \(n)\(ru.isEmpty ? "" : ": \(ru)")")
        }
        func ddt(_ en: String, _ ru: String) -> Message {
            Message(key, en: "after a children's creativity centre's roadmap: \(en)", ru: "по образцу дома детского творчества: \(ru)")
        }
        switch code {
        case .teachersUnder35: return dubna("1", "", "")
        case .teachersUnder3Years: return ddt("at least 30%", "не менее 30%")
        case .studentsInMentoring: return ddt("at least 70%", "не менее 70%")
        case .youngSpecialistsRetained: return dubna("3", "", "")
        case .menteesWithPlan: return dubna("5", "at least 60%", "не менее 60%")
        case .plansDone: return dubna("5", "80%", "80%")
        case .schoolsWithActivePair: return dubna("9", "", "")
        case .staffDiagnosed: return dubna("4", "no target there", "цели там нет")
        case .diagnosedBasicOrAbove: return dubna("4", "at least 60%", "не менее 60%")
        case .teachersFederalCourse: return dubna("6", "6% a year", "6% в год")
        case .teachersInContests: return dubna("7", "at least 1", "не менее 1 участника")
        case .staffTrainedOnTalents: return dubna("12", "10%", "10%")
        case .staffInPracticeSharing: return dubna("13", "85%", "85%")
        case .staffInProfessionalEvents: return dubna("14", "80%", "80%")
        }
    }

    /// The rules of indicators 8–12, in words, for the report's notes.
    public static let indicatorNotesStaff = Message("indicator.notes.staff",
        en: "8–12: present teachers and managers (role teacher or manager; 9 and 10: teachers only), each counted once in their own school, whatever school ran the event or course.",
        ru: "8–12: педагоги и управленческие кадры (роль «учитель» или «руководитель»; в 9 и 10 — только педагоги), не выбывшие до периода; каждый считается один раз в своей ОО, где бы ни проходили мероприятие или курс.")

    public static let indicatorNotesDiagnostics = Message("indicator.notes.diagnostics",
        en: "8a: a diagnostic held (held_on) within the period. 8b: among them, the last diagnostic of the period is at level high, elevated or basic.",
        ru: "8а: диагностика проведена в периоде (по дате проведения). 8б: из них — последняя диагностика периода на высоком, повышенном или базовом уровне.")

    public static let indicatorNotesTrainings = Message("indicator.notes.trainings",
        en: "9: a course of the federal register (federal_registry = 1) passed (passed = 1) and finished within the period. 11: a course on talents (topic talents) passed and finished by the end of the period.",
        ru: "9: курс из федерального реестра, успешно завершённый в периоде (по дате окончания). 11: курс по теме «таланты», успешно завершённый не позже конца периода.")

    public static func indicatorNotesContests(year: Int) -> Message {
        Message("indicator.notes.contests",
                en: "10: a count of teachers with an entry in contest_entries of the year the school year ends in (\(year)); the target is at least 1 participant.",
                ru: "10: число педагогов, участвовавших в конкурсах профессионального мастерства года окончания учебного года (\(year)); цель — не менее 1 участника.")
    }

    private static func kind(_ v: String) -> String { valueTitle(v, column: "kind", table: "events").text(.ru) }

    public static let indicatorNotesEvents = Message("indicator.notes.events",
        en: "12a: took part (event_participants, any role) in an event of kind practice_sharing held within the period (starts_on … ends_on, or done_on), not cancelled. 12b: likewise, kinds consultation, round_table, master_class, seminar.",
        ru: "12а: участие (в любой роли) в мероприятии вида «\(kind("practice_sharing"))», прошедшем в периоде (по датам проведения или дате выполнения), не отменённом. 12б: то же, виды «\(kind("consultation"))», «\(kind("round_table"))», «\(kind("master_class"))», «\(kind("seminar"))».")
}
