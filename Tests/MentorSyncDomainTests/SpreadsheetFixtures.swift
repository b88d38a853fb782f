import Foundation
@testable import MentorSyncDomain

/// The committed workbooks (Fixtures/README.md) and a builder of small workbooks from XML parts.
enum SpreadsheetFixtures {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static func url(_ name: String) -> URL { folder.appendingPathComponent(name) }

    static let mainNS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    static let relNS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

    /// A workbook of one sheet (`sheet1.xml` holds `sheetData`), with optional styles and shared strings.
    static func workbook(sheetData: String, styles cellXfs: String? = nil, numFmts: String = "",
                         sharedStrings: [String]? = nil, date1904: Bool = false, extra: [(String, String)] = [],
                         afterSheetData: String = "") throws -> Data {
        var zip = ZipWriter()
        try zip.add("_rels/.rels", bytes("""
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(relNS)/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """))
        try zip.add("xl/workbook.xml", bytes("""
            <workbook xmlns="\(mainNS)" xmlns:r="\(relNS)"><workbookPr date1904="\(date1904 ? 1 : 0)"/>\
            <sheets><sheet name="Лист1" sheetId="1" r:id="rId1"/></sheets></workbook>
            """))
        var rels = "<Relationship Id=\"rId1\" Type=\"\(relNS)/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        if cellXfs != nil { rels += "<Relationship Id=\"rId2\" Type=\"\(relNS)/styles\" Target=\"styles.xml\"/>" }
        if sharedStrings != nil { rels += "<Relationship Id=\"rId3\" Type=\"\(relNS)/sharedStrings\" Target=\"sharedStrings.xml\"/>" }
        try zip.add("xl/_rels/workbook.xml.rels", bytes("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\(rels)</Relationships>"))
        try zip.add("xl/worksheets/sheet1.xml", bytes("<worksheet xmlns=\"\(mainNS)\"><sheetData>\(sheetData)</sheetData>\(afterSheetData)</worksheet>"))
        if let cellXfs {
            try zip.add("xl/styles.xml", bytes("<styleSheet xmlns=\"\(mainNS)\"><numFmts>\(numFmts)</numFmts><cellXfs>\(cellXfs)</cellXfs></styleSheet>"))
        }
        if let sharedStrings {
            try zip.add("xl/sharedStrings.xml", bytes("<sst xmlns=\"\(mainNS)\">" + sharedStrings.map { "<si><t>\($0)</t></si>" }.joined() + "</sst>"))
        }
        for (name, text) in extra { try zip.add(name, bytes(text)) }
        return zip.finish()
    }

    /// A workbook of several sheets in tab order, each with its `sheetData` (inline strings) and
    /// its state (`hidden`, `veryHidden`; nil: shown), as Excel writes a workbook with a hidden sheet.
    static func workbook(sheets: [(name: String, state: String?, sheetData: String)], activeTab: Int? = nil) throws -> Data {
        var zip = ZipWriter()
        try zip.add("_rels/.rels", bytes("""
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="\(relNS)/officeDocument" Target="xl/workbook.xml"/></Relationships>
            """))
        let listed = sheets.enumerated().map { i, s in
            "<sheet name=\"\(s.name)\" sheetId=\"\(i + 1)\"\(s.state.map { " state=\"\($0)\"" } ?? "") r:id=\"rId\(i + 1)\"/>"
        }
        let views = activeTab.map { "<bookViews><workbookView activeTab=\"\($0)\"/></bookViews>" } ?? ""
        try zip.add("xl/workbook.xml", bytes("<workbook xmlns=\"\(mainNS)\" xmlns:r=\"\(relNS)\">\(views)<sheets>\(listed.joined())</sheets></workbook>"))
        let rels = sheets.indices.map { "<Relationship Id=\"rId\($0 + 1)\" Type=\"\(relNS)/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>" }
        try zip.add("xl/_rels/workbook.xml.rels", bytes("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\(rels.joined())</Relationships>"))
        for (i, s) in sheets.enumerated() {
            try zip.add("xl/worksheets/sheet\(i + 1).xml", bytes("<worksheet xmlns=\"\(mainNS)\"><sheetData>\(s.sheetData)</sheetData></worksheet>"))
        }
        return zip.finish()
    }

    /// A row of inline-string cells, as `sheetData` holds it.
    static func row(_ number: Int, _ cells: String...) -> String {
        "<row r=\"\(number)\">" + cells.map { "<c t=\"inlineStr\"><is><t>\($0)</t></is></c>" }.joined() + "</row>"
    }

    static func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

    /// The records of the first (or named) sheet of a workbook in memory.
    static func rows(_ data: Data, sheet: String? = nil) throws -> [[String]] {
        try XLSXWorkbook(data: data, file: "test.xlsx").sheet(sheet).records.map(\.fields)
    }
}
