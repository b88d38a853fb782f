import MentorSyncEngine

/// The raw figures of one organization, as the report's queries find them; added up for the district.
struct ReportTally {
    struct Share {
        var numerator = 0
        var denominator = 0
        static func += (a: inout Share, b: Share) { a.numerator += b.numerator; a.denominator += b.denominator }
    }

    struct PairKey: Hashable { var form: String; var status: String }

    var shares: [IndicatorCode: Share] = [:]
    /// Pairs working during the period (status active or completed, dates overlapping it).
    var workingPairs = 0
    var activeMentors = 0
    var mentees = 0
    var pairs: [PairKey: Int] = [:]
    var meetings: [String: Int] = [:]
    var surveys: [String: (responses: Int, total: Int)] = [:]
    var incomplete = 0

    static func += (a: inout ReportTally, b: ReportTally) {
        for (code, share) in b.shares { a.shares[code, default: Share()] += share }
        a.workingPairs += b.workingPairs
        a.activeMentors += b.activeMentors
        a.mentees += b.mentees
        for (k, n) in b.pairs { a.pairs[k, default: 0] += n }
        for (k, n) in b.meetings { a.meetings[k, default: 0] += n }
        for (k, s) in b.surveys {
            let old = a.surveys[k] ?? (0, 0)
            a.surveys[k] = (old.responses + s.responses, old.total + s.total)
        }
        a.incomplete += b.incomplete
    }

    /// The counts of indicator 7, with every known enumeration value present (zeros included), in schema order.
    func counts() -> ReportCounts {
        var pairCounts: [PairCount] = []
        var seen = Set<PairKey>()
        for form in ReportVocabulary.pairForms {
            for status in ReportVocabulary.pairStatuses {
                let key = PairKey(form: form, status: status)
                seen.insert(key)
                pairCounts.append(PairCount(form: form, status: status, count: pairs[key] ?? 0))
            }
        }
        for key in pairs.keys.filter({ !seen.contains($0) }).sorted(by: { ($0.form, $0.status) < ($1.form, $1.status) }) {
            pairCounts.append(PairCount(form: key.form, status: key.status, count: pairs[key] ?? 0))
        }
        var meetingCounts = ReportVocabulary.meetingKinds.map { KindCount(kind: $0, count: meetings[$0] ?? 0) }
        for kind in meetings.keys.filter({ !ReportVocabulary.meetingKinds.contains($0) }).sorted() {
            meetingCounts.append(KindCount(kind: kind, count: meetings[kind] ?? 0))
        }
        var means = ReportVocabulary.respondents.map {
            SatisfactionMean(respondent: $0, responses: surveys[$0]?.responses ?? 0, total: surveys[$0]?.total ?? 0)
        }
        for r in surveys.keys.filter({ !ReportVocabulary.respondents.contains($0) }).sorted() {
            means.append(SatisfactionMean(respondent: r, responses: surveys[r]?.responses ?? 0, total: surveys[r]?.total ?? 0))
        }
        return ReportCounts(activeMentors: activeMentors, mentees: mentees, pairs: pairCounts,
                            meetings: meetingCounts, satisfaction: means)
    }
}

/// The enumeration values the counts are broken down by, in the schema's order, and their Russian labels.
public enum ReportVocabulary {
    public static let pairForms = values(RegistrySchema.pairs, "form")
    public static let pairStatuses = values(RegistrySchema.pairs, "status")
    public static let meetingKinds = values(RegistrySchema.meetings, "kind")
    static let formValues = Set(values(RegistrySchema.pairs, "form"))
    public static let respondents = values(RegistrySchema.surveys, "respondent")

    static func values(_ table: TableSchema, _ column: String) -> [String] {
        if case .enumeration(let v)? = table.column(named: column)?.kind { return v }
        return []
    }

    /// A short Russian label for an enumeration value (the value itself when none is known; "не указано" for "").
    public static func label(_ value: String) -> String {
        switch value {
        case "": return "не указано"
        // The forms as the forms and lists write them («учитель – учитель»), one word for one thing.
        case _ where formValues.contains(value): return EnumerationAliases.russian(value, column: "form", table: "pairs") ?? value
        case "forming": return "формируется"
        case "active": return "действует"
        case "completed": return "завершена"
        case "terminated": return "прекращена"
        case "introduction": return "знакомство"
        case "trial": return "пробная"
        case "planning": return "планирование"
        case "joint_work": return "совместная работа"
        case "final": return "итоговая"
        case "other": return "другая"
        case "mentor": return "наставники"
        case "mentee": return "наставляемые"
        default: return value
        }
    }
}
