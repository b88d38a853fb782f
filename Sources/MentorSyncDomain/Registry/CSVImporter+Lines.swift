import Foundation
import MentorSyncEngine

/// How a list's lines are told apart: the line of its column names, the lines that are none of the
/// list's (a heading, a row numbered ahead), and what finds the registry's row of a line without an id.
extension CSVImporter {
    /// The line naming the columns: the first that names a column of the table, among the first
    /// lines of the file (a list made in Excel often has a title above it); else the first line.
    static func headerIndex(_ document: CSVDocument, table t: TableSchema) -> Int? {
        namedHeader(document, table: t) ?? document.records.indices.first { !document.records[$0].isBlank }
    }

    /// The line among the first thirty filled ones that names a column of the table, if any (an
    /// official list opens with its approval block and title: a dozen lines and more).
    static func namedHeader(_ document: CSVDocument, table t: TableSchema) -> Int? {
        let filled = document.records.indices.lazy.filter { !document.records[$0].isBlank }
        return filled.prefix(30).first { i in
            document.records[i].fields.contains { cell in
                HeaderAliases.column(for: cell.trimmingCharacters(in: .whitespacesAndNewlines), table: t.name, columns: t.cellNames) != nil
            }
        }
    }

    /// What finds a row of the registry for a line without an id: a mentor's (a mentee's) record by
    /// its person, a person being one once; a pair by its mentor and start day, as DESIGN.md names a
    /// pair; a meeting by its pair, kind and day, a survey by its pair, respondent and day, and so on
    /// for the lists a school keeps and loads again as they grow (loaded twice, a list made each of
    /// its rows twice). A line missing a part of its key is a new row.
    static let listKeys: [String: [String]] = [
        "mentors": ["person_id"], "mentees": ["person_id"], "pairs": ["mentor_id", "started_on"],
        "meetings": ["pair_id", "kind", "held_on"], "surveys": ["pair_id", "respondent", "answered_on"],
        "diagnostics": ["person_id", "held_on"], "trainings": ["person_id", "course", "finished_on"],
        "event_participants": ["event_id", "person_id"], "indicator_values": ["indicator_id", "period"],
    ]

    /// Parts of a key a line may leave empty, the empty value being a part like any other: a course
    /// still taken has no end day (each load of a list of such courses added them once more). A line
    /// giving the day finds the course without one when no course has that day: the day written in.
    static let optionalKeyParts: [String: Set<String>] = ["trainings": ["finished_on"]]

    /// Cells merged across columns as the list's own columns are, not as a heading is (first column,
    /// how many): as the header's cells (its «ФИО» merged over three columns, as every name under it),
    /// as a cell of a line that fills others too; and, in a list whose lines hold one value each (a
    /// class list of names alone), as more than half of them.
    static func mergeLayout(_ d: CSVDocument, header: Int) -> Set<[Int]> {
        var shapes = Set(d.records[header].mergedAcross.map { [$0.key, $0.value] })
        let lines = d.records[(header + 1)...].filter { !$0.isBlank }
        var alone: [[Int]: Int] = [:]
        var oneValueEach = true
        for r in lines where !r.mergedAcross.isEmpty || oneValueEach {
            let filled = r.fields.lazy.filter { !$0.allSatisfy(\.isWhitespace) }.count
            if filled > 1 { oneValueEach = false; shapes.formUnion(r.mergedAcross.map { [$0.key, $0.value] }) }
            if r.heading { for (c, span) in r.mergedAcross { alone[[c, span], default: 0] += 1 } }
        }
        if oneValueEach { for (shape, n) in alone where n * 2 > lines.count { shapes.insert(shape) } }
        return shapes
    }

    /// A workbook's line whose one value fills a cell merged across the row (`CSVRecord.heading`), not
    /// merged as the list's columns are.
    static func mergedHeading(_ r: CSVRecord, layout: Set<[Int]>) -> Bool {
        r.heading && !r.mergedAcross.contains { layout.contains([$0.key, $0.value]) }
    }

