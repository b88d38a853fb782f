import Foundation
import MentorSyncEngine

/// The district's corrections to this school's rows (DESIGN.md, "Conflicts, as the coordinator
/// settles them"): recorded with the merge that brought them, told after `sync`/`import` and in `status`.
/// A change of a cell this school recorded a conflict on is told as what it is: the common rule
/// taking the district's value when the conflict is found, the coordinator's decision later.
public struct SchoolCorrection: Sendable, Equatable {
    public enum Kind: String, Sendable {
        /// The district changed one of this school's values.
        case correction
        /// Both changed the cell; the rule every site applies took the district's value for now.
        case conflictRule = "conflict_rule"
        /// The district settled a conflict this school had recorded on the cell.
        case conflictSettled = "conflict_settled"
        /// The district wrote this school's value again as it is: a conflict found at the district
        /// alone settled so, or a value changed and changed back there.
        case kept
        /// The district refused this school's change of the row and its reply put the value it
        /// holds back (the refusal is told beside it, with the reason).
        case refusalUndone = "refusal_undone"
    }
    public var cell: CorrectedCell
    public var kind: Kind
}

extension SchoolHome {
    static let correctionsTable = """
        CREATE TABLE IF NOT EXISTS school_corrections (n INTEGER PRIMARY KEY, tbl TEXT NOT NULL, row_id TEXT NOT NULL, \
        col TEXT NOT NULL, old_value, new_value, bundle TEXT NOT NULL, heard_at TEXT NOT NULL, kind TEXT NOT NULL DEFAULT 'correction')
        """

