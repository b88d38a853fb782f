import Foundation

/// A LibreOffice Calc spreadsheet (.ods: OpenDocument 1.2 Part 1, 9.1; Part 3, the package) opened
/// for reading: a zip whose `content.xml` holds every sheet. Read as an Excel workbook is: cells as
/// Calc shows them (numbers as `XLSXSheetParser.numberText`, dates `YYYY-MM-DD`, percentages «85%»,
/// booleans 1/0), merged cells and rows hidden by a filter or by hand as `SheetGrid` makes them.
final class ODSWorkbook {
    let file: String
    /// Sheet names in the order of their tabs.
    let sheetNames: [String]
    /// The sheets a person sees in Calc, in tab order (hidden ones left out).
    let shownSheetNames: [String]
    /// The shown sheet that was open when the file was saved.
    let activeSheetName: String?
    private let sheets: [String: [CSVRecord]]

    static let mimetype = "application/vnd.oasis.opendocument.spreadsheet"

    /// Opens `data`; a zip that is no OpenDocument spreadsheet (a text document) keeps Excel's refusal.
    init(data: Data, file: String, limits: ZipLimits = .standard) throws {
        self.file = file
        let zip: ZipReader
        do { zip = try ZipReader(data, limits: limits) } catch let e as ZipError { throw XLSXError.unreadable(file: file, e) }
        let kind = try XLSXWorkbook.read(zip, "mimetype", file).map { String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) }
        guard kind == ODSWorkbook.mimetype, let content = try XLSXWorkbook.read(zip, "content.xml", file) else {
            throw XLSXError.openDocument(file: file)
        }
        let read = try ODSContent.read(content, file: file)
        let shown = read.filter { !$0.hidden }.map(\.name)
        sheetNames = read.map(\.name)
        shownSheetNames = shown
        sheets = Dictionary(read.map { ($0.name, $0.records) }, uniquingKeysWith: { a, _ in a })
        let active = try XLSXWorkbook.read(zip, "settings.xml", file).flatMap { try ODSContent.activeTable($0, file: file) }
        activeSheetName = active.flatMap { shown.contains($0) ? $0 : nil }
    }

    /// The rows of a sheet: the first one, or the one named (exactly, else ignoring case and spaces).
    func sheet(_ name: String? = nil) throws -> XLSXSheet {
        guard let first = sheetNames.first else { throw XLSXError.notWorkbook(file: file, missing: "table:table") }
        guard let name else { return XLSXSheet(name: first, records: sheets[first] ?? []) }
        let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
        guard let found = sheetNames.first(where: { $0 == name }) ?? sheetNames.first(where: { $0.trimmingCharacters(in: .whitespaces).lowercased() == wanted }) else {
            throw XLSXError.noSheet(file: file, name: name, sheets: sheetNames)
        }
        return XLSXSheet(name: found, records: sheets[found] ?? [])
    }
}
