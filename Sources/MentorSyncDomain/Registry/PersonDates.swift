import Foundation
import MentorSyncEngine

/// A person's dates as a life allows, checked where they are entered (a form, `put`, a list): her
/// birth not in the future nor more than 100 years ago, and the dates of her work (teaching since,
/// hired, left, consent given) not before her birth nor more than a year ahead. A birth year typed
/// 2031 was taken and counted a young specialist in the report.
enum PersonDates {
    static let ofHerWork = ["teaching_since", "hired_on", "left_on", "pd_consent_on"]

    static func check(_ table: TableSchema, touches: ([String]) -> Bool, _ value: (String) throws -> DatabaseValue?,
                      now: Date = Date()) throws {
        guard table.name == "persons" else { return }
        let born = try value("birth_date")?.text.flatMap { $0.isEmpty ? nil : $0 }
        if let born, touches(["birth_date"]) {
            if born > RegistryDay.of(now) { throw MessageError(.bornInTheFuture(born)) }
            if born < RegistryDay.of(now, yearsAhead: -100) { throw MessageError(.bornTooLongAgo(born)) }
        }
        for column in ofHerWork where table.column(named: column) != nil && touches([column, "birth_date"]) {
            guard let day = try value(column)?.text, !day.isEmpty else { continue }
            if touches([column]), day > RegistryDay.of(now, yearsAhead: 1) { throw MessageError(.dateFarAhead(table: table.name, column: column, day: day)) }
            if let born, day < born { throw MessageError(.dateBeforeBirth(column: column, day: day, born: born)) }
        }
    }
}

/// A day as the registry writes it (YYYY-MM-DD, this computer's calendar).
enum RegistryDay {
    static func of(_ date: Date, yearsAhead years: Int = 0) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .current
        let moved = calendar.date(byAdding: .year, value: years, to: date) ?? date
        let c = calendar.dateComponents([.year, .month, .day], from: moved)
        return String(format: "%04d-%02d-%02d", c.year ?? 0, c.month ?? 0, c.day ?? 0)
    }
}

extension Message {
    static func bornInTheFuture(_ day: String) -> Message {
        Message("registry.born_in_the_future",
                en: "the birth date \(day) has not come yet; check the year",
                ru: "«Дата рождения» \(RowNames.russianDate(day)) ещё не наступила; проверьте год")
    }

    static func bornTooLongAgo(_ day: String) -> Message {
        Message("registry.born_too_long_ago",
                en: "the birth date \(day) is more than 100 years ago; check the year",
                ru: "«Дата рождения» \(RowNames.russianDate(day)) — больше ста лет назад; проверьте год")
    }

    static func dateBeforeBirth(column: String, day: String, born: String) -> Message {
        Message("registry.date_before_birth",
                en: "“\(columnTitle(column, table: "persons").english)” (\(column)) \(day) is before the person's birth date \(born); check the year",
                ru: "«\(columnTitle(column, table: "persons").russian)» \(RowNames.russianDate(day)) раньше даты рождения \(RowNames.russianDate(born)); проверьте год")
    }

    static func dateFarAhead(table: String, column: String, day: String) -> Message {
        Message("registry.date_far_ahead",
                en: "“\(columnTitle(column, table: table).english)” (\(column)) \(day) is more than a year ahead; check the year",
                ru: "«\(columnTitle(column, table: table).russian)» \(RowNames.russianDate(day)) — больше чем через год; проверьте год")
    }
}
