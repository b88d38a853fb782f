import Foundation

/// One worksheet read as rows of strings, like a CSV file: each record's line is its row number.
public struct XLSXSheet: Sendable {
    public var name: String
    public var records: [CSVRecord]
}

/// An Excel workbook (.xlsx, Office Open XML: a zip of XML parts) opened for reading. Cells read
/// as text: shared and inline strings as written, numbers as Excel shows them (`4.5`, `42`),
/// booleans as `1`/`0`, cells formatted as dates as `YYYY-MM-DD` (with ` HH:MM` when they hold a
/// time of day), formulas as their last computed value.
public final class XLSXWorkbook {
    /// The file's name, for messages.
    public let file: String
    /// Sheet names in the order of their tabs.
    public let sheetNames: [String]
    /// The sheets a person sees in Excel, in tab order (hidden ones left out).
    public let shownSheetNames: [String]
    /// The shown sheet that was open when the workbook was saved (its active tab), if a worksheet.
    public let activeSheetName: String?
    private let sheetParts: [String]
    private let zip: ZipReader
    private let date1904: Bool
    private let stylesPart: String?
    private let sharedStringsPart: String?

    static let officeDocument = "/officeDocument"

    public init(data: Data, file: String, limits: ZipLimits = .standard) throws {
        self.file = file
        do { zip = try ZipReader(data, limits: limits) } catch let e as ZipError { throw XLSXWorkbook.refusal(data, file, e) }
        // The package's root relationships name the workbook part (Part 2, 9.3); it is almost always xl/workbook.xml.
        var bookPart = "xl/workbook.xml"
        if let root = try XLSXWorkbook.read(zip, "_rels/.rels", file),
           let r = try XLSXParts.relationships(root, part: "_rels/.rels", file: file).values.first(where: { $0.type.hasSuffix(XLSXWorkbook.officeDocument) }) {
            bookPart = XLSXParts.resolve(r.target, from: "")
        }
        // A Word document's package names its document where a workbook's names the workbook.
        if bookPart.hasPrefix("word/") || zip.entry(named: "word/document.xml") != nil { throw XLSXError.wordDocument(file: file) }
        guard let bookBytes = try XLSXWorkbook.read(zip, bookPart, file) else {
            if zip.entry(named: "mimetype") != nil || zip.entry(named: "content.xml") != nil { throw XLSXError.openDocument(file: file) }
            throw XLSXError.notWorkbook(file: file, missing: bookPart)
        }
        let book = try XLSXParts.workbook(bookBytes, part: bookPart, file: file)
        let relsPart = XLSXParts.resolve("_rels/" + (bookPart.split(separator: "/").last.map(String.init) ?? "") + ".rels", from: bookPart)
        let rels = try XLSXWorkbook.read(zip, relsPart, file).map { try XLSXParts.relationships($0, part: relsPart, file: file) } ?? [:]
        var names: [String] = []
        var parts: [String] = []
        var shown: [String] = []
        for sheet in book.sheets {
            // Chart sheets and dialog sheets are no lists; only worksheets are read.
            guard let r = rels[sheet.relationship], r.type.hasSuffix("/worksheet") else { continue }
            names.append(sheet.name)
            if !sheet.hidden { shown.append(sheet.name) }
            parts.append(XLSXParts.resolve(r.target, from: bookPart))
        }
        guard !parts.isEmpty else { throw XLSXError.notWorkbook(file: file, missing: "worksheet") }
        sheetNames = names
        shownSheetNames = shown
        let active = book.sheets.indices.contains(book.activeTab) ? book.sheets[book.activeTab].name : nil
        activeSheetName = active.flatMap { shown.contains($0) ? $0 : nil }
        sheetParts = parts
        date1904 = book.date1904
        stylesPart = rels.values.first { $0.type.hasSuffix("/styles") }.map { XLSXParts.resolve($0.target, from: bookPart) }
        sharedStringsPart = rels.values.first { $0.type.hasSuffix("/sharedStrings") }.map { XLSXParts.resolve($0.target, from: bookPart) }
    }

    /// Reads a workbook file.
    public convenience init(contentsOf url: URL, limits: ZipLimits = .standard) throws {
        let data = try SpreadsheetFile.contents(of: url, limit: limits.archiveBytes)
        try self.init(data: data, file: url.lastPathComponent, limits: limits)
    }

    /// The rows of a sheet: the first one, or the one named (exactly, else ignoring case and spaces).
    public func sheet(_ name: String? = nil) throws -> XLSXSheet {
        var index = 0
        if let name {
            let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
            guard let i = sheetNames.firstIndex(of: name) ?? sheetNames.firstIndex(where: { $0.trimmingCharacters(in: .whitespaces).lowercased() == wanted }) else {
                throw XLSXError.noSheet(file: file, name: name, sheets: sheetNames)
            }
            index = i
        }
        let strings = try sharedStringsPart.flatMap { try XLSXWorkbook.read(zip, $0, file) }
            .map { try XLSXParts.sharedStrings($0, part: sharedStringsPart!, file: file) } ?? []
        let styles = try stylesPart.flatMap { try XLSXWorkbook.read(zip, $0, file) }
            .map { try XLSXParts.styles($0, part: stylesPart!, file: file) } ?? []
        guard let bytes = try XLSXWorkbook.read(zip, sheetParts[index], file) else {
            throw XLSXError.notWorkbook(file: file, missing: sheetParts[index])
        }
        let parser = XLSXSheetParser(sharedStrings: strings, styles: styles, date1904: date1904)
        return XLSXSheet(name: sheetNames[index], records: try parser.records(bytes, part: sheetParts[index], file: file))
    }

    /// An entry's bytes, nil when absent; ZIP failures become the file's one-line error.
    static func read(_ zip: ZipReader, _ part: String, _ file: String) throws -> [UInt8]? {
        do { return try zip.data(named: part) } catch let e as ZipError { throw XLSXError.unreadable(file: file, e) }
    }

    /// The clearest thing to say about a file that is not a readable zip.
    static func refusal(_ data: Data, _ file: String, _ e: ZipError) -> XLSXError {
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            // An .xlsx under a password is an OLE file too, whose directory names its encrypted
            // package (UTF-16LE): saving it again as .xlsx keeps the password.
            let name = Data("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            return data.range(of: name) != nil ? .passwordProtected(file: file) : .oldExcel(file: file)
        }
        return .unreadable(file: file, e)
    }
}
