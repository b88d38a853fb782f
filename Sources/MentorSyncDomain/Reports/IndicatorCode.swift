/// The effectiveness indicators of DOMAIN.md ("Indicators the district computes", items 1–6 and,
/// from registry schema 2, items 8–12).
///
/// The raw value is the `code` a row of the `indicators` table uses to set the target of that
/// indicator: a row with `code = 'teachers_under_35'` and `target_value = 90` makes 90% the target
/// of indicator 1. Without such a row (or with an empty `target_value`) the target of the source
/// document is used (`defaultTarget`). Titles and sources are in the message catalogue
/// (Message+Indicators.swift); the report shows them in Russian (DESIGN.md: the report is Russian always).
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
    /// 8a. Teachers and managers with a diagnostic of professional deficits held during the period.
    case staffDiagnosed = "staff_diagnosed"
    /// 8b. Of those, the ones whose last diagnostic of the period is at level high, elevated or basic.
    case diagnosedBasicOrAbove = "diagnosed_basic_or_above"
    /// 9. Teachers who passed a course of the federal register finished during the period.
    case teachersFederalCourse = "teachers_federal_course"
    /// 10. Teachers who took part in a professional contest of the period (a count).
    case teachersInContests = "teachers_in_contests"
    /// 11. Teachers and managers who passed a course on gifted children (topic `talents`).
    case staffTrainedOnTalents = "staff_trained_on_talents"
    /// 12a. Teachers and managers who took part in a practice-sharing event of the period.
    case staffInPracticeSharing = "staff_in_practice_sharing"
    /// 12b. Teachers and managers who took part in a consultation, round table, master class or seminar of the period.
    case staffInProfessionalEvents = "staff_in_professional_events"

    /// Whether the indicator is a share (percent) or a number of people (count).
    public enum Unit: String, Codable, Sendable { case percent, count }

    public var unit: Unit { self == .teachersInContests ? .count : .percent }

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
        case .staffDiagnosed: return "8а"
        case .diagnosedBasicOrAbove: return "8б"
        case .teachersFederalCourse: return "9"
        case .teachersInContests: return "10"
        case .staffTrainedOnTalents: return "11"
        case .staffInPracticeSharing: return "12а"
        case .staffInProfessionalEvents: return "12б"
        }
    }

    /// Whether the indicator comes before item 7 of DOMAIN.md, the counts (mentors, mentees, pairs,
    /// meetings, satisfaction), which have no code: every form of the report puts them between 6 and 8а,
    /// in the order of the numbers.
    public var precedesCounts: Bool { (Int(number.prefix(while: \.isNumber)) ?? 0) < 7 }

    /// The indicator's name as a methodologist reads it (Russian, as the whole report).
    public var title: String { Message.indicatorTitle(self).text(.ru) }

    /// Where the indicator and its target come from (../shared/seeds), in Russian.
    public var source: String { Message.indicatorSource(self).text(.ru) }

    /// The target the source document gives (percent, or a number of people for a count); nil when it gives none.
    public var defaultTarget: Double? {
        switch self {
        case .teachersUnder35: return 100
        case .teachersUnder3Years: return 30
        case .studentsInMentoring: return 70
        case .youngSpecialistsRetained: return 85
        case .menteesWithPlan: return 60
        case .plansDone: return 80
        case .schoolsWithActivePair: return 100
        case .staffDiagnosed: return nil
        case .diagnosedBasicOrAbove: return 60
        case .teachersFederalCourse: return 6
        case .teachersInContests: return 1
        case .staffTrainedOnTalents: return 10
        case .staffInPracticeSharing: return 85
        case .staffInProfessionalEvents: return 80
        }
    }

    /// Whether registry schema 2 brought the tables this indicator is computed from.
    public var needsSchema2: Bool {
        switch self {
        case .staffDiagnosed, .diagnosedBasicOrAbove, .teachersFederalCourse, .teachersInContests,
             .staffTrainedOnTalents, .staffInPracticeSharing, .staffInProfessionalEvents: return true
        default: return false
        }
    }
}
