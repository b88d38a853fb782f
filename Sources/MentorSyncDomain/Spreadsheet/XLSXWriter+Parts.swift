/// The fixed parts of a written workbook: ECMA-376 Part 2, 10.1 ([Content_Types].xml); Part 1,
/// 18.2.27 (workbook), 18.8.39 (styleSheet).
extension XLSXWriter {
    static let sheetType = "application/vnd.openxmlformats-officedocument.spreadsheetml"

    func contentTypes(_ sheets: Int) -> String {
        var xml = XLSXWriter.header + "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"\(XLSXWriter.sheetType).sheet.main+xml\"/>"
        for i in 1...max(sheets, 1) {
            xml += "<Override PartName=\"/xl/worksheets/sheet\(i).xml\" ContentType=\"\(XLSXWriter.sheetType).worksheet+xml\"/>"
        }
        xml += "<Override PartName=\"/xl/styles.xml\" ContentType=\"\(XLSXWriter.sheetType).styles+xml\"/>"
        if sharedStrings {
            xml += "<Override PartName=\"/xl/sharedStrings.xml\" ContentType=\"\(XLSXWriter.sheetType).sharedStrings+xml\"/>"
        }
        return xml + "</Types>"
    }

    func workbook(_ names: [String]) -> String {
        XLSXWriter.header + "<workbook xmlns=\"\(XLSXWriter.main)\" xmlns:r=\"\(XLSXWriter.officeRels)\">"
            + "<bookViews><workbookView activeTab=\"0\"/></bookViews><sheets>"
            + names.enumerated().map { i, n in "<sheet name=\"\(XLSXWriter.escape(n))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>" }.joined()
            + "</sheets></workbook>"
    }

    func workbookRels(_ sheets: Int) -> String {
        var xml = XLSXWriter.header + "<Relationships xmlns=\"\(XLSXWriter.packageRels)\">"
        for i in 1...max(sheets, 1) {
            xml += "<Relationship Id=\"rId\(i)\" Type=\"\(XLSXWriter.officeRels)/worksheet\" Target=\"worksheets/sheet\(i).xml\"/>"
        }
        xml += "<Relationship Id=\"rId\(sheets + 1)\" Type=\"\(XLSXWriter.officeRels)/styles\" Target=\"styles.xml\"/>"
        if sharedStrings {
            xml += "<Relationship Id=\"rId\(sheets + 2)\" Type=\"\(XLSXWriter.officeRels)/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        }
        return xml + "</Relationships>"
    }

    /// Three cell styles: 0 plain, 1 bold (the header), 2 a date shown DD.MM.YYYY, as Russian
    /// users write dates; the cell still holds a date, so any locale can reformat it.
    static let styles = header + """
        <styleSheet xmlns="\(main)">\
        <numFmts count="1"><numFmt numFmtId="164" formatCode="dd\\.mm\\.yyyy"/></numFmts>\
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font>\
        <font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """
}
