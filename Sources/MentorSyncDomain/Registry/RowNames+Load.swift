import Foundation
import MentorSyncEngine

extension RowNames {
    /// Reads the names of every row of `table`; `names` gives the (cached) names of another table,
    /// so a mentor is named by its person and a pair by its mentor.
    static func load(_ table: String, database db: Database, names: (String) throws -> RowNames) throws -> RowNames {
        typealias Item = (id: String, base: String, date: String?)
        func text(_ v: DatabaseValue) -> String? {
            guard let t = v.text.map({ trimmed($0) }), !t.isEmpty else { return nil }
            return t
        }
        func plain(_ sql: String, _ columns: Int) throws -> [Item] {
            // id, then the naming columns in order of preference.
            try db.rows(sql).map { r in
                let id = r[0].displayText
                let texts = (1...columns).compactMap { text(r[$0]) }
                return (id, texts.first ?? shortLabel(id), nil)
            }
        }
        let dated: (String, String) -> String = { "\($0) (\(russianDate($1)))" }
        let items: [Item]
        switch table {
        case "persons":
            items = try db.rows("SELECT id, full_name, birth_date FROM persons ORDER BY rowid").map { r in
                (r[0].displayText, text(r[1]) ?? shortLabel(r[0].displayText), text(r[2]))
            }
        case "mentors", "mentees":
            let persons = try names("persons")
            items = try db.rows("SELECT id, person_id FROM \(SQL.identifier(table)) ORDER BY rowid").map { r in
                let person = text(r[1]).flatMap { persons.name(of: $0) }
                return (r[0].displayText, person?.label ?? notReceived(r[1], table: "persons", database: db), nil)
            }
        case "pairs":
            let mentors = try names("mentors")
            let rows = try db.rows("SELECT id, mentor_id, started_on FROM pairs ORDER BY rowid").map { r -> Item in
                let mentor = text(r[1]).flatMap { mentors.name(of: $0) }
                return (r[0].displayText, mentor?.label ?? notReceived(r[1], table: "mentors", database: db), text(r[2]))
            }
            return RowNames(table: table, rows: disambiguate(rows) { "\($0) — \(russianDate($1))" })
        case "meetings", "surveys":
            // A pair's meeting or survey: the pair and the day («Кузнецов Виктор Павлович, 01.10.2026»);
            // a survey, who answered too (the mentor and the mentee answer the same day in May).
            let pairs = try names("pairs")
            let (day, who) = table == "meetings" ? ("held_on", "NULL") : ("answered_on", "respondent")
            items = try db.rows("SELECT id, pair_id, \(day), \(who) FROM \(SQL.identifier(table)) ORDER BY rowid").map { r in
                let id = r[0].displayText
                guard text(r[1]) != nil else { return (id, shortLabel(id), nil) }
                let pair = text(r[1]).flatMap { pairs.name(of: $0)?.label } ?? notReceived(r[1], table: "pairs", database: db)
                let answered = text(r[3]).map { ", " + (EnumerationAliases.russian($0, column: "respondent", table: table) ?? $0) } ?? ""
                return (id, (text(r[2]).map { "\(pair), \(russianDate($0))" } ?? pair) + answered, nil)
            }
        case "indicators":
            // By its title, as the report names it (a methodologist reads «Доля педагогов…», not
            // teachers_under_35); a row without one by its code's title in the report, else its code.
            items = try db.rows("SELECT id, code, title FROM indicators ORDER BY rowid").map { r in
                let known = text(r[1]).flatMap(IndicatorCode.init(rawValue:))?.title
                return (r[0].displayText, text(r[2]) ?? known ?? text(r[1]) ?? shortLabel(r[0].displayText), nil)
            }
        case "organizations": items = try plain("SELECT id, short_name, name FROM organizations ORDER BY rowid", 2)
        case "events":
            items = try db.rows("SELECT id, title, starts_on FROM events ORDER BY rowid").map { r in
                (r[0].displayText, text(r[1]) ?? shortLabel(r[0].displayText), text(r[2]))
            }
        case "plans", "practices": items = try plain("SELECT id, title FROM \(SQL.identifier(table)) ORDER BY rowid", 1)
        case "pair_mentees", "event_participants":
            // A link, by what it joins: «Петрова Анна Сергеевна → Смирнова Анна» (a pair and its mentee).
            let (from, to) = table == "pair_mentees" ? (("pair_id", "pairs"), ("mentee_id", "mentees")) : (("event_id", "events"), ("person_id", "persons"))
            let left = try names(from.1), right = try names(to.1)
            items = try db.rows("SELECT id, \(from.0), \(to.0) FROM \(SQL.identifier(table)) ORDER BY rowid").map { r in
                let a = text(r[1]).flatMap { left.name(of: $0)?.label } ?? notReceived(r[1], table: from.1, database: db)
                let b = text(r[2]).flatMap { right.name(of: $0)?.label } ?? notReceived(r[2], table: to.1, database: db)
                return (r[0].displayText, "\(a) → \(b)", nil)
            }
        default:
            // Rows people do not name (an indicator's value, …): known by their short id alone.
            items = try db.rows("SELECT id FROM \(SQL.identifier(table)) ORDER BY rowid").map { r in
                (r[0].displayText, shortLabel(r[0].displayText), nil)
            }
        }
        return RowNames(table: table, rows: disambiguate(items, dateLabel: dated))
    }

    /// A text without the spaces and line breaks around it, as `trimmingCharacters(in: .whitespacesAndNewlines)`
    /// leaves it; a text that starts and ends with a letter of the alphabets names are written in (or
    /// a digit, a sign) is that text as it is, with no trip through Foundation (a fifth of reading a
    /// district's 80,000 persons' names).
    /// `spaces` is `.whitespacesAndNewlines` or a part of it (`.whitespaces`).
    static func trimmed(_ text: String, _ spaces: CharacterSet = .whitespacesAndNewlines) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return text }
        func mayBeSpace(_ u: Unicode.Scalar) -> Bool {
            // Every space and line break (White_Space, Unicode's Z categories) is one of these; so are other scalars.
            u.value <= 0x20 || (0x7F...0xA0).contains(u.value) || u.value >= 0x1680
        }
        return mayBeSpace(first) || mayBeSpace(last) ? text.trimmingCharacters(in: spaces) : text
    }

    static func shortLabel(_ id: String) -> String { "[\(ReferenceResolver.shortID(id))]" }

    /// A row named by a reference that has not arrived yet (bundles come in any order), or — when
    /// `table` and `database` say this registry holds it as deleted — one that was deleted.
    static func notReceived(_ reference: DatabaseValue, table: String? = nil, database: Database? = nil) -> String {
        guard let id = reference.text, !id.isEmpty else { return "—" }
        if let table, let database, let number = RegistrySchema.schema.table(named: table)?.number,
           (try? database.scalar("SELECT alive FROM msync_rows WHERE tbl = ? AND id = ?", [.integer(Int64(number)), .text(id)]))??.integer == 0 {
            return Message.deletedRow(ReferenceResolver.shortID(id)).text()
        }
        return Message.notReceivedYet(ReferenceResolver.shortID(id)).text()
    }
}
