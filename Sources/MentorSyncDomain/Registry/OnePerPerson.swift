import MentorSyncEngine

/// A person is a mentor once and a mentee once: her one record in the base of mentors (or of
/// mentees) keeps her status through the years. A second record of her, added by hand or moved onto
/// her, is refused where it is entered, naming the record she has (two records counted her twice in
/// the report and made her name match two mentors). A list of mentors finds her record by her person.
enum OnePerPerson {
    static let tables: Set<String> = ["mentors", "mentees"]

    static func check(_ t: TableSchema, database: Database, row: String?, touches: ([String]) -> Bool,
                      _ value: (String) throws -> DatabaseValue?) throws {
        guard tables.contains(t.name), touches(["person_id"]), let person = try value("person_id")?.text, !person.isEmpty,
              let other = try database.scalar("SELECT id FROM \(SQL.identifier(t.name)) WHERE person_id = ? AND id IS NOT ? LIMIT 1",
                                              [.text(person), row.map { .text($0) } ?? .null])?.text else { return }
        let names = ReferenceResolver(database: database)
        throw MessageError(.personHasRecord(table: t.name, person: try names.labelOrShortID(person, in: "persons"),
                                            record: ReferenceResolver.shortID(other)))
    }
}

extension Message {
    static func personHasRecord(table: String, person: String, record: String) -> Message {
        Message("registry.person_has_record",
                en: "“\(person)” already has a record in \(tableTitle(table).english) [\(record)]; change that record rather than add a second",
                ru: "для человека «\(person)» уже есть запись в разделе «\(tableTitle(table).russian)»; измените её, а не добавляйте вторую")
    }
}
