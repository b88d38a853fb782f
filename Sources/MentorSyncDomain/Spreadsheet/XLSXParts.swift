/// Readers of the small parts of a workbook: relationships, the workbook (its sheets), the styles
/// (which cells hold dates) and the shared strings. ECMA-376 Part 1: 18.2.27 (workbook), 18.8.39
/// (styleSheet), 18.4.9 (sst); Part 2, 9.3 (relationships).
enum XLSXParts {
    struct Relationship { var type: String; var target: String }

    /// `Id` → relationship, from a `_rels/*.rels` part.
    static func relationships(_ bytes: [UInt8], part: String, file: String) throws -> [String: Relationship] {
        var found: [String: Relationship] = [:]
        let w = XMLWalker()
        w.start = { name, a in
            guard name == "Relationship", let id = a["Id"], let target = a["Target"] else { return }
            found[id] = Relationship(type: a["Type"] ?? "", target: target)
        }
        try w.walk(bytes, part: part, file: file)
        return found
    }

    /// The part a relationship target names, relative to the part that holds the relationship.
    static func resolve(_ target: String, from source: String) -> String {
        var parts = target.hasPrefix("/") ? [] : source.split(separator: "/").dropLast().map(String.init)
        for piece in target.split(separator: "/") {
            if piece == ".." { _ = parts.popLast() } else if piece != "." { parts.append(String(piece)) }
        }
        return parts.joined(separator: "/")
    }

    struct Workbook {
        /// `hidden`: `state="hidden"` or `"veryHidden"` (18.18.68): a sheet the person does not see in Excel.
        var sheets: [(name: String, relationship: String, hidden: Bool)] = []
        var date1904 = false
        /// The tab shown when the workbook was saved (18.2.30 workbookView@activeTab), an index into `sheets`.
        var activeTab = 0
    }

    static func workbook(_ bytes: [UInt8], part: String, file: String) throws -> Workbook {
        var book = Workbook()
        let w = XMLWalker()
        w.start = { name, a in
            if name == "workbookPr", let v = a["date1904"] { book.date1904 = v == "1" || v.lowercased() == "true" }
            if name == "workbookView", let v = a["activeTab"].flatMap({ Int($0) }) { book.activeTab = v }
            if name == "sheet", let sheet = a["name"], let id = XMLWalker.attribute(a, "id") {
                book.sheets.append((sheet, id, a["state"].map { $0 != "visible" } ?? false))
            }
        }
        try w.walk(bytes, part: part, file: file)
        return book
    }

    /// What each cell style (`s`, an index into cellXfs) makes of a number.
    static func styles(_ bytes: [UInt8], part: String, file: String) throws -> [XLSXNumberKind] {
        var codes: [Int: String] = [:]
        var formats: [Int] = []
        var inCellXfs = false
        let w = XMLWalker()
        w.start = { name, a in
            switch name {
            case "numFmt":
                if let id = a["numFmtId"].flatMap({ Int($0) }), let code = a["formatCode"] { codes[id] = code }
            case "cellXfs": inCellXfs = true
            case "xf" where inCellXfs: formats.append(a["numFmtId"].flatMap { Int($0) } ?? 0)
            default: break
            }
        }
        w.end = { name in if name == "cellXfs" { inCellXfs = false } }
        try w.walk(bytes, part: part, file: file)
        return formats.map { id in codes[id].map(XLSXNumberKind.init(code:)) ?? XLSXNumberKind(builtIn: id) }
    }

    /// The shared string table: each `si`'s text runs joined, phonetic runs (`rPh`) left out.
    static func sharedStrings(_ bytes: [UInt8], part: String, file: String) throws -> [String] {
        var strings: [String] = []
        var current = ""
        var inText = false
        var phonetic = 0
        let w = XMLWalker()
        w.start = { name, _ in
            switch name {
            case "si": current = ""
            case "t": inText = phonetic == 0
            case "rPh": phonetic += 1
            default: break
            }
        }
        w.end = { name in
            switch name {
            case "si": strings.append(unescape(current))
            case "t": inText = false
            case "rPh": phonetic -= 1
            default: break
            }
        }
        w.text = { s in if inText { current += s } }
        try w.walk(bytes, part: part, file: file)
        return strings
    }

    /// Excel writes characters XML cannot hold as `_xHHHH_` (a line feed is `_x000A_`, and a
    /// literal `_x` that would read so is `_x005F_x…`). ECMA-376 Part 1, 22.9.2.19 (ST_Xstring).
    static func unescape(_ s: String) -> String {
        guard s.utf8.contains(0x5F) else { return s }  // no "_": nothing to undo (the usual case)
        var out = ""
        var rest = Substring(s)
        while let r = rest.range(of: "_x") {
            out += rest[..<r.lowerBound]
            let after = rest[r.upperBound...]
            let hex = after.prefix(5)
            if hex.count == 5, hex.last == "_", let code = UInt32(hex.dropLast(), radix: 16), let scalar = Unicode.Scalar(code) {
                out.unicodeScalars.append(scalar)
                rest = after.dropFirst(5)
            } else {
                out += "_x"
                rest = after
            }
        }
        return out + rest
    }
}
