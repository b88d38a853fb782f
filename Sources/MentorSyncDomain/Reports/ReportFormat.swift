import Foundation

/// The forms a report is written in (`report --format`).
public enum ReportFormat: String, CaseIterable, Sendable {
    /// Aligned text for a terminal (UTF-8).
    case table
    /// For a Russian Excel: UTF-8 with a byte-order mark, semicolons, decimal comma, CRLF.
    case csv
    /// For scripts: stable snake_case keys.
    case json
    /// One self-contained, printable page.
    case html
    /// An Excel workbook (to a file only: `--out`).
    case xlsx

    /// Parses a `--format` value, with an error a user can act on.
    public static func parse(_ text: String) throws -> ReportFormat {
        guard let f = ReportFormat(rawValue: text.lowercased()) else { throw ReportError.badFormat(text) }
        return f
    }

    /// The format a file's name asks for (`отчёт.xlsx`), nil when its extension names none.
    public static func implied(byFile path: String) -> ReportFormat? {
        guard let dot = path.lastIndex(of: "."), let f = ReportFormat(rawValue: path[path.index(after: dot)...].lowercased()), f != .table else { return nil }
        return f
    }
}

extension IndicatorReport {
    /// The report in the given form, as text ready to print or write to a file as UTF-8.
    public func rendered(as format: ReportFormat) throws -> String {
        switch format {
        case .table: return tableText()
        case .csv: return csvText()
        case .json: return try jsonText()
        case .html: return htmlPage()
        case .xlsx: throw ReportError.workbookNeedsFile
        }
    }

    /// The report in the given form, as the bytes of a file (UTF-8; the CSV starts with its BOM; a workbook).
    public func renderedData(as format: ReportFormat) throws -> Data {
        format == .xlsx ? try xlsxData() : Data(try rendered(as: format).utf8)
    }
}
