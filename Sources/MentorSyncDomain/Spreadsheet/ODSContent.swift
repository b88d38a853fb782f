import Foundation

/// Reads an OpenDocument spreadsheet's `content.xml` (OpenDocument 1.2 Part 1: 9.1.2 table:table,
/// 9.1.3 table:table-row, 9.1.4 table:table-cell, 19.389 office:value-type) into records, the way
/// `XLSXSheetParser` reads a worksheet. Rows and cells repeated (`number-rows-repeated`, a sheet's
/// thousand empty rows at its end) take no room unless they hold a value.
enum ODSContent {
    struct Sheet { var name: String; var hidden: Bool; var records: [CSVRecord] }

    /// Cells with a value, over the whole file; more is refused before memory runs out.
    static let maxCells = 5_000_000
    /// Copies of one row of values (`number-rows-repeated`) read at most.
    static let maxRepeatedRows = 100_000

    static func read(_ bytes: [UInt8], file: String) throws -> [Sheet] {
        var sheets: [Sheet] = []
        var hiddenStyles: Set<String> = [], tableStyle: String?, styleName: String?
        var name = "", grid = SheetGrid(), row = 0, column = 0, count = 0
        var rowRepeat = 1, visibility = "visible", cells: [Int: String] = [:]
        // The cell being read: its attributes, its paragraphs, and whether text is its own (not a note's).
        var cell: [String: String]?, paragraphs: [String] = [], inParagraph = false, inNote = 0

        let w = XMLWalker()
        func number(_ a: [String: String], _ key: String) -> Int { a[key].flatMap { Int($0) }.map { max($0, 1) } ?? 1 }
        w.start = { element, a in
            switch element {
            case "style" where a["style:family"] == "table": styleName = a["style:name"]
            case "table-properties" where a["table:display"] == "false": if let s = styleName { hiddenStyles.insert(s) }
            case "table" where cell == nil:
                name = a["table:name"] ?? "Sheet\(sheets.count + 1)"; tableStyle = a["table:style-name"]
                grid = SheetGrid(); row = 0
            case "table-row":
                rowRepeat = number(a, "table:number-rows-repeated"); visibility = a["table:visibility"] ?? "visible"
                row += 1; column = 0; cells = [:]
            case "table-cell", "covered-table-cell": cell = a; paragraphs = []
            case "annotation": inNote += 1
            case "p" where cell != nil && inNote == 0: inParagraph = true; paragraphs.append("")
            case "s" where inParagraph && inNote == 0: paragraphs[paragraphs.count - 1] += String(repeating: " ", count: number(a, "text:c"))
            case "tab" where inParagraph && inNote == 0: paragraphs[paragraphs.count - 1] += "\t"
            case "line-break" where inParagraph && inNote == 0: paragraphs[paragraphs.count - 1] += "\n"
            default: break
            }
        }
        w.text = { s in if inParagraph && inNote == 0 { paragraphs[paragraphs.count - 1] += s } }
        w.end = { element in
            switch element {
            case "annotation": inNote -= 1
            case "p": inParagraph = false
            case "table-cell", "covered-table-cell":
                guard let a = cell else { return }
                cell = nil
                let repeated = number(a, "table:number-columns-repeated")
                defer { column += repeated }
                let text = element == "covered-table-cell" ? "" : value(a, paragraphs)
                guard !text.isEmpty, column < XLSXSheetParser.maxColumn else { return }
                for k in column..<min(column + repeated, XLSXSheetParser.maxColumn) { cells[k] = text }
                grid.width = max(grid.width, min(column + repeated, XLSXSheetParser.maxColumn))
                count += repeated
                if count > maxCells { throw XLSXError.tooLarge(file: file, reason: .xlsxManyCells(maxCells)) }
                let across = number(a, "table:number-columns-spanned"), down = number(a, "table:number-rows-spanned")
                if across > 1 || down > 1 { grid.merge(column: column, row: row, lastColumn: column + across - 1, lastRow: row + down - 1) }
            case "table-row":
                defer { row += rowRepeat - 1 }
                guard !cells.isEmpty, row <= XLSXSheetParser.maxRow else { return }
                // A row of values repeated: its copies are counted before they are made (a few bytes
                // of the file may repeat a row a million times; a list copied down is not so long).
                let last = min(row + rowRepeat - 1, XLSXSheetParser.maxRow)
                guard last - row < maxRepeatedRows else { throw XLSXError.tooLarge(file: file, reason: .xlsxSpan(rows: last - row + 1, columns: grid.width)) }
                count += cells.count * (last - row)
                if count > maxCells { throw XLSXError.tooLarge(file: file, reason: .xlsxManyCells(maxCells)) }
                for r in row...last {
                    grid.rows.append((r, cells))
                    if visibility == "filter" { grid.hidden[r] = .filter } else if visibility == "collapse" { grid.hidden[r] = .byHand }
                }
            case "table" where cell == nil:
                sheets.append(Sheet(name: name, hidden: tableStyle.map(hiddenStyles.contains) ?? false,
                                    records: try grid.records(file: file, maxCells: maxCells)))
            default: break
            }
        }
        try w.walk(bytes, part: "content.xml", file: file)
        return sheets
    }

    /// A cell's text as Calc shows it, by its value type.
    static func value(_ a: [String: String], _ paragraphs: [String]) -> String {
        let shown = paragraphs.joined(separator: "\n")
        switch a["office:value-type"] {
        case "float", "currency":
            return a["office:value"].flatMap(Double.init).map(XLSXSheetParser.numberText) ?? shown
        case "percentage":
            return a["office:value"].flatMap(Double.init).map { XLSXSheetParser.numberText($0 * 100) + "%" } ?? shown
        case "boolean":
            return a["office:boolean-value"].map { $0 == "true" ? "1" : "0" } ?? shown
        case "date":
            guard let v = a["office:date-value"] else { return shown }
            let parts = v.split(separator: "T", maxSplits: 1)
            let day = String(parts[0])
            // Calc's day 0, as a formula shows a date it did not find: as Excel's (`ExcelDate.zero`).
            if day == "1899-12-30" { return ExcelDate.zero }
            let time = parts.count > 1 ? String(parts[1].prefix(5)) : "00:00"
            return time == "00:00" ? day : "\(day) \(time)"
        case "string":
            return a["office:string-value"] ?? shown
        default:
            return shown
        }
    }

    /// The sheet open when the file was saved (settings.xml, «ActiveTable»), if it says.
    static func activeTable(_ bytes: [UInt8], file: String) throws -> String? {
        var active: String?, capturing = false
        let w = XMLWalker()
        w.start = { element, a in capturing = element == "config-item" && a["config:name"] == "ActiveTable" && active == nil }
        w.text = { s in if capturing { active = (active ?? "") + s } }
        w.end = { _ in capturing = false }
        try w.walk(bytes, part: "settings.xml", file: file)
        return active
    }
}
