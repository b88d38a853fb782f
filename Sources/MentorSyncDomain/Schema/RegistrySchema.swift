import MentorSyncEngine

/// The mentoring registry of DOMAIN.md: seventeen synced tables at schema version 2 (thirteen at
/// version 1). Table and column names are part of the interface (CSV, reports, scripts); numbers
/// are stable and never reused. A new version only adds tables or columns.
public enum RegistrySchema {
    /// Raised whenever a table or column is added; bundles carry it.
    public static let version = 2

    public static let organizations = TableSchema(name: "organizations", number: 1, ownership: .district, columns: [
        ColumnSchema("name", required: true),
        ColumnSchema("short_name"),
        ColumnSchema("kind", .enumeration(["school", "preschool", "additional", "college", "district"])),
        ColumnSchema("municipality"),
        ColumnSchema("address"),
        ColumnSchema("director"),
    ])

    public static let persons = TableSchema(name: "persons", number: 2, ownership: .school, columns: [
        ColumnSchema("full_name", required: true),
        ColumnSchema("birth_date", .date),
        ColumnSchema("role", .enumeration(["teacher", "student", "methodologist", "manager", "external"])),
        ColumnSchema("position"),
        ColumnSchema("subject"),
        ColumnSchema("teaching_since", .date),
        ColumnSchema("hired_on", .date),
        ColumnSchema("left_on", .date),
        ColumnSchema("pd_consent_on", .date),
        ColumnSchema("notes"),
    ])

    public static let mentors = TableSchema(name: "mentors", number: 3, ownership: .school, columns: [
        ColumnSchema("person_id", .reference("persons")),
        ColumnSchema("status", .enumeration(["candidate", "active", "inactive"])),
        ColumnSchema("competencies"),
        ColumnSchema("trained_on", .date),
        ColumnSchema("training_course"),
        ColumnSchema("notes"),
        // Schema 2: offered to network mentoring across the district's schools.
        ColumnSchema("network", .integer(0...1), default: "0"),
    ])

    public static let mentees = TableSchema(name: "mentees", number: 4, ownership: .school, columns: [
        ColumnSchema("person_id", .reference("persons")),
        ColumnSchema("category", .enumeration(["young_specialist", "new_arrival", "struggling", "student", "reserve"])),
        ColumnSchema("requests"),
        ColumnSchema("deficits"),
        ColumnSchema("status", .enumeration(["waiting", "in_pair", "completed", "left"])),
    ])

    public static let pairs = TableSchema(name: "pairs", number: 5, ownership: .school, columns: [
        ColumnSchema("mentor_id", .reference("mentors")),
        ColumnSchema("form", .enumeration(["teacher-teacher", "student-student", "teacher-student", "employer-student",
                                           "studentmentor-student", "methodist-teacher"])),
        ColumnSchema("kind", .enumeration(["pair", "group"])),
        ColumnSchema("started_on", .date),
        ColumnSchema("ended_on", .date),
        ColumnSchema("status", .enumeration(["forming", "active", "completed", "terminated"])),
        ColumnSchema("result"),
    ])

    public static let pairMentees = TableSchema(name: "pair_mentees", number: 6, ownership: .school, columns: [
        ColumnSchema("pair_id", .reference("pairs")),
        ColumnSchema("mentee_id", .reference("mentees")),
    ])

    public static let plans = TableSchema(name: "plans", number: 7, ownership: .school, columns: [
        ColumnSchema("pair_id", .reference("pairs")),
        ColumnSchema("mentee_id", .reference("mentees")),
        ColumnSchema("title"),
        ColumnSchema("goals"),
        ColumnSchema("starts_on", .date),
        ColumnSchema("ends_on", .date),
        ColumnSchema("status", .enumeration(["draft", "active", "done", "failed"])),
    ])