    /// Keeps what a reply changed in this school's rows, each told as a correction, the rule of a
    /// conflict found now, or the settling of one recorded before (marked settled here); runs
    /// inside the merge's transaction. `refusedNow`: the reasons of the refusals this reply tells for
    /// the first time — a change of a row one of them names is the district putting its value back.
    func recordCorrections(_ merged: MergeReport, bundle: String, at now: String, refusedNow: [String] = []) throws -> [SchoolCorrection] {
        // A value of this school's stamped anew as it is: the settling of a conflict recorded here,
        // or else the district keeping her value (a conflict it alone found, settled so; or a value
        // changed there and changed back) — told, as the school heard nothing of it otherwise.
        let confirmed = merged.ownCellsConfirmed
        guard !merged.ownRowsChanged.isEmpty || !confirmed.isEmpty else { return [] }
        try ensureCorrectionsTable()
        let s = try database.prepare("INSERT INTO school_corrections(tbl, row_id, col, old_value, new_value, bundle, heard_at, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        let undone = Set(refusedNow.compactMap { RefusalReason.namedRow($0) }.map { "\($0.table)\u{1F}\($0.id)" })
        let kept = try confirmed.map { c in
            let settled = try replica.settleOpenConflicts(on: ConflictCell(table: c.table, rowID: c.rowID, column: c.column), knownUpTo: merged.header.knowledge[site],
                                                          resolution: "settled by the district: \(c.new.displayText) kept", at: now) > 0
            let kind: SchoolCorrection.Kind = settled ? .conflictSettled : .kept
            try s.execute([.text(c.table), .text(c.rowID), .text(c.column), c.old, c.new, .text(bundle), .text(now), .text(kind.rawValue)])
            return SchoolCorrection(cell: c, kind: kind)
        }
        return try kept + merged.ownRowsChanged.map { c in
            let cell = ConflictCell(table: c.table, rowID: c.rowID, column: c.column)
            let kind: SchoolCorrection.Kind
            if merged.conflictCellsDetected.contains(cell) {
                kind = .conflictRule
            } else if try replica.settleOpenConflicts(on: cell, knownUpTo: merged.header.knowledge[site], resolution: "settled by the district: \(c.new.displayText)", at: now) > 0 {
                kind = .conflictSettled
            } else if undone.contains("\(c.table)\u{1F}\(c.rowID)") {
                kind = .refusalUndone
            } else {
                kind = .correction
            }
            try s.execute([.text(c.table), .text(c.rowID), .text(c.column), c.old, c.new, .text(bundle), .text(now), .text(kind.rawValue)])
            return SchoolCorrection(cell: c, kind: kind)
        }
    }

    /// The table, with the column `kind` added to a table made before it was.
    private func ensureCorrectionsTable() throws {
        try database.execute(SchoolHome.correctionsTable)
        let columns = try database.rows("SELECT name FROM pragma_table_info('school_corrections')").map { $0[0].displayText }
        if !columns.contains("kind") {
            try database.execute("ALTER TABLE school_corrections ADD COLUMN kind TEXT NOT NULL DEFAULT 'correction'")
        }
    }

    /// The corrections heard with the last reply that brought any, one line each in `language`:
    /// `persons «Иванова М. П.»: position учитель → завуч`.
    public func lastCorrections(language: Language = .current) throws -> [String] {
        guard try database.scalar("SELECT 1 FROM sqlite_master WHERE name = 'school_corrections'") != nil else { return [] }
        let hasKind = try database.scalar("SELECT 1 FROM pragma_table_info('school_corrections') WHERE name = 'kind'") != nil
        let rows = try database.rows("""
            SELECT tbl, row_id, col, old_value, new_value, \(hasKind ? "kind" : "'correction'") FROM school_corrections
            WHERE heard_at = (SELECT max(heard_at) FROM school_corrections) ORDER BY n
            """)
        return try describeCorrections(rows.map {
            SchoolCorrection(cell: CorrectedCell(table: $0[0].displayText, rowID: $0[1].displayText, column: $0[2].displayText, old: $0[3], new: $0[4]),
                             kind: SchoolCorrection.Kind(rawValue: $0[5].displayText) ?? .correction)
        }, language: language)
    }

    /// How many lines of one kind of change to one field are said one by one before the rest are
    /// counted (a district settling 150 conflicts of the school at once sent 150 lines).
    static let linesPerField = 3, fieldGrouped = 10

    /// One line per corrected cell, the row named as people know it, the values in people's words;
    /// of ten or more of the same kind to the same field, the first three and how many more.
    public func describeCorrections(_ changes: [SchoolCorrection], language: Language = .current) throws -> [String] {
        let names = ReferenceResolver(database: database)
        func group(_ c: SchoolCorrection) -> String { "\(c.kind.rawValue) \(c.cell.table).\(c.cell.column)" }
        let sizes = Dictionary(grouping: changes, by: group).mapValues(\.count)
        var said: [String: Int] = [:]
        var lines: [String] = []
        for correction in changes {
            let c = correction.cell, key = group(correction), size = sizes[key] ?? 0
            said[key, default: 0] += 1
            if size >= Self.fieldGrouped, let n = said[key], n > Self.linesPerField {
                if n == Self.linesPerField + 1 { lines.append(Message.correctionsMore(size - Self.linesPerField, table: c.table, column: c.column).text(language)) }
                continue
            }
            let row = try names.labelOrShortID(c.rowID, in: c.table)
            lines.append(Message.correction(correction.kind, table: c.table, row: row, column: c.column,
                                            old: names.readable(c.old, column: c.column, table: c.table, language: language),
                                            new: names.readable(c.new, column: c.column, table: c.table, language: language)).text(language))
        }
        return lines
    }
}

extension Message {
    /// `управление образования исправило: Человек «Иванова Мария Петровна», должность: учитель → завуч`,
    /// and the two ways a conflict of this school's reaches it.
    static func correction(_ kind: SchoolCorrection.Kind, table: String, row: String, column: String, old: String, new: String) -> Message {
        let ruCell = "\(Message.rowTitle(table).russian) «\(row)», \(Message.columnTitle(column, table: table).russian.lowercased()): \(old) → \(new)"
        switch kind {
        case .correction:
            return Message("school.correction",
                           en: "the district corrected \(table) «\(row)»: \(column) \(old) → \(new)",
                           ru: "управление образования исправило: \(ruCell)")
        case .refusalUndone:
            return Message("school.correction_refusal_undone",
                           en: "the district put its value back (your change was refused): \(table) «\(row)»: \(column) \(old) → \(new)",
                           ru: "управление образования вернуло прежнее значение (ваше изменение не принято): \(ruCell)")
        case .conflictRule:
            return Message("school.correction_conflict_rule",
                           en: "conflict: \(table) «\(row)»: \(column) \(old) → \(new) — the school and the district both changed it; the district's value holds until the district reviews the conflict",
                           ru: "конфликт: \(ruCell) — школа и управление образования изменили это поле одновременно; пока действует значение управления, оно рассмотрит конфликт")
        case .kept:
            return Message("school.correction_kept",
                           en: "the district kept your value: \(table) «\(row)»: \(column) stays \(new)",
                           ru: "управление образования оставило ваше значение: \(Message.rowTitle(table).russian) «\(row)», \(Message.columnTitle(column, table: table).russian.lowercased()): «\(new)»")
        case .conflictSettled where old == new:
            return Message("school.correction_conflict_kept",
                           en: "the district settled the conflict: \(table) «\(row)»: \(column) stays \(new)",
                           ru: "управление образования решило конфликт: \(Message.rowTitle(table).russian) «\(row)», \(Message.columnTitle(column, table: table).russian.lowercased()): оставлено «\(new)»")
        case .conflictSettled:
            return Message("school.correction_conflict_settled",
                           en: "the district settled the conflict: \(table) «\(row)»: \(column) \(old) → \(new)",
                           ru: "управление образования решило конфликт: \(ruCell)")
        }
    }
}

extension Message {
    public static let correctionsHeading = Message("school.corrections_heading",
                                                   en: "the district's latest corrections:",
                                                   ru: "последние исправления управления образования:")

    /// After the first lines of many alike: `…и ещё 147 записей («Человек», должность) — так же`.
    static func correctionsMore(_ n: Int, table: String, column: String) -> Message {
        Message("school.corrections_more",
                en: "…and \(Plural.en(count: n, "more row", "more rows")) (\(table), \(column)) alike",
                ru: "…и ещё \(Plural.ru(count: n, "запись", "записи", "записей")) («\(Message.rowTitle(table).russian)», \(Message.columnTitle(column, table: table).russian.lowercased())) — так же")
    }

    public static func rowsMovedAway(_ n: Int) -> Message {
        Message("school.rows_moved_away",
                en: "\(n) \(n == 1 ? "row was" : "rows were") given by the district to another school and removed here (not deleted: they live on there)",
                ru: "управление образования передало другой школе записей: \(n); здесь они убраны (не удалены: они остаются у той школы)")
    }
}
