import MentorSyncEngine

/// The tables schema version 2 adds (DOMAIN.md "Schema version 2").
extension RegistrySchema {
    public static let diagnostics = TableSchema(name: "diagnostics", number: 14, ownership: .school, columns: [
        ColumnSchema("person_id", .reference("persons")),
        ColumnSchema("held_on", .date),
        ColumnSchema("level", .enumeration(["high", "elevated", "basic", "low", "unacceptable"])),
        ColumnSchema("tool"),
        ColumnSchema("deficits"),
    ])

    public static let trainings = TableSchema(name: "trainings", number: 15, ownership: .school, columns: [
        ColumnSchema("person_id", .reference("persons")),
        ColumnSchema("course"),
        ColumnSchema("provider"),
        ColumnSchema("topic", .enumeration(["mentoring", "deficits", "talents", "other"])),
        ColumnSchema("hours", .real),
        ColumnSchema("federal_registry", .integer(0...1)),
        ColumnSchema("finished_on", .date),
        ColumnSchema("passed", .integer(0...1)),
    ])

    public static let contestEntries = TableSchema(name: "contest_entries", number: 16, ownership: .school, columns: [
        ColumnSchema("person_id", .reference("persons")),
        ColumnSchema("contest"),
        ColumnSchema("level", .enumeration(["school", "municipal", "regional", "federal"])),
        ColumnSchema("year", .integer(1900...2200)),
        ColumnSchema("result"),
    ])

    public static let eventParticipants = TableSchema(name: "event_participants", number: 17, ownership: .school, columns: [
        ColumnSchema("event_id", .reference("events")),
        ColumnSchema("person_id", .reference("persons")),
        ColumnSchema("role", .enumeration(["participant", "speaker", "organizer"])),
    ])
}
