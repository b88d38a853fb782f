import Foundation

/// Reads one worksheet part into rows of cell texts, the way a CSV file reads: ECMA-376 Part 1,
/// 18.3.1.73 (row), 18.3.1.4 (c), 18.18.11 (ST_CellType). Cells may be missing (`r="C5"` after
/// `A5` leaves B5 empty, rows may be skipped); each record keeps its sheet row number as its line,
/// and every record is as wide as the widest one, so a row that ends early reads as empty cells.
struct XLSXSheetParser {
    var sharedStrings: [String]
    var styles: [XLSXNumberKind]
    var date1904: Bool
    /// Cells with a value, over the whole sheet; more is refused before memory runs out.
    var maxCells = 5_000_000

    static let maxRow = 1_048_576
    static let maxColumn = 16_384

    func records(_ bytes: [UInt8], part: String, file: String) throws -> [CSVRecord] {
        var rows: [(number: Int, cells: [Int: String])] = []
        // Rows hidden (18.3.1.73 @hidden; "1" from Excel, "true" from LibreOffice), and the rows the
        // sheet's filter covers (18.3.1.2): a hidden row under it is one the filter hid.
        var hiddenRows: Set<Int> = []
        var filtered: ClosedRange<Int>?
        // A sheet holding a table (Excel's «Форматировать как таблицу», 18.3.1.94): its filter is
        // the table's, in another part; a row hidden there is one the table's filter hid.
        var hasTable = false
        var cells: [Int: String] = [:]
        var rowNumber = 0
        var column = -1
        var type = "n"
        var style = 0
        var value = ""
        var formula = false
        var inline = ""
        var capture: Capture = .none
        var phonetic = 0
        var width = 0
        var count = 0
        // Only cells of sheetData count, and only text runs of inline strings: other parts of a
        // sheet (extensions, comments' anchors) may use the same short names.
        var inSheetData = false
        var inInline = false

        func bad(_ reason: Message) -> XLSXError { .badPart(file: file, part: part, reason: reason) }

        let w = XMLWalker()
        // Merged cells (18.3.1.55), read into the grid (`SheetGrid`).
        var grid = SheetGrid()
        w.start = { name, a in
            if name == "sheetData" { inSheetData = true }
            if name == "mergeCell", let ref = a["ref"], !inSheetData {
                let corners = ref.split(separator: ":").compactMap { XLSXSheetParser.reference(String($0)) }
                if corners.count == 2, let from = corners[0].row, let to = corners[1].row {
                    grid.merge(column: corners[0].column, row: from, lastColumn: corners[1].column, lastRow: to)
                }
            }
            if name == "tablePart", !inSheetData { hasTable = true }
            if name == "autoFilter", let ref = a["ref"], !inSheetData {
                let rows = ref.split(separator: ":").compactMap { XLSXSheetParser.reference(String($0))?.row }
                if let first = rows.first, let last = rows.last, last >= first { filtered = first...last }
            }
            guard inSheetData else { return }
            switch name {
            case "row":
                if let r = a["r"] {
                    guard let n = Int(r), n > rowNumber, n <= XLSXSheetParser.maxRow else { throw bad(.xlsxRowOrder(r)) }
                    rowNumber = n
                } else {
                    rowNumber += 1
                }
                if let h = a["hidden"], h == "1" || h == "true" { hiddenRows.insert(rowNumber) }
                cells = [:]
                column = -1
            case "c":
                if let r = a["r"] {
                    guard let ref = XLSXSheetParser.reference(r), ref.row == nil || ref.row == rowNumber else {
                        throw bad(.xlsxCellOutsideRow(r, row: rowNumber))
                    }
                    column = ref.column
                } else {
                    column += 1
                }
                guard column < XLSXSheetParser.maxColumn else { throw bad(.xlsxBeyondXFD) }
                type = a["t"] ?? "n"
                style = a["s"].flatMap { Int($0) } ?? 0
                value = ""
                inline = ""
                formula = false
            case "f": formula = true
            case "v": capture = .value
            case "is": inInline = true
            case "t" where phonetic == 0 && inInline: capture = .inline
            case "rPh": phonetic += 1
            default: break
            }
        }
        w.text = { s in
            switch capture {
            case .value: value += s
            case .inline: inline += s
            case .none: break
            }
        }
        w.end = { name in
            if name == "sheetData" { inSheetData = false }
            guard inSheetData else { return }
            switch name {
            case "is": inInline = false
            case "v", "t": capture = .none
            case "rPh": phonetic -= 1
            case "c":
                // A formula of no type and no value was never computed (the file made by a program, not
                // by Excel, which keeps every formula's last value): the cell shows what the file lacks.
                if formula && type == "n" && XLSXSheetParser.trimmed(value).isEmpty {
                    throw XLSXError.formulaWithoutValue(file: file, cell: XLSXWriter.column(column) + String(rowNumber))
                }
                let text = try cellText(type: type, style: style, value: value, inline: inline, bad)
                guard !text.isEmpty else { return }
                cells[column] = text
                width = max(width, column + 1)
                count += 1
                if count > maxCells { throw XLSXError.tooLarge(file: file, reason: .xlsxManyCells(maxCells)) }
            case "row":
                if !cells.isEmpty { rows.append((rowNumber, cells)) }
            default: break
            }
        }
        try w.walk(bytes, part: part, file: file)
        grid.rows = rows
        grid.width = width
        grid.count = count
        for r in hiddenRows { grid.hidden[r] = filtered?.contains(r) == true || hasTable ? .filter : .byHand }
        return try grid.records(file: file, maxCells: maxCells)
    }

