import Foundation
import MentorSyncEngine

/// The day of something done or begun — a meeting held, a survey answered, a mentor's training, a
/// plan's or a pair's start — is not more than a year ahead where it is entered (a form, `put`, a
/// list): a year typed wrong (20.03.2031 for 2021, a pair begun «15.09.2095») was taken as it came.
/// A pair formed in June for September is within the year. A person's dates are `PersonDates`'.
enum DaysAhead {
    static let columns: [String: [String]] = [
        "meetings": ["held_on"], "surveys": ["answered_on"], "mentors": ["trained_on"], "plans": ["starts_on"], "pairs": ["started_on"],
    ]

    static func check(_ table: TableSchema, touches: ([String]) -> Bool, _ value: (String) throws -> DatabaseValue?,
                      now: Date = Date()) throws {
        for column in columns[table.name] ?? [] where table.column(named: column) != nil && touches([column]) {
            guard let day = try value(column)?.text, !day.isEmpty, day > RegistryDay.of(now, yearsAhead: 1) else { continue }
            throw MessageError(.dateFarAhead(table: table.name, column: column, day: day))
        }
    }
}

/// A mentee of the category «молодой специалист» is a teacher in her first years: one teaching for
/// more than five years is not (a teacher since 1991 marked so counted in indicator 4 as a young
/// specialist). Checked where the mentee's record is entered, for a mentee waiting or in a pair now
/// (one of years past, completed or left, was young then).
enum YoungSpecialist {
    static let yearsAtMost = 5

    static func check(_ table: TableSchema, database: Database, touches: ([String]) -> Bool,
                      _ value: (String) throws -> DatabaseValue?, now: Date = Date()) throws {
        guard table.name == "mentees", touches(["category", "person_id", "status"]), try value("category")?.text == "young_specialist",
              ["waiting", "in_pair"].contains(try value("status")?.text ?? "waiting"),
              let person = try value("person_id")?.text, !person.isEmpty,
              let since = try database.scalar("SELECT teaching_since FROM persons WHERE id = ?", [.text(person)])?.text,
              !since.isEmpty, since < RegistryDay.of(now, yearsAhead: -yearsAtMost) else { return }
        let name = try ReferenceResolver(database: database).labelOrShortID(person, in: "persons")
        throw MessageError(.notAYoungSpecialist(name, since: since))
    }
}

extension Message {
    static func notAYoungSpecialist(_ name: String, since: String) -> Message {
        let category = valueTitle("young_specialist", column: "category", table: "mentees")
        return Message("registry.not_a_young_specialist",
                       en: "“\(name)” has taught since \(since): “\(category.english)” is a teacher in the first years of work (up to \(YoungSpecialist.yearsAtMost)); choose another category, or correct the person's “teaching since” date",
                       ru: "«\(name)» преподаёт с \(RowNames.russianDate(since)): «\(category.russian)» — педагог в первые годы работы (стаж до \(YoungSpecialist.yearsAtMost) лет); выберите другую категорию или исправьте у человека «\(columnTitle("teaching_since", table: "persons").russian)»")
    }
}
