/// Why a file given as a spreadsheet could not be read as an Excel workbook. One line each: the
/// file, what is wrong, what to do. Nothing is imported when one is thrown.
public enum XLSXError: Error, Equatable, CustomStringConvertible {
    /// The ZIP layer refused the file: not a zip, damaged, a zip bomb, encrypted.
    case unreadable(file: String, ZipError)
    /// An Excel 97–2003 workbook (an OLE compound file), which this program does not read.
    case oldExcel(file: String)
    /// An OpenDocument spreadsheet (LibreOffice's own format) given instead of a workbook.
    case openDocument(file: String)
    /// A ZIP file without the parts of a workbook.
    case notWorkbook(file: String, missing: String)
    /// A part of the workbook is not well-formed XML, or holds what a workbook never does.
    case badPart(file: String, part: String, reason: String)
    case noSheet(file: String, name: String, sheets: [String])
    case tooLarge(file: String, reason: String)
    /// Writing: a cell holds more text than Excel takes.
    case cellTooLong(sheet: String, cell: String)

    static let advice = "save it again in Excel or LibreOffice as .xlsx (Excel Workbook) or as CSV, and import that"

    public var description: String {
        switch self {
        case .unreadable(let file, let why):
            return "\(file) cannot be read as an Excel workbook: \(why); \(XLSXError.advice)"
        case .oldExcel(let file):
            return "\(file) is an old Excel 97–2003 workbook (.xls), which this program does not read; \(XLSXError.advice)"
        case .openDocument(let file):
            return "\(file) is an OpenDocument spreadsheet (.ods), not an Excel workbook; \(XLSXError.advice)"
        case .notWorkbook(let file, let missing):
            return "\(file) is a zip file but not an Excel workbook (it has no \(missing)); \(XLSXError.advice)"
        case .badPart(let file, let part, let reason):
            return "\(file) is damaged: \(part) \(reason); \(XLSXError.advice)"
        case .noSheet(let file, let name, let sheets):
            return "\(file) has no sheet '\(name)'; its sheets are: \(sheets.map { "'\($0)'" }.joined(separator: ", "))"
        case .tooLarge(let file, let reason):
            return "\(file) is too large to import: \(reason); split the list into several files"
        case .cellTooLong(let sheet, let cell):
            return "cell \(cell) of \(sheet) holds more than \(XLSXWriter.maxCellText) characters, more than Excel takes; export this table as CSV instead"
        }
    }
}
