import Foundation

/// A worksheet's cells as read from its file (Excel's or LibreOffice's), with its merged cells and
/// hidden rows, made into records the way a CSV file reads: what both readers share.
struct SheetGrid {
    /// Rows holding a value, in order: their sheet row number and their cells by column (from 0).
    var rows: [(number: Int, cells: [Int: String])] = []
    /// Columns up to the last holding a value.
    var width = 0
    /// Cells with a value, counted against the reader's bound.
    var count = 0
    /// Cells merged across columns: [row, first column] → how many columns. A row holding one alone,
    /// over three columns or the whole sheet's width, is a heading (a name cell merged over two columns
    /// in every row of a list is no heading; see `CSVImporter.mergeLayout`).
    var acrossColumns: [[Int]: Int] = [:]
    /// Cells merged down (a pair's name over the rows of its meetings; a position over two columns
    /// and three rows): first column, first and last row, how many columns.
    var down: [(column: Int, from: Int, to: Int, span: Int)] = []
    /// Rows a person does not see: hidden by a filter, or by hand.
    var hidden: [Int: CSVRecord.Hidden] = [:]

    /// A merged range of cells, by its first and last row and column (from 0).
    mutating func merge(column: Int, row: Int, lastColumn: Int, lastRow: Int) {
        guard lastColumn >= column, lastRow >= row else { return }
        let span = lastColumn - column + 1
        if span > 1 { acrossColumns[[row, column]] = span }
        if lastRow > row { down.append((column, row, lastRow, span)) }
    }

    /// The records, every one as wide as the widest row; each keeps its sheet row number as its line.
    mutating func records(file: String, maxCells: Int) throws -> [CSVRecord] {
        guard rows.count * width <= maxCells * 4 else {
            throw XLSXError.tooLarge(file: file, reason: .xlsxSpan(rows: rows.count, columns: width))
        }
        // A cell merged down a column shows its value in every row it covers: each of them reads it.
        // Merges never overlap in a file Excel writes (it repairs one whose merges do by dropping them):
        // one overlapping an earlier merge of its column is not read, so each cell is looked at once.
        if !down.isEmpty {
            let at = Dictionary(rows.enumerated().map { ($1.number, $0) }, uniquingKeysWith: { a, _ in a })
            let numbers = rows.map(\.number)
            var coveredTo: [Int: Int] = [:]
            for m in down.sorted(by: { ($0.column, $0.from) < ($1.column, $1.from) }) {
                if let covered = coveredTo[m.column], m.from <= covered { continue }
                coveredTo[m.column] = m.to
                guard let top = at[m.from].flatMap({ rows[$0].cells[m.column] }) else { continue }
                // The first row below the merge's first (rows are in order): a binary search, as a
                // sheet may hold many merges.
                var i = 0, end = numbers.count
                while i < end { let mid = (i + end) / 2; if numbers[mid] > m.from { end = mid } else { i = mid + 1 } }
                while i < numbers.count, numbers[i] <= m.to {
                    if rows[i].cells[m.column] == nil {
                        rows[i].cells[m.column] = top
                        if m.span > 1 { acrossColumns[[rows[i].number, m.column]] = m.span }
                        count += 1
                        if count > maxCells { throw XLSXError.tooLarge(file: file, reason: .xlsxManyCells(maxCells)) }
                    }
                    i += 1
                }
            }
        }
        var merged: [Int: [Int: Int]] = [:]
        for (at, span) in acrossColumns { merged[at[0], default: [:]][at[1]] = span }
        return rows.map { row in
            var fields = [String](repeating: "", count: width)
            for (k, v) in row.cells { fields[k] = v }
            let across = merged[row.number]?.filter { row.cells[$0.key] != nil } ?? [:]
            let heading = row.cells.count == 1 && across.values.contains { $0 >= min(3, width) }
            let hidden = self.hidden[row.number]
            var record = CSVRecord(line: row.number, fields: fields, heading: heading, hidden: hidden)
            record.mergedAcross = across
            return record
        }
    }
}
