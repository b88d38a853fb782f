import MentorSyncEngine

/// Dates that bound a span — a pair's start and end, a plan's or an event's, a person's hiring and
/// leaving: the end is not before the start. Checked where an entry is made (`put`, a form, a list
/// imported): a plan ending months before it began was taken and counted as due.
enum DateOrder {
    static let spans = [("started_on", "ended_on"), ("starts_on", "ends_on"), ("hired_on", "left_on")]
    static let columns = Set(spans.flatMap { [$0.0, $0.1] })

    /// Throws for the first span of `table` whose end, as `value` gives the row's dates, is before its start.
    static func check(_ table: TableSchema, _ value: (String) throws -> DatabaseValue?) throws {
        for (start, end) in spans where table.column(named: start) != nil && table.column(named: end) != nil {
            guard let from = try value(start)?.text, let to = try value(end)?.text, !from.isEmpty, !to.isEmpty, to < from else { continue }
            throw MessageError(.endBeforeStart(table.name, start: start, end: end, from: from, to: to))
        }
    }
}

extension Message {
    static func endBeforeStart(_ table: String, start: String, end: String, from: String, to: String) -> Message {
        Message("registry.end_before_start",
                en: "“\(columnTitle(end, table: table).english)” (\(end)) \(to) is before “\(columnTitle(start, table: table).english)” (\(start)) \(from); check the dates",
                ru: "«\(columnTitle(end, table: table).russian)» \(RowNames.russianDate(to)) раньше, чем «\(columnTitle(start, table: table).russian)» \(RowNames.russianDate(from)); проверьте даты")
    }
}
