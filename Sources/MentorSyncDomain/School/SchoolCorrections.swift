import Foundation
import MentorSyncEngine

/// The district's corrections to this school's rows (DESIGN.md, "Conflicts, as the coordinator
/// settles them"): recorded with the merge that brought them, told after `sync`/`import` and in `status`.
extension SchoolHome {
    static let correctionsTable = """
        CREATE TABLE IF NOT EXISTS school_corrections (n INTEGER PRIMARY KEY, tbl TEXT NOT NULL, row_id TEXT NOT NULL, \
        col TEXT NOT NULL, old_value, new_value, bundle TEXT NOT NULL, heard_at TEXT NOT NULL)
        """

    /// Keeps what a reply changed in this school's rows; runs inside the merge's transaction.
    func recordCorrections(_ changes: [CorrectedCell], bundle: String, at now: String) throws {
        guard !changes.isEmpty else { return }
        try database.execute(SchoolHome.correctionsTable)
        let s = try database.prepare("INSERT INTO school_corrections(tbl, row_id, col, old_value, new_value, bundle, heard_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
        for c in changes { try s.execute([.text(c.table), .text(c.rowID), .text(c.column), c.old, c.new, .text(bundle), .text(now)]) }
    }

    /// The corrections heard with the last reply that brought any, one line each in `language`:
    /// `persons «Иванова М. П.»: position учитель → завуч`.
    public func lastCorrections(language: Language = .current) throws -> [String] {
        guard try database.scalar("SELECT 1 FROM sqlite_master WHERE name = 'school_corrections'") != nil else { return [] }
        let rows = try database.rows("""
            SELECT tbl, row_id, col, old_value, new_value FROM school_corrections
            WHERE heard_at = (SELECT max(heard_at) FROM school_corrections) ORDER BY n
            """)
        return try describeCorrections(rows.map { CorrectedCell(table: $0[0].displayText, rowID: $0[1].displayText, column: $0[2].displayText, old: $0[3], new: $0[4]) }, language: language)
    }

    /// One line per corrected cell, the row named as people know it, the values in people's words.
    public func describeCorrections(_ changes: [CorrectedCell], language: Language = .current) throws -> [String] {
        let names = ReferenceResolver(database: database)
        return try changes.map { c in
            let row = try names.labelOrShortID(c.rowID, in: c.table)
            return Message.correction(table: c.table, row: row, column: c.column,
                                      old: names.readable(c.old, column: c.column, table: c.table, language: language),
                                      new: names.readable(c.new, column: c.column, table: c.table, language: language)).text(language)
        }
    }
}

extension Message {
    /// `управление образования исправило: Люди «Иванова Мария Петровна», должность: учитель → завуч`.
    static func correction(table: String, row: String, column: String, old: String, new: String) -> Message {
        Message("school.correction",
                en: "the district corrected \(table) «\(row)»: \(column) \(old) → \(new)",
                ru: "управление образования исправило: \(Message.tableTitle(table).russian) «\(row)», \(Message.columnTitle(column, table: table).russian.lowercased()): \(old) → \(new)")
    }
}

extension Message {
    public static let correctionsHeading = Message("school.corrections_heading",
                                                   en: "the district's corrections with the last reply that brought any:",
                                                   ru: "исправления муниципалитета, пришедшие с последним ответом, в котором они были:")

    public static func rowsMovedAway(_ n: Int) -> Message {
        Message("school.rows_moved_away",
                en: "\(n) \(n == 1 ? "row was" : "rows were") given by the district to another school and removed here (not deleted: they live on there)",
                ru: "муниципалитет передал другой школе строк: \(n); здесь они убраны (не удалены: они остаются у той школы)")
    }
}
