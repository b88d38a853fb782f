import Foundation

/// A cell to write: text, a number, a date (`YYYY-MM-DD`, written as a date cell shown
/// `DD.MM.YYYY`), or nothing.
public enum XLSXCell: Sendable, Equatable {
    case text(String)
    case number(Double)
    case date(String)
    case empty
}

/// Writes a minimal workbook that Excel and LibreOffice open without a repair prompt: the parts
/// ECMA-376 requires (content types, relationships, workbook, sheets, styles, shared strings) and
/// nothing else. The first row of each sheet is the header: bold and frozen; columns
/// are as wide as their text. Dates are real date cells, so they sort and filter as dates.
public struct XLSXWriter {
    /// Text in a shared string table (as Excel writes) or inline in each cell.
    public var sharedStrings = true
    /// Stamped on the zip entries.
    public var modified = Date()

    public init(sharedStrings: Bool = true, modified: Date = Date()) {
        self.sharedStrings = sharedStrings
        self.modified = modified
    }

    /// Excel's limit on the text of one cell.
    public static let maxCellText = 32_767

    static let main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let officeRels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    static let packageRels = "http://schemas.openxmlformats.org/package/2006/relationships"
    static let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"

    /// One sheet.
    public func encode(sheet name: String, rows: [[XLSXCell]]) throws -> Data {
        try encode(sheets: [(name, rows)])
    }

    /// Several sheets, in tab order.
    public func encode(sheets: [(name: String, rows: [[XLSXCell]])]) throws -> Data {
        var strings = SharedStrings()
        var names: [String] = []
        var sheetXML: [String] = []
        for (name, rows) in sheets {
            let n = XLSXWriter.sheetName(name, taken: names)
            names.append(n)
            sheetXML.append(try worksheet(n, rows, &strings))
        }
        var zip = ZipWriter(modified: modified)
        let count = names.count
        try zip.add("[Content_Types].xml", bytes(contentTypes(count)))
        try zip.add("_rels/.rels", bytes(XLSXWriter.header + """
            <Relationships xmlns="\(XLSXWriter.packageRels)">\
            <Relationship Id="rId1" Type="\(XLSXWriter.officeRels)/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>
            """))
        try zip.add("xl/workbook.xml", bytes(workbook(names)))
        try zip.add("xl/_rels/workbook.xml.rels", bytes(workbookRels(count)))
        for (i, xml) in sheetXML.enumerated() { try zip.add("xl/worksheets/sheet\(i + 1).xml", bytes(xml)) }
        try zip.add("xl/styles.xml", bytes(XLSXWriter.styles))
        if sharedStrings { try zip.add("xl/sharedStrings.xml", bytes(strings.xml)) }
        return zip.finish()
    }

    private func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    func worksheet(_ name: String, _ rows: [[XLSXCell]], _ strings: inout SharedStrings) throws -> String {
        let width = rows.map(\.count).max() ?? 0
        var widths = [Int](repeating: 8, count: width)
        let letters = (0..<width).map(XLSXWriter.column)
        var data = ""
        for (r, row) in rows.enumerated() {
            data += "<row r=\"\(r + 1)\">"
            for (c, cell) in row.enumerated() {
                let ref = letters[c] + String(r + 1)
                let style = r == 0 ? " s=\"1\"" : ""
                switch cell {
                case .empty: continue
                case .number(let d) where d.isFinite:
                    let shown = XLSXSheetParser.numberText(d)
                    data += "<c r=\"\(ref)\"\(style)><v>\(shown)</v></c>"
                    widths[c] = max(widths[c], shown.utf8.count)
                case .date(let day) where ExcelDate.serial(day) != nil:
                    data += "<c r=\"\(ref)\" s=\"\(r == 0 ? 1 : 2)\"><v>\(ExcelDate.serial(day)!)</v></c>"
                    widths[c] = max(widths[c], 10)
                case .text(let s), .date(let s):
                    try data += text(s, ref, style, &strings, sheet: name)
                    if widths[c] < 60 { widths[c] = max(widths[c], XLSXWriter.widestLine(s)) }
                case .number(let d):
                    try data += text("\(d)", ref, style, &strings, sheet: name)
                }
            }
            data += "</row>"
        }
        var xml = XLSXWriter.header + "<worksheet xmlns=\"\(XLSXWriter.main)\" xmlns:r=\"\(XLSXWriter.officeRels)\">"
        let last = width > 0 && !rows.isEmpty ? "\(XLSXWriter.column(width - 1))\(rows.count)" : "A1"
        xml += "<dimension ref=\"A1:\(last)\"/>"
        if rows.count > 1 {
            xml += "<sheetViews><sheetView workbookViewId=\"0\"><pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"
                + "<selection pane=\"bottomLeft\" activeCell=\"A2\" sqref=\"A2\"/></sheetView></sheetViews>"
        }
        xml += "<sheetFormatPr defaultRowHeight=\"15\"/>"
        if width > 0 {
            xml += "<cols>" + widths.enumerated().map { i, w in
                "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(min(w, 60) + 2)\" customWidth=\"1\"/>"
            }.joined() + "</cols>"
        }
        xml += "<sheetData>\(data)</sheetData>"
        return xml + "</worksheet>"
    }

