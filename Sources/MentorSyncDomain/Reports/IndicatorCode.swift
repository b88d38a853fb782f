/// The effectiveness indicators of DOMAIN.md ("Indicators the district computes", items 1–6).
///
/// The raw value is the `code` a row of the `indicators` table uses to set the target of that
/// indicator: a row with `code = 'teachers_under_35'` and `target_value = 90` makes 90% the target
/// of indicator 1. Without such a row (or with an empty `target_value`) the target of the source
/// document is used (`defaultTarget`).
public enum IndicatorCode: String, CaseIterable, Codable, Sendable {
    /// 1. Teachers under 35 (on the first day of the period) who take part in mentoring.
    case teachersUnder35 = "teachers_under_35"
    /// 2. Teachers with less than 3 years of teaching (`teaching_since`) who take part in mentoring.
    case teachersUnder3Years = "teachers_under_3_years"
    /// 3. Pupils (`role = 'student'`) who take part in mentoring.
    case studentsInMentoring = "students_in_mentoring"
    /// 4. Young specialists (mentees of category `young_specialist`) who did not leave during the period.
    case youngSpecialistsRetained = "young_specialists_retained"
    /// 5a. Mentees of the period who have an individual plan (ИОМ).
    case menteesWithPlan = "mentees_with_plan"
    /// 5b. Plans of the period that are done.
    case plansDone = "plans_done"
    /// 6. Schools with at least one pair working during the period.
    case schoolsWithActivePair = "schools_with_active_pair"

    /// The number DOMAIN.md gives the indicator.
    public var number: String {
        switch self {
        case .teachersUnder35: return "1"
        case .teachersUnder3Years: return "2"
        case .studentsInMentoring: return "3"
        case .youngSpecialistsRetained: return "4"
        case .menteesWithPlan: return "5а"
        case .plansDone: return "5б"
        case .schoolsWithActivePair: return "6"
        }
    }

    /// The indicator's name as a methodologist reads it.
    public var title: String {
        switch self {
        case .teachersUnder35: return "Доля педагогов в возрасте до 35 лет, вовлечённых в наставничество"
        case .teachersUnder3Years: return "Доля педагогов со стажем менее 3 лет, вовлечённых в наставничество"
        case .studentsInMentoring: return "Доля обучающихся, вовлечённых в наставничество"
        case .youngSpecialistsRetained: return "Доля молодых специалистов, закрепившихся в ОО"
        case .menteesWithPlan: return "Доля наставляемых, для которых разработан ИОМ"
        case .plansDone: return "Доля успешно реализованных ИОМ"
        case .schoolsWithActivePair: return "Доля школ, реализующих целевую модель наставничества (есть действующая пара)"
        }
    }

    /// Where the indicator and its target come from (../shared/seeds).
    public var source: String {
        switch self {
        case .teachersUnder35: return "Дубна, показатель 1"
        case .teachersUnder3Years: return "ДДТ, цель: не менее 30%"
        case .studentsInMentoring: return "ДДТ, цель: не менее 70%"
        case .youngSpecialistsRetained: return "Дубна, показатель 3"
        case .menteesWithPlan: return "Дубна, показатель 5 (не менее 60%)"
        case .plansDone: return "Дубна, показатель 5 (80%)"
        case .schoolsWithActivePair: return "Дубна, показатель 9"
        }
    }

    /// The target (percent) the source document gives.
    public var defaultTarget: Double {
        switch self {
        case .teachersUnder35: return 100
        case .teachersUnder3Years: return 30
        case .studentsInMentoring: return 70
        case .youngSpecialistsRetained: return 85
        case .menteesWithPlan: return 60
        case .plansDone: return 80
        case .schoolsWithActivePair: return 100
        }
    }
}
