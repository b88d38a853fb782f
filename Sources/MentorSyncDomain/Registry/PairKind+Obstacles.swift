import MentorSyncEngine

extension PairKind {
    /// One reason a pair cannot be given the kind «пара» yet: its meetings (`MeetingOrder`) or its mentees.
    enum Obstacle: Equatable {
        /// More than one «встреча-знакомство», on these days.
        case introductions(days: [String])
        /// A meeting of the roadmap dated before the introduction.
        case meetingBeforeIntroduction(kind: String, day: String, introduction: String)
        /// Several mentees, by name.
        case mentees([String])

        /// The refusal of a pair made a «пара»: one reason as it has always been said, several in one
        /// line, each with what to do (they were told one at a time, the next only once the first was put right).
        static func refusal(_ obstacles: [Obstacle], pair: String) -> Message {
            if obstacles.count == 1, let only = obstacles.first {
                switch only {
                case .introductions(let days): return .groupWithIntroductions(pair: pair, days: days)
                case .meetingBeforeIntroduction(let kind, let day, let introduction):
                    return .meetingBeforeIntroduction(kind: kind, day: day, introduction: introduction, pair: pair)
                case .mentees(let names): return .pairHasSeveralMentees(pair: pair, mentees: names)
                }
            }
            return .pairKindObstacles(pair: pair, obstacles)
        }
    }
}

extension Message {
    /// Every reason a pair cannot be given the kind «пара», in one line (`PairKind.Obstacle.refusal`).
    static func pairKindObstacles(pair: String, _ obstacles: [PairKind.Obstacle]) -> Message {
        let pairKind = valueTitle("pair", column: "kind", table: "pairs"), groupKind = valueTitle("group", column: "kind", table: "pairs")
        let first = valueTitle("introduction", column: "kind", table: "meetings")
        var en: [(reason: String, fix: String)] = [], ru: [(reason: String, fix: String)] = []
        for o in obstacles {
            switch o {
            case .introductions(let days):
                en.append(("it has \(days.count) meetings “\(first.english)” (\(days.joined(separator: ", "))), and a pair has one",
                           "delete the extra meetings “\(first.english)”"))
                ru.append(("встреч «\(first.russian)»: \(days.count) (\(days.map(RowNames.russianDate).joined(separator: ", "))), а у пары она одна",
                           "удалите лишние встречи-знакомства"))
            case .meetingBeforeIntroduction(let kind, let day, let introduction):
                let word = valueTitle(kind, column: "kind", table: "meetings")
                en.append(("its “\(word.english)” (\(day)) comes before its “\(first.english)” (\(introduction))",
                           "fix the date or the kind of the “\(word.english)”"))
                ru.append(("«\(word.russian)» (\(RowNames.russianDate(day))) раньше встречи-знакомства (\(RowNames.russianDate(introduction)))",
                           "исправьте дату или вид встречи «\(word.russian)»"))
            case .mentees(let names):
                en.append(("it has \(names.count) mentees (\(names.joined(separator: ", "))), and a pair has one", "take the other mentees out of it"))
                ru.append(("наставляемых: \(names.count) (\(names.joined(separator: ", "))), а у пары он один", "уберите из неё лишних наставляемых"))
            }
        }
        func numbered(_ reasons: [String]) -> String { reasons.enumerated().map { "\($0.offset + 1)) \($0.element)" }.joined(separator: "; ") }
        func joined(_ fixes: [String], _ and: String) -> String {
            fixes.count < 2 ? fixes.joined() : fixes.dropLast().joined(separator: ", ") + " \(and) " + fixes.last!
        }
        return Message("registry.pair_kind_obstacles",
                       en: "the pair “\(pair)” cannot be given the kind “\(pairKind.english)”: \(numbered(en.map(\.reason))) — keep the kind “\(groupKind.english)”, or first \(joined(en.map(\.fix), "and"))",
                       ru: "паре «\(pair)» нельзя дать вид «\(pairKind.russian)»: \(numbered(ru.map(\.reason))) — оставьте вид «\(groupKind.russian)» или сначала \(joined(ru.map(\.fix), "и"))")
    }
}
