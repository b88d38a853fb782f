/// Why a file given as a spreadsheet could not be read as an Excel workbook (or written as one).
/// One line each, in the user's language: the file, what is wrong, what to do. Nothing is
/// imported when one is thrown.
public enum XLSXError: Error, Equatable, CustomStringConvertible {
    /// The ZIP layer refused the file: not a zip, damaged, a zip bomb, encrypted.
    case unreadable(file: String, ZipError)
    /// An Excel 97–2003 workbook (an OLE compound file), which this program does not read.
    case oldExcel(file: String)
    /// A workbook encrypted with a password: an OLE compound file holding the zip encrypted
    /// (MS-OFFCRYPTO 2.3.4: the streams `EncryptionInfo` and `EncryptedPackage`).
    case passwordProtected(file: String)
    /// An OpenDocument spreadsheet (LibreOffice's own format) given instead of a workbook.
    case openDocument(file: String)
    /// A Word document (a list typed as a table in Word) given as a workbook.
    case wordDocument(file: String)
    /// A ZIP file without the parts of a workbook.
    case notWorkbook(file: String, missing: String)
    /// A part of the workbook is not well-formed XML, or holds what a workbook never does.
    case badPart(file: String, part: String, reason: Message)
    /// A formula whose value the file does not keep (saved by a program other than Excel).
    case formulaWithoutValue(file: String, cell: String)
    case noSheet(file: String, name: String, sheets: [String])
    case tooLarge(file: String, reason: Message)
    /// Writing: a cell holds more text than Excel takes.
    case cellTooLong(sheet: String, cell: String)

    public var message: Message {
        switch self {
        case .unreadable(let file, let why): return .xlsxUnreadable(file, why.message)
        case .oldExcel(let file): return .xlsxOldExcel(file)
        case .passwordProtected(let file): return .xlsxPassword(file)
        case .openDocument(let file): return .xlsxOpenDocument(file)
        case .wordDocument(let file): return .xlsxWordDocument(file)
        case .notWorkbook(let file, let missing): return .xlsxNotWorkbook(file, missing: missing)
        case .badPart(let file, let part, let reason): return .xlsxBadPart(file, part, reason)
        case .formulaWithoutValue(let file, let cell): return .xlsxFormulaWithoutValue(file, cell)
        case .noSheet(let file, let name, let sheets): return .xlsxNoSheet(file, name, sheets: sheets)
        case .tooLarge(let file, let reason): return .xlsxTooLarge(file, reason)
        case .cellTooLong(let sheet, let cell): return .xlsxCellTooLong(sheet, cell, limit: XLSXWriter.maxCellText)
        }
    }

    public var description: String { message.text() }
}
