import Foundation
import MentorSyncEngine

/// A «пара»'s meetings follow the roadmap (Gelendzhik 3.5): the introduction comes first, once. A
/// second «встреча-знакомство», or a trial, planning, joint or final meeting dated before the pair's
/// introduction, is a slip of the list of kinds or of the date, refused where it is entered (a
/// form, `put`, a list). A group greets a mentee who joins later, so it is not held to it; a meeting
/// of the kind «другое» neither.
enum MeetingOrder {
    static let afterIntroduction: Set<String> = ["trial", "planning", "joint_work", "final"]

    static func check(_ table: TableSchema, database: Database, row: String?, touches: ([String]) -> Bool,
                      _ value: (String) throws -> DatabaseValue?) throws {
        guard table.name == "meetings", touches(["pair_id", "kind", "held_on"]), let kind = try value("kind")?.text,
              let pair = try value("pair_id")?.text, !pair.isEmpty,
              try database.scalar("SELECT kind FROM pairs WHERE id = ?", [.text(pair)])?.text != "group" else { return }
        let day = try value("held_on")?.text ?? ""
        let names = ReferenceResolver(database: database)
        if kind == "introduction" {
            if let other = try database.rows("SELECT held_on FROM meetings WHERE pair_id = ? AND kind = 'introduction' AND id <> ?",
                                             [.text(pair), .text(row ?? "")]).first {
                throw MessageError(.secondMeetingOfKind(kind, pair: try names.labelOrShortID(pair, in: "pairs"), day: other[0].text ?? ""))
            }
            guard !day.isEmpty, let earlier = try firstMeetingOfTheRoadmap(of: pair, before: day, besides: row, database) else { return }
            throw MessageError(.meetingBeforeIntroduction(kind: earlier.kind, day: earlier.day, introduction: day,
                                                          pair: try names.labelOrShortID(pair, in: "pairs")))
        }
        guard afterIntroduction.contains(kind), !day.isEmpty,
              let introduction = try database.scalar("SELECT min(held_on) FROM meetings WHERE pair_id = ? AND kind = 'introduction' AND id <> ? AND held_on <> ''",
                                                     [.text(pair), .text(row ?? "")])?.text, day < introduction else { return }
        throw MessageError(.meetingBeforeIntroduction(kind: kind, day: day, introduction: introduction, pair: try names.labelOrShortID(pair, in: "pairs")))
    }

    /// What of a group's meetings stands in the way of making it a «пара» (one introduction, nothing
    /// of the roadmap before it): `PairKind` tells it with whatever else does.
    static func obstaclesToAPair(_ pair: String, database: Database) throws -> [PairKind.Obstacle] {
        let introductions = try database.rows("SELECT held_on FROM meetings WHERE pair_id = ? AND kind = 'introduction' ORDER BY held_on",
                                              [.text(pair)]).map { $0[0].text ?? "" }
        var obstacles: [PairKind.Obstacle] = []
        if introductions.count > 1 { obstacles.append(.introductions(days: introductions)) }
        if let introduction = introductions.first, !introduction.isEmpty,
           let earlier = try firstMeetingOfTheRoadmap(of: pair, before: introduction, besides: nil, database) {
            obstacles.append(.meetingBeforeIntroduction(kind: earlier.kind, day: earlier.day, introduction: introduction))
        }
        return obstacles
    }

    /// The pair's earliest trial, planning, joint or final meeting dated before `day` (other than
    /// the meeting `besides`, the one being entered).
    private static func firstMeetingOfTheRoadmap(of pair: String, before day: String, besides: String?,
                                                 _ database: Database) throws -> (kind: String, day: String)? {
        let kinds = afterIntroduction.sorted()
        let r = try database.rows("""
            SELECT kind, held_on FROM meetings WHERE pair_id = ? AND id <> ? AND held_on <> '' AND held_on < ?
              AND kind IN (\(kinds.map { _ in "?" }.joined(separator: ", "))) ORDER BY held_on LIMIT 1
            """, [.text(pair), .text(besides ?? ""), .text(day)] + kinds.map { .text($0) }).first
        return r.map { ($0[0].text ?? "", $0[1].text ?? "") }
    }
}

extension Message {
    static func groupWithIntroductions(pair: String, days: [String]) -> Message {
        let first = valueTitle("introduction", column: "kind", table: "meetings"), pairKind = valueTitle("pair", column: "kind", table: "pairs"),
            groupKind = valueTitle("group", column: "kind", table: "pairs")
        return Message("registry.group_with_introductions",
                       en: "the pair “\(pair)” has \(days.count) meetings “\(first.english)” (\(days.joined(separator: ", "))) and a “\(pairKind.english)” has one: keep the kind “\(groupKind.english)”, or delete the extra meetings first",
                       ru: "у пары «\(pair)» встреч «\(first.russian)»: \(days.count) (\(days.map(RowNames.russianDate).joined(separator: ", "))), а у вида «\(pairKind.russian)» она одна: оставьте вид «\(groupKind.russian)» или сначала удалите лишние встречи")
    }

    static func secondMeetingOfKind(_ kind: String, pair: String, day: String) -> Message {
        let word = valueTitle(kind, column: "kind", table: "meetings")
        let on = day.isEmpty ? "" : " (\(RowNames.russianDate(day)))"
        return Message("registry.second_meeting_of_kind",
                       en: "the pair “\(pair)” has its “\(word.english)” already\(day.isEmpty ? "" : " (\(day))"); choose another kind of meeting, or open that one",
                       ru: "у пары «\(pair)» уже есть «\(word.russian)»\(on); выберите другой вид встречи или откройте ту запись")
    }

    static func meetingBeforeIntroduction(kind: String, day: String, introduction: String, pair: String) -> Message {
        let word = valueTitle(kind, column: "kind", table: "meetings"), first = valueTitle("introduction", column: "kind", table: "meetings")
        return Message("registry.meeting_before_introduction",
                       en: "the pair “\(pair)” would have its “\(word.english)” (\(day)) before its “\(first.english)” (\(introduction)); the introduction comes first: check the date or the kind",
                       ru: "у пары «\(pair)» «\(word.russian)» (\(RowNames.russianDate(day))) оказалась бы раньше встречи-знакомства (\(RowNames.russianDate(introduction))); знакомство — первая встреча: проверьте дату или вид встречи")
    }
}
