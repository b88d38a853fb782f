import MentorSyncEngine

/// A pair's meetings and surveys come after the pair began: one dated before its start is refused
/// where it is entered (a form, `put`, a list) — a year typed wrong put a meeting of 2025 in 2024, and
/// the report counted it in the wrong year. A pair's start moved past a meeting or survey it already
/// has is refused the same way. A pair without a start date takes any date.
enum PairDates {
    /// The tables dated within a pair's life, and the column of their date.
    static let records = [("meetings", "held_on"), ("surveys", "answered_on")]

    static func check(_ table: TableSchema, database: Database, row: String?, touches: ([String]) -> Bool,
                      _ value: (String) throws -> DatabaseValue?) throws {
        if let (_, column) = records.first(where: { $0.0 == table.name }), touches(["pair_id", column]) {
            guard let pair = try value("pair_id")?.text, let day = try value(column)?.text, !pair.isEmpty, !day.isEmpty,
                  let start = try database.scalar("SELECT started_on FROM pairs WHERE id = ?", [.text(pair)])?.text,
                  !start.isEmpty, day < start else { return }
            let names = ReferenceResolver(database: database)
            throw MessageError(.datedBeforePair(table: table.name, column: column, day: day,
                                                pair: try names.labelOrShortID(pair, in: "pairs"), start: start))
        }
        if table.name == "pairs", let row, touches(["started_on"]), let start = try value("started_on")?.text, !start.isEmpty {
            for (records, column) in records {
                let c = SQL.identifier(column)
                guard let first = try database.scalar("SELECT min(\(c)) FROM \(SQL.identifier(records)) WHERE pair_id = ? AND \(c) <> ''",
                                                      [.text(row)])?.text, first < start else { continue }
                throw MessageError(.pairStartAfterRecord(table: records, column: column, day: first, start: start))
            }
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

    static func pairStartAfterRecord(table: String, column: String, day: String, start: String) -> Message {
        let what = tableTitle(table)
        return Message("registry.pair_start_after_record",
                       en: "the pair already has \(what.english.lowercased()) dated \(day), before the new start date \(start); check the date",
                       ru: "у пары уже есть запись в разделе «\(what.russian)» от \(RowNames.russianDate(day)) — раньше новой даты начала \(RowNames.russianDate(start)); проверьте дату")
    }
}
