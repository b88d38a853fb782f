import Foundation
import MentorSyncEngine

extension CSVImporter {
    /// The lines of a list that are none of its rows, each left out and said in the result: a row
    /// hidden in Excel (a filter's «наставники 2026»: not hers to load unseen), a section's heading,
    /// the list's total, a «№ п/п» filled alone — told once a line of the list follows it (numbered
    /// ahead after the last line, it is a template's empty row: silent), a numbered line with nothing
    /// but a template's defaults (`templateDefaults`): told.
    struct LinesLeftOut {
        let targets: [Target]
        let columns: [ColumnSchema]
        /// Merges that are the list's own columns (`mergeLayout`).
        let layout: Set<[Int]>
        private var numberedAhead: [CSVLineOutcome] = []

        init(targets: [Target], columns: [ColumnSchema], layout: Set<[Int]>) {
            self.targets = targets; self.columns = columns; self.layout = layout
        }

        /// Whether `record` is left out (said in `result`); a line of the list, or one hidden, tells
        /// the numbers alone before it as lines between the list's.
        mutating func leaves(_ record: CSVRecord, _ result: inout CSVImportResult) -> Bool {
            if let hidden = record.hidden {
                numbersAloneAreBetweenLines(&result)
                result.hiddenLines.append(record.line)
                if hidden == .filter { result.filteredLines.append(record.line) }
                result.outcomes.append(CSVLineOutcome(line: record.line, kind: .skipped, reason: Message.importRowHidden(filtered: hidden == .filter).text(),
                                                      cells: record.fields))
                return true
            }
            if CSVImporter.mergedHeading(record, layout: layout) || CSVImporter.headingInNameColumn(record, targets, columns) {
                result.headingLines.append(record.line)
                return true
            }
            if let total = CSVImporter.totalsLine(record) {
                result.totalsLines.append(record.line)
                result.outcomes.append(CSVLineOutcome(line: record.line, kind: .skipped, reason: Message.importTotalsLine(total).text(), cells: record.fields))
                return true
            }
            // Only the «№ п/п» cell filled: a section's heading (a word), or a row numbered ahead and left empty.
            if let number = CSVImporter.rowNumberAlone(record, targets) {
                if !number.contains(where: \.isNumber) { result.headingLines.append(record.line) } else {
                    numberedAhead.append(CSVLineOutcome(line: record.line, kind: .skipped, reason: Message.importNumberAlone(number.trimmingCharacters(in: .whitespaces)).text(),
                                                        cells: record.fields))
                }
                return true
            }
            if let number = CSVImporter.templateDefaults(record, targets, columns) {
                result.templateLines.append(record.line)
                result.outcomes.append(CSVLineOutcome(line: record.line, kind: .skipped, reason: Message.importTemplateDefaults(number).text(), cells: record.fields))
                return true
            }
            numbersAloneAreBetweenLines(&result)
            return false
        }

        private mutating func numbersAloneAreBetweenLines(_ result: inout CSVImportResult) {
            result.numberAloneLines += numberedAhead.map(\.line)
            result.outcomes += numberedAhead
            numberedAhead = []
        }
    }
}
