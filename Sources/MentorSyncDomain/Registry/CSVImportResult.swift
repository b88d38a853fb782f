import Foundation
import MentorSyncEngine

/// What an import did.
public struct CSVImportResult: Sendable {
    public var table: String
    public var file: URL
    public var separator: CSVSeparator
    public var encoding: CSVEncoding
    /// The workbook sheet read; nil for a CSV file.
    public var sheet: String?
    /// The workbook's shown sheets, in tab order (empty for a CSV file).
    public var sheets: [String] = []
    /// New rows written.
    public var inserted = 0
    /// Existing rows (matched by id) whose values changed.
    public var updated = 0
    /// Existing rows the file repeats exactly: nothing was written for them.
    public var unchanged = 0
    /// Rows refused (only with `skipBad` or `dryRun`; otherwise the import throws instead).
    public var badRows: [CSVBadRow] = []
    /// What happened to each line of the file, in line order (see `CSVImporter+Preview`).
    public var outcomes: [CSVLineOutcome] = []

    /// Columns of the file no column of the table has, as the first line names them: left out.
    public var skippedColumns: [String] = []
    /// Lines above the header (a title, the school's name) left out.
    public var titleLines = 0
    /// Lines of section headings between the rows (a cell merged across the row, or a word alone in
    /// the «№ п/п» column): left out.
    public var headingLines: [Int] = []
    /// The list's totals lines («Итого: 12 человек»): left out, and said.
    public var totalsLines: [Int] = []
    /// Lines of a workbook hidden in Excel, by the sheet's filter or by hand: left out, each told (she
    /// loads what she sees); `filteredLines` are those the filter hid.
    public var hiddenLines: [Int] = []
    public var filteredLines: [Int] = []
    /// Lines filling their «№ п/п» alone between the list's lines (a line erased, its number left): left
    /// out and told. Those after the last line of the list are numbered ahead: left out silently.
    public var numberAloneLines: [Int] = []
    /// Lines of a template numbered ahead with its defaults filled, no name («2;;учитель;нет»): left
    /// out and told, wherever they are.
    public var templateLines: [Int] = []
    /// «Фамилия», «Имя», «Отчество» read as one «ФИО» (`NameColumns`).
    public var nameColumnsJoined = false
    /// People added with no role (a list of teachers without «Роль»): the report's indicators about
    /// teachers do not count them, so the person is told.
    public var addedWithoutRole = 0
    /// Mentees a pairs list's «Наставляемые» linked to the new pairs it added.
    public var menteesLinked = 0
    /// Lines of pairs the registry holds already whose «Наставляемые» name others than the pair has:
    /// a list does not change who is in a pair that exists (its page does), so the person is told.
    public var menteesLeftAlone = 0

    /// Rows of the file that are in the registry now.
    public var imported: Int { inserted + updated + unchanged }
    /// Lines left out and shown so (hidden in Excel, a total, numbers alone between the lines).
    public var skipped: Int { outcomes.lazy.filter { $0.kind == .skipped }.count }

    /// The notes on lines of the list left out though they hold something (a total, rows hidden in
    /// Excel, numbers alone): a receipt says them again, as the lines loaded do not count them.
    public var linesLeftOut: [Message] {
        var notes: [Message] = []
        if !totalsLines.isEmpty { notes.append(.importTotalsLinesSkipped(totalsLines)) }
        let byHand = hiddenLines.filter { !filteredLines.contains($0) }
        if !filteredLines.isEmpty { notes.append(.importHiddenLines(filteredLines, filtered: true)) }
        if !byHand.isEmpty { notes.append(.importHiddenLines(byHand, filtered: false)) }
        if !numberAloneLines.isEmpty { notes.append(.importNumberAloneLines(numberAloneLines)) }
        if !templateLines.isEmpty { notes.append(.importTemplateLines(templateLines)) }
        return notes
    }

    /// What the person should know about how the file was read, before its lines: the one source of
    /// these notes for `import-csv`, its `--dry-run` and the web app's preview.
    public var notes: [Message] {
        var notes: [Message] = []
        if titleLines > 0 { notes.append(.importTitleLinesSkipped(titleLines)) }
        if !headingLines.isEmpty { notes.append(.importHeadingsSkipped(headingLines)) }
        notes += linesLeftOut
        if nameColumnsJoined { notes.append(.importNameColumnsJoined) }
        // Years of experience where the registry keeps the day they began: said what to write instead.
        let years = skippedColumns.filter { HeaderAliases.isExperienceInYears($0, table: table) }
        let others = skippedColumns.filter { !years.contains($0) }
        if !others.isEmpty { notes.append(.importColumnsSkipped(table, others)) }
        for name in years { notes.append(.importExperienceInYears(name)) }
        if addedWithoutRole > 0 { notes.append(.importAddedWithoutRole(addedWithoutRole)) }
        if menteesLeftAlone > 0 { notes.append(.importPairMenteesLeftAlone(menteesLeftAlone)) }
        return notes
    }
}