    public static let meetings = TableSchema(name: "meetings", number: 8, ownership: .school, columns: [
        ColumnSchema("pair_id", .reference("pairs")),
        ColumnSchema("kind", .enumeration(["introduction", "trial", "planning", "joint_work", "final", "other"])),
        ColumnSchema("held_on", .date),
        ColumnSchema("minutes"),
        ColumnSchema("notes"),
    ])

    public static let events = TableSchema(name: "events", number: 9, ownership: .either, columns: [
        ColumnSchema("code"),
        ColumnSchema("section"),
        ColumnSchema("title", required: true),
        ColumnSchema("result"),
        ColumnSchema("starts_on", .date),
        ColumnSchema("ends_on", .date),
        ColumnSchema("schedule"),
        ColumnSchema("responsible"),
        ColumnSchema("document"),
        ColumnSchema("status", .enumeration(["planned", "in_progress", "done", "cancelled"])),
        ColumnSchema("done_on", .date),
        // Schema 2: the form of the event (Dubna 13, 14).
        ColumnSchema("kind", .enumeration(["meeting", "seminar", "master_class", "round_table", "consultation",
                                           "contest", "practice_sharing", "other"])),
    ])

    public static let indicators = TableSchema(name: "indicators", number: 10, ownership: .district, columns: [
        ColumnSchema("code", required: true),
        ColumnSchema("title"),
        ColumnSchema("unit", .enumeration(["percent", "count"])),
        ColumnSchema("target_value", .real),
        ColumnSchema("target_text"),
        ColumnSchema("formula"),
    ])

    public static let indicatorValues = TableSchema(name: "indicator_values", number: 11, ownership: .either, columns: [
        ColumnSchema("indicator_id", .reference("indicators")),
        ColumnSchema("period"),
        ColumnSchema("value", .real),
        ColumnSchema("note"),
    ])

    public static let practices = TableSchema(name: "practices", number: 12, ownership: .either, columns: [
        ColumnSchema("title", required: true),
        ColumnSchema("form"),
        ColumnSchema("summary"),
        ColumnSchema("link"),
        ColumnSchema("published_on", .date),
    ])

    public static let surveys = TableSchema(name: "surveys", number: 13, ownership: .school, columns: [
        ColumnSchema("pair_id", .reference("pairs")),
        ColumnSchema("respondent", .enumeration(["mentor", "mentee"])),
        ColumnSchema("satisfaction", .integer(1...10)),
        ColumnSchema("answered_on", .date),
        ColumnSchema("comment"),
    ])

    public static let schema = SyncSchema(version: version, tables: [
        organizations, persons, mentors, mentees, pairs, pairMentees, plans, meetings,
        events, indicators, indicatorValues, practices, surveys,
        diagnostics, trainings, contestEntries, eventParticipants,
    ], earlier: [v1], sharing: networkMentoring)

    /// Network mentoring (DESIGN.md): a mentor with `network` = 1 and a reduced row of their person
    /// go to every school; a pair that names another school's mentor goes to the mentor's school,
    /// with what hangs on it and its mentees (reduced); the mentor's school may add meetings and
    /// surveys to it.
    public static let networkMentoring = ShareRules(
        offers: [.init(table: "mentors", flag: "network")],
        links: [.init(table: "pairs", column: "mentor_id")],
        attachments: [
            .init(table: "pair_mentees", column: "pair_id", partiesMayWrite: false),
            .init(table: "plans", column: "pair_id", partiesMayWrite: false),
            .init(table: "meetings", column: "pair_id", partiesMayWrite: true),
            .init(table: "surveys", column: "pair_id", partiesMayWrite: true),
        ],
        carries: [
            .init(table: "mentors", column: "person_id"),
            .init(table: "pair_mentees", column: "mentee_id"),
            .init(table: "mentees", column: "person_id"),
        ],
        columns: [
            "persons": ["full_name", "position", "subject"],
            "mentees": ["person_id", "category", "status"],
        ])
}
