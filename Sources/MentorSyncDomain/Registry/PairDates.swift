import Foundation
import MentorSyncEngine

/// A pair's meetings fall within its life: one dated before the pair began or after it ended is
/// refused where it is entered (a form, `put`, a list) — a year typed wrong put a meeting of 2025 in
/// 2024, and the report counted it in the wrong year. A pair's start or end moved past a meeting it
/// already has is refused the same way. Surveys are not held to it (a questionnaire may be answered
/// before the pair is formed, or after it ends); a pair without its dates takes any.
enum PairDates {
    /// The tables dated within a pair's life, and the column of their date.
    static let records = [("meetings", "held_on"), ("plans", "starts_on")]

    static func check(_ table: TableSchema, database: Database, row: String?, touches: ([String]) -> Bool,
                      _ value: (String) throws -> DatabaseValue?) throws {
        if let (_, column) = records.first(where: { $0.0 == table.name }), touches(["pair_id", column]) {
            // (A day more than a year ahead is a year typed wrong: `DaysAhead`, checked before.)
            guard let pair = try value("pair_id")?.text, let day = try value(column)?.text, !pair.isEmpty, !day.isEmpty,
                  let span = try database.rows("SELECT started_on, ended_on FROM pairs WHERE id = ?", [.text(pair)]).first else { return }
            let names = ReferenceResolver(database: database)
            if let start = span[0].text, !start.isEmpty, day < start {
                throw MessageError(.datedBeforePair(table: table.name, column: column, day: day,
                                                    pair: try names.labelOrShortID(pair, in: "pairs"), start: start))
            }
            // A meeting after the pair ended (a survey may be answered after its last day).
            if table.name == "meetings", let end = span[1].text, !end.isEmpty, day > end {
                throw MessageError(.meetingAfterPair(day: day, pair: try names.labelOrShortID(pair, in: "pairs"), end: end))
            }
        }
        // A pair marked closed ends on a day that has come: closed in December with a May end date, it
        // was counted in this year's report as done.
        if table.name == "pairs", touches(["status", "ended_on"]), let status = try value("status")?.text, ["completed", "terminated"].contains(status),
           let end = try value("ended_on")?.text, !end.isEmpty, end > RegistryDay.of(Date()) {
            throw MessageError(.pairClosedBeforeItsEnd(status: status, end: end))
        }
        if table.name == "pairs", let row, touches(["started_on"]), let start = try value("started_on")?.text, !start.isEmpty {
            for (records, column) in records {
                let c = SQL.identifier(column)
                guard let first = try database.scalar("SELECT min(\(c)) FROM \(SQL.identifier(records)) WHERE pair_id = ? AND \(c) <> ''",
                                                      [.text(row)])?.text, first < start else { continue }
                throw MessageError(.pairStartAfterRecord(table: records, column: column, day: first, start: start))
            }
        }
        if table.name == "pairs", let row, touches(["ended_on"]), let end = try value("ended_on")?.text, !end.isEmpty,
           let last = try database.scalar("SELECT max(held_on) FROM meetings WHERE pair_id = ? AND held_on <> ''", [.text(row)])?.text, last > end {
            throw MessageError(.pairEndBeforeMeeting(day: last, end: end))
        }
    }
}

extension Message {
    static func datedBeforePair(table: String, column: String, day: String, pair: String, start: String) -> Message {
        let what = columnTitle(column, table: table)
        return Message("registry.dated_before_pair",
                       en: "“\(what.english)” (\(column)) \(day) is before the pair “\(pair)” began (\(start)); check the date, or correct the pair’s start date first",
                       ru: "«\(what.russian)» \(RowNames.russianDate(day)) раньше начала пары «\(pair)» (\(RowNames.russianDate(start))); проверьте дату или сначала исправьте дату начала пары")
    }

    static func pairClosedBeforeItsEnd(status: String, end: String) -> Message {
        let word = valueTitle(status, column: "status", table: "pairs")
        return Message("registry.pair_closed_before_end",
                       en: "the pair is marked “\(word.english)”, but its end date \(end) has not come yet; check the date, or leave the pair active until then",
                       ru: "пара отмечена как «\(word.russian)», а дата окончания \(RowNames.russianDate(end)) ещё не наступила; проверьте дату или оставьте пару действующей до этого дня")
    }

    static func meetingAfterPair(day: String, pair: String, end: String) -> Message {
        Message("registry.meeting_after_pair",
                en: "the meeting's date \(day) is after the pair “\(pair)” ended (\(end)); check the date, or correct the pair’s end date first",
                ru: "«Дата встречи» \(RowNames.russianDate(day)) позже окончания пары «\(pair)» (\(RowNames.russianDate(end))); проверьте дату или сначала исправьте дату окончания пары")
    }

    static func pairEndBeforeMeeting(day: String, end: String) -> Message {
        Message("registry.pair_end_before_meeting",
                en: "the pair already has a meeting on \(day), after the new end date \(end); check the date",
                ru: "у пары уже есть встреча \(RowNames.russianDate(day)) — позже новой даты окончания \(RowNames.russianDate(end)); проверьте дату")
    }

    static func pairStartAfterRecord(table: String, column: String, day: String, start: String) -> Message {
        let what = tableTitle(table)
        return Message("registry.pair_start_after_record",
                       en: "the pair already has \(what.english.lowercased()) dated \(day), before the new start date \(start); check the date",
                       ru: "у пары уже есть запись в разделе «\(what.russian)» от \(RowNames.russianDate(day)) — раньше новой даты начала \(RowNames.russianDate(start)); проверьте дату")
    }
}