    private func text(_ s: String, _ ref: String, _ style: String, _ strings: inout SharedStrings, sheet: String) throws -> String {
        guard s.count <= XLSXWriter.maxCellText else { throw XLSXError.cellTooLong(sheet: sheet, cell: ref) }
        if s.isEmpty { return "" }
        if sharedStrings { return "<c r=\"\(ref)\"\(style) t=\"s\"><v>\(strings.index(s))</v></c>" }
        return "<c r=\"\(ref)\"\(style) t=\"inlineStr\"><is><t xml:space=\"preserve\">\(XLSXWriter.escape(s))</t></is></c>"
    }

    struct SharedStrings {
        /// By `ComposedKey`: the texts Swift calls equal share an entry, as they did as `String` keys.
        private var indices: [ComposedKey: Int] = [:]
        private var body = ""
        private var uses = 0

        mutating func index(_ s: String) -> Int {
            uses += 1
            let key = ComposedKey(s)
            if let i = indices[key] { return i }
            let i = indices.count
            indices[key] = i
            body += "<si><t xml:space=\"preserve\">\(XLSXWriter.escape(s))</t></si>"
            return i
        }

        var xml: String {
            XLSXWriter.header + "<sst xmlns=\"\(XLSXWriter.main)\" count=\"\(uses)\" uniqueCount=\"\(indices.count)\">\(body)</sst>"
        }
    }

    /// Characters in the longest line of a text (unicode scalars: close enough for a column width).
    static func widestLine(_ s: String) -> Int {
        guard s.utf8.contains(0x0A) else { return s.unicodeScalars.count }
        return s.split(separator: "\n").map { $0.unicodeScalars.count }.max() ?? 0
    }

    /// `0` → `A`, `26` → `AA`.
    static func column(_ index: Int) -> String {
        var n = index + 1
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }

    /// Text for XML: markup characters as entities; characters XML 1.0 cannot hold as Excel's
    /// `_xHHHH_`, and a literal `_xHHHH_` guarded as `_x005F_xHHHH_` so it reads back as written.
    static func escape(_ s: String) -> String {
        // Most cells hold nothing to escape: no markup characters, no "_", no control characters
        // (0xEF starts U+FFFE and U+FFFF, which XML cannot hold either).
        if !s.utf8.contains(where: { $0 < 0x20 || $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x5F || $0 == 0xEF }) {
            return s
        }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        let scalars = Array(s.unicodeScalars)
        for (i, u) in scalars.enumerated() {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            case "_" where XLSXWriter.startsEscape(scalars, i + 1): out += "_x005F_"
            default:
                if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF {
                    out += String(format: "_x%04X_", u.value)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out
    }

    /// Whether `x` and four hex digits and `_` start at `i`.
    private static func startsEscape(_ s: [Unicode.Scalar], _ i: Int) -> Bool {
        guard i + 5 < s.count, s[i] == "x", s[i + 5] == "_" else { return false }
        return s[(i + 1)...(i + 4)].allSatisfy { $0.properties.isASCIIHexDigit }
    }

    /// A name Excel takes for a tab: at most 31 characters, none of `[]:*?/\`, unique.
    static func sheetName(_ wanted: String, taken: [String]) -> String {
        var name = String(wanted.unicodeScalars.filter { !"[]:*?/\\".unicodeScalars.contains($0) }.map(Character.init))
            .trimmingCharacters(in: CharacterSet(charactersIn: "' "))
        if name.isEmpty { name = "Sheet" }
        name = String(name.prefix(31))
        var candidate = name
        var n = 2
        while taken.contains(where: { $0.lowercased() == candidate.lowercased() }) {
            candidate = String(name.prefix(31 - String(n).count - 1)) + " \(n)"
            n += 1
        }
        return candidate
    }
}