    private enum Capture { case none, value, inline }

    /// The text of one cell, by its type (18.18.11) and, for numbers, its style's number format.
    func cellText(type: String, style: Int, value: String, inline: String, _ bad: (Message) -> XLSXError) throws -> String {
        switch type {
        case "s":
            guard let i = Int(XLSXSheetParser.trimmed(value)), sharedStrings.indices.contains(i) else {
                throw bad(.xlsxNoSharedString(value))
            }
            return sharedStrings[i]
        case "inlineStr": return XLSXParts.unescape(inline)
        case "str": return XLSXParts.unescape(value)
        case "e": return value
        case "b": return value == "1" || value.lowercased() == "true" ? "1" : "0"
        case "d":
            // An ISO 8601 date cell (rare; Strict files): the date, and the time when there is one.
            let parts = value.split(separator: "T", maxSplits: 1)
            guard let day = parts.first else { return "" }
            let time = parts.count > 1 ? String(parts[1].prefix(5)) : "00:00"
            return time == "00:00" ? String(day) : "\(day) \(time)"
        default:
            let raw = XLSXSheetParser.trimmed(value)
            guard !raw.isEmpty, let number = Double(raw) else { return raw }
            let kind = styles.indices.contains(style) ? styles[style] : .number
            if kind == .percent { return XLSXSheetParser.numberText(number * 100) + "%" }
            if kind != .number, let text = ExcelDate.text(serial: number, kind: kind, date1904: date1904) { return text }
            return XLSXSheetParser.numberText(number)
        }
    }

    /// A number as a person reads it in the cell: at most 15 significant digits, as Excel shows
    /// (so 0.1+0.2 reads 0.3), whole numbers without a point.
    static func numberText(_ d: Double) -> String {
        // Whole numbers (most cells) need no rounding to 15 digits; formatting is costly.
        if d == d.rounded(), abs(d) < 1e15 { return String(Int64(d)) }
        let shown = Double(String(format: "%.15g", d)) ?? d
        if shown == shown.rounded(), abs(shown) < 1e15 { return String(Int64(shown)) }
        return "\(shown)"
    }

    /// The text without spaces around it; values rarely have any, and Foundation's trimming is slow.
    static func trimmed(_ s: String) -> String {
        guard let first = s.utf8.first, let last = s.utf8.last, first == 0x20 || last == 0x20 || first == 0x09 || last == 0x09 else { return s }
        return s.trimmingCharacters(in: .whitespaces)
    }

    /// `C5` → column 2 (from 0), row 5; `C` alone → column 2, no row.
    static func reference(_ r: String) -> (column: Int, row: Int?)? {
        var column = 0
        var letters = 0
        var digits = ""
        for ch in r.uppercased().unicodeScalars {
            if ch.value >= 65 && ch.value <= 90 && digits.isEmpty {
                column = column * 26 + Int(ch.value - 64)
                letters += 1
                guard letters <= 3 else { return nil }
            } else if ch.value >= 48 && ch.value <= 57 {
                digits.unicodeScalars.append(ch)
            } else {
                return nil
            }
        }
        guard letters > 0 else { return nil }
        return (column - 1, digits.isEmpty ? nil : Int(digits))
    }
}
