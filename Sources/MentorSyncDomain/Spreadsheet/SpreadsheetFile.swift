import Foundation

/// Reads a list a person keeps in a spreadsheet, CSV or Excel, as records of strings. The kind is
/// told by the content: a ZIP (`PK\x03\x04`) or an OLE file (old `.xls`) is a workbook, anything
/// else is CSV; a file named `.xlsx` that is neither gets a workbook error, never CSV garbage.
public enum SpreadsheetFile {
    /// The records of `url`: for a workbook, of `sheet`, else of the sheet open when it was saved if
    /// it is `wanted`, else of the first shown sheet that is (a template's list often follows a sheet
    /// of instructions or a hidden one of the words its drop-down lists offer), else of the first shown sheet.
    public static func read(contentsOf url: URL, separator: CSVSeparator? = nil, sheet: String? = nil,
                            wanted: (CSVDocument) -> Bool = { _ in true }) throws -> CSVDocument {
        let data = try contents(of: url)
        guard !data.isEmpty else { throw CSVError.empty(file: url.lastPathComponent) }
        if isWorkbook(data, url) {
            let limit = ZipLimits.standard.archiveBytes
            guard data.count <= limit else { throw XLSXError.tooLarge(file: url.lastPathComponent, reason: .xlsxFileLarger(limit >> 20)) }
            // An Excel workbook, else LibreOffice's own spreadsheet (.ods).
            let book: SpreadsheetBook
            do { book = try XLSXWorkbook(data: data, file: url.lastPathComponent) } catch XLSXError.openDocument(let file) {
                book = try ODSWorkbook(data: data, file: file)
            }
            func document(_ name: String?) throws -> CSVDocument {
                let s = try book.sheet(name)
                return CSVDocument(separator: .comma, encoding: .utf8, records: s.records, sheet: s.name, sheets: book.shownSheetNames)
            }
            guard sheet == nil, let first = book.shownSheetNames.first else { return try document(sheet) }
            // The sheet she was looking at when she saved first (a workbook keeping a list per school
            // year, the last year's tab first), then the others in tab order.
            let order = book.activeSheetName.map { a in [a] + book.shownSheetNames.filter { $0 != a } } ?? book.shownSheetNames
            for name in order {
                let d = try document(name)
                if wanted(d) { return d }
            }
            return try document(first)
        }
        return try CSVReader.parse(data, separator: separator)
    }

    /// A zip or an old Excel file, or any file whose name says it is a workbook.
    static func isWorkbook(_ data: Data, _ url: URL) -> Bool {
        if data.starts(with: [0x50, 0x4B, 0x03, 0x04]) || data.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return true }
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return true }
        return ["xlsx", "xlsm", "xls", "ods"].contains(url.pathExtension.lowercased())
    }

    /// Whether a file name asks for a workbook (`export-csv TABLE FILE.xlsx`).
    public static func namesWorkbook(_ url: URL) -> Bool { ["xlsx", "xlsm"].contains(url.pathExtension.lowercased()) }

    /// The file's bytes, with the one-line errors CSV reading gives.
    static func contents(of url: URL, limit: Int? = nil) throws -> Data {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDir) else {
            throw CSVError.unreadable(path: url.path, reason: .csvNoSuchFile)
        }
        guard !isDir.boolValue else { throw CSVError.unreadable(path: url.path, reason: .csvFolder) }
        if let size = (try? FileManager.default.attributesOfItem(atPath: url.path))?[.size] as? Int, let limit, size > limit {
            throw XLSXError.tooLarge(file: url.lastPathComponent, reason: .xlsxFileLarger(limit >> 20))
        }
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw CSVError.unreadable(path: url.path, reason: .csvReadError)
        }
        return data
    }
}

/// A workbook as a list is read from it: Excel's (`XLSXWorkbook`) or LibreOffice's (`ODSWorkbook`).
protocol SpreadsheetBook {
    var shownSheetNames: [String] { get }
    var activeSheetName: String? { get }
    func sheet(_ name: String?) throws -> XLSXSheet
}

extension XLSXWorkbook: SpreadsheetBook {}
extension ODSWorkbook: SpreadsheetBook {}
