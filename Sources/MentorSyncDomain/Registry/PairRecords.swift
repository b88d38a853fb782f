import MentorSyncEngine

/// What hangs on a pair — its meetings, its individual plans (ИОМ) and its surveys, each by day —
/// so the pair's page shows the pair's year in one place.
public enum PairRecords {
    /// One record of a pair: its table and id, its day, and the words that say what it is.
    public struct Record: Sendable, Equatable {
        public var table: String
        public var id: String
        /// The stored day (`YYYY-MM-DD`), nil when none was entered.
        public var day: String?
        /// What it is, as stored: a meeting's kind, a plan's title and status, a survey's respondent and score.
        public var values: [String: DatabaseValue]
    }

    /// The tables, in the order the page shows them, with the column giving each record's day and
    /// the columns saying what it is.
    public static let tables: [(table: String, day: String, shown: [String])] = [
        ("meetings", "held_on", ["kind"]),
        ("plans", "starts_on", ["title", "status"]),
        ("surveys", "answered_on", ["respondent", "satisfaction"]),
    ]

    /// The records of `pair`, per table, by day (undated last), then as entered.
    public static func of(pair: String, database: Database) throws -> [(table: String, records: [Record])] {
        try tables.map { t in
            let columns = [t.day] + t.shown
            // A plan written for one of the pair's mentees with no pair chosen is the pair's plan too
            // (as «Что сделать» counts it).
            let ofMentees = t.table == "plans"
                ? " OR (coalesce(pair_id, '') = '' AND mentee_id IN (SELECT mentee_id FROM pair_mentees WHERE pair_id = ?1))" : ""
            let rows = try database.rows("""
                SELECT id, \(columns.map(SQL.identifier).joined(separator: ", ")) FROM \(SQL.identifier(t.table))
                WHERE pair_id = ?1\(ofMentees) ORDER BY coalesce(\(SQL.identifier(t.day)), '9999'), rowid
                """, [.text(pair)])
            return (t.table, rows.map { r in
                Record(table: t.table, id: r[0].displayText, day: r[1].text.flatMap { $0.isEmpty ? nil : $0 },
                       values: Dictionary(uniqueKeysWithValues: zip(t.shown, r.dropFirst(2))))
            })
        }
    }
}
