import Foundation
import MentorSyncEngine

/// What an export wrote.
public struct CSVExportResult: Sendable {
    public var table: String
    public var file: URL
    public var rows: Int
    public var separator: CSVSeparator
    public var bom: Bool
    /// Written as an Excel workbook (the file's name ends in .xlsx); separator and bom do not apply.
    public var workbook = false
}

/// Writes a registry table as CSV: a header (id, org_id, then the columns) and one line per row.
/// By default UTF-8 with a BOM and semicolons, so the file opens cleanly in Russian Excel; dates
/// as stored (YYYY-MM-DD). The file imports back to the same rows.
public struct CSVExporter {
    /// The language of headers and enumeration values (see CSVExporter+Language); machine names by default.
    public var language: Language
    /// References by the name of their row, yes/no in words, a pairs list with its mentees: a
    /// person's list, as the web app's download writes it (the import finds the rows by them again).
    /// By default a Russian export is one; a machine's (English) keeps ids.
    public var namesForReferences: Bool

    public init(language: Language = .en, namesForReferences: Bool? = nil) {
        self.language = language
        self.namesForReferences = namesForReferences ?? (language == .ru)
    }

    @discardableResult
    public func export(table name: String, to file: URL, from replica: Replica,
                       separator: CSVSeparator = .semicolon, bom: Bool = true) throws -> CSVExportResult {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: file.path, isDirectory: &isDir), isDir.boolValue {
            throw MessageError(.outputIsFolder(file.path))
        }
        let folder = file.deletingLastPathComponent()
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDir), isDir.boolValue else {
            throw MessageError(.folderMissing(folder.path))
        }
        try OutputPath.check(file, registry: URL(fileURLWithPath: replica.database.path))
        // A spreadsheet's name this program does not write (.ods, .xls): CSV text under it would open
        // in no program as its own, and import-csv would refuse it as no workbook.
        let ext = file.pathExtension.lowercased()
        if ["ods", "xls"].contains(ext) { throw MessageError(.exportFormatNotWritten(ext)) }
        let workbook = SpreadsheetFile.namesWorkbook(file)
        let (data, rows) = workbook ? try encodeWorkbook(table: name, from: replica, namesForReferences: namesForReferences)
            : try encode(table: name, from: replica, separator: separator, bom: bom)
        do { try DurableFile.write(data, to: file) } catch {
            throw MessageError(.cannotWrite(file.path, "\(error)"))
        }
        return CSVExportResult(table: name, file: file, rows: rows, separator: separator, bom: bom, workbook: workbook)
    }

    /// The file's bytes and the number of rows in it.
    public func encode(table name: String, from replica: Replica, separator: CSVSeparator = .semicolon, bom: Bool = true) throws -> (Data, Int) {
        let t = try RegistryEditor(replica: replica).table(name)
        var out: [UInt8] = bom ? [0xEF, 0xBB, 0xBF] : []
        if namesForReferences {
            // A person's list: the workbook's cells, as text.
            let rows = try cells(of: t, from: replica, namesForReferences: true)
            for row in rows {
                CSVWriter.append(row.map { cell -> String in
                    switch cell {
                    case .text(let s), .date(let s): return s
                    case .number(let d): return CSVExporter.cell(.real(d), separator: separator)
                    case .empty: return ""
                    }
                }, separator: separator, to: &out)
            }
            return (Data(out), rows.count - 1)
        }
        let header = ["id"] + t.cellNames
        CSVWriter.append(headerNames(t, header), separator: separator, to: &out)
        let enumerations = header.map { c -> Bool in if case .enumeration? = t.column(named: c)?.kind { return true } else { return false } }
        var rows = 0
        var cells = [String](repeating: "", count: header.count)
        try replica.database.forEachRow("SELECT \(header.map(SQL.identifier).joined(separator: ", ")) FROM \(SQL.identifier(t.name)) ORDER BY rowid") { row in
            for k in cells.indices {
                let text = CSVExporter.cell(row.value(at: k), separator: separator)
                cells[k] = enumerations[k] ? word(text, column: header[k], table: t.name) : text
            }
            CSVWriter.append(cells, separator: separator, to: &out)
            rows += 1
        }
        return (Data(out), rows)
    }

    /// A stored value as a cell. Numbers with a fraction take a decimal comma in semicolon files,
    /// as Russian Excel expects (a point would make it read 4.5 as the 4th of May).
    static func cell(_ value: DatabaseValue, separator: CSVSeparator) -> String {
        switch value {
        case .real(let d):
            if d.rounded() == d, abs(d) < 1e15 { return String(Int64(d)) }
            let s = String(d)
            return separator == .semicolon ? s.replacingOccurrences(of: ".", with: ",") : s
        default:
            return value.displayText
        }
    }
}