    /// A line whose one filled cell is a single word in the person's name column («Администрация»),
    /// in a list of three columns or more: a section's heading as it reads in CSV (a workbook's cell
    /// merged across the row says so itself); a person's name has two words at least.
    static func headingInNameColumn(_ record: CSVRecord, _ targets: [Target], _ columns: [ColumnSchema]) -> Bool {
        guard targets.count >= 3 else { return false }
        let filled = record.fields.indices.filter { !record.fields[$0].allSatisfy(\.isWhitespace) }
        guard filled.count == 1, filled[0] < targets.count, case .column(let k) = targets[filled[0]], columns[k].name == "full_name" else { return false }
        return !record.fields[filled[0]].trimmingCharacters(in: .whitespaces).contains { $0.isWhitespace || $0.isNumber }
    }

    /// The first filled cell of a line that is the list's total («Итого: 12 человек», «Всего» in the
    /// «№ п/п» column and a count beside it), as lists kept in Excel end; nil for any other line.
    static func totalsLine(_ record: CSVRecord) -> String? {
        guard let first = record.fields.first(where: { !$0.allSatisfy(\.isWhitespace) })?.trimmingCharacters(in: .whitespaces) else { return nil }
        let lower = first.lowercased()
        guard let word = ["итого", "всего"].first(where: { lower.hasPrefix($0) }) else { return nil }
        return lower.dropFirst(word.count).first?.isLetter == true ? nil : first
    }

    /// The «№ п/п» cell of a line that fills nothing else: a word there is a section's heading (as a
    /// heading merged across the row reads in CSV), a number a row numbered ahead and left empty.
    static func rowNumberAlone(_ record: CSVRecord, _ targets: [Target]) -> String? {
        let filled = record.fields.indices.filter { !record.fields[$0].allSatisfy(\.isWhitespace) }
        guard filled.count == 1, filled[0] < targets.count, case .rowNumber = targets[filled[0]] else { return nil }
        return record.fields[filled[0]]
    }

    /// The «№ п/п» of a line numbered ahead in a template that filled its defaults down the sheet
    /// («2;;учитель;нет»): beside the number, only choices from a list (a role, a status, a 0/1
    /// flag) or a yes/no word. No name, no date, no text: nobody's line (a name forgotten leaves
    /// something of the person: a birth date, a position, which is refused as before). Only in a list
    /// with a column a row cannot be without (a name): such a line could never have been loaded.
    static func templateDefaults(_ record: CSVRecord, _ targets: [Target], _ columns: [ColumnSchema]) -> String? {
        guard columns.contains(where: { $0.required && !isChoice($0) }) else { return nil }
        var number: String?
        for (k, cell) in record.fields.enumerated() where !cell.allSatisfy(\.isWhitespace) {
            guard k < targets.count else { return nil }
            let value = cell.trimmingCharacters(in: .whitespaces)
            switch targets[k] {
            case .rowNumber: number = value
            case .column(let c):
                if !isChoice(columns[c]) && !yesOrNo(value) { return nil }
            case .skipped: if !yesOrNo(value) { return nil }
            default: return nil
            }
        }
        guard let number, number.contains(where: \.isNumber) else { return nil }
        return number
    }

    /// A column a template fills from a list: a choice, or a 0/1 flag.
    static func isChoice(_ column: ColumnSchema) -> Bool {
        switch column.kind {
        case .enumeration: return true
        case .integer(let range): return range == 0...1
        default: return false
        }
    }

    static func yesOrNo(_ value: String) -> Bool {
        ["да", "нет", "yes", "no", "-", "—", "0", "1"].contains(value.lowercased())
    }

    /// Whether the cells of a column number the lines: from 1, each above the one before («1.» too;
    /// a line deleted leaves a gap), a section starting again at 1. Other whole numbers (a course's
    /// hours, years of experience under a name erased) are values.
    static func countsLines(_ cells: [String]) -> Bool {
        var last = 0
        for cell in cells {
            guard let n = Int(cell.hasSuffix(".") ? String(cell.dropLast()) : cell), n == 1 || (last > 0 && n > last) else { return false }
            last = n
        }
        return !cells.isEmpty
    }
}
