import MentorSyncEngine

/// The checks that look at a row's values together (a span's two dates, a plan's pair and mentee,
/// a meeting's date and its pair's start, a «пара»'s one mentee, who stands on each side of a pair's form, a person's birth and the dates of her work, one mentor's record per person,
/// what a school's row may name of another school's rows, an indicator's code a slip of the report's),
/// made alike wherever an entry is made: `put`, a form, a line of a list. A new row is checked
/// whole; a row being changed only on what the entry touches (one holding an old mistake can still
/// be marked done), against what it holds for the columns the entry leaves alone.
enum EntryChecks {
    /// `given`: the entry's value of a column, nil for a column it does not touch; `row`: the id of
    /// the row it changes, nil for a new one.
    static func check(_ t: TableSchema, database: Database, row: String?, given: (String) -> DatabaseValue?) throws {
        let stored: (String) throws -> DatabaseValue? = { col in
            guard let row else { return nil }
            return try database.scalar("SELECT \(SQL.identifier(col)) FROM \(SQL.identifier(t.name)) WHERE id = ?", [.text(row)])
        }
        let value: (String) throws -> DatabaseValue? = { col in try given(col) ?? stored(col) }
        // An entry touches a column when it changes its value: a list loaded again gives every column,
        // and its unchanged ones do not bring up an old mistake the row holds.
        func touches(_ columns: [String]) -> Bool {
            row == nil || columns.contains { c in given(c).map { v in (try? stored(c)).map { $0 != v } ?? true } ?? false }
        }
        if touches(Array(DateOrder.columns)) { try DateOrder.check(t, value) }
        try PersonDates.check(t, touches: touches, value)
        try DaysAhead.check(t, touches: touches, value)
        try YoungSpecialist.check(t, database: database, touches: touches, value)
        if touches(["pair_id", "mentee_id"]) { try PlanMentee.check(t, database: database, value) }
        try PairDates.check(t, database: database, row: row, touches: touches, value)
        try MeetingOrder.check(t, database: database, row: row, touches: touches, value)
        try PairKind.check(t, database: database, row: row, touches: touches, value)
        try PairForm.check(t, database: database, row: row, touches: touches, value)
        try OnePerPerson.check(t, database: database, row: row, touches: touches, value)
        try OtherSchoolReferences.check(t, database: database, touches: touches, value)
        try IndicatorCodeSlip.check(t, database: database, row: row, touches: touches, stored: stored, value)
    }
}
