import MentorSyncEngine

/// The cells of this school's rows that hold a value the district's correction put there: a list
/// loaded again (last year's Excel file) that would set the old value back is told so, line by line.
public enum DistrictCorrectedCells {
    /// The day (`YYYY-MM-DD`) the district's correction set `column` of the row to the value it
    /// holds now, `value`; nil when the cell holds another value, or the district never corrected it.
    public static func day(table: String, rowID: String, column: String, holding value: DatabaseValue, database: Database) throws -> String? {
        guard try database.scalar("SELECT 1 FROM sqlite_master WHERE name = 'school_corrections'") != nil else { return nil }
        let last = try database.rows("""
            SELECT new_value, heard_at FROM school_corrections WHERE tbl = ? AND row_id = ? AND col = ?
              AND kind IN ('correction', 'conflict_rule', 'conflict_settled') ORDER BY n DESC LIMIT 1
            """, [.text(table), .text(rowID), .text(column)]).first
        guard let last, last[0] == value, let heard = last[1].text else { return nil }
        return String(heard.prefix(10))
    }
}

extension Message {
    /// A line of a list that sets a value the district corrected back to what it was.
    public static func importUndoesCorrection(_ column: String, day: String) -> Message {
        Message("import.undoes_correction",
                en: "«\(column)» was corrected by the district on \(day): loading the list puts the old value back",
                ru: "«\(column)» исправило управление образования \(day): загрузив список, вы вернёте прежнее значение")
    }
}
