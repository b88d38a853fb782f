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

    /// Parses a `--format` value, with an error a user can act on.
    public static func parse(_ text: String) throws -> ReportFormat {
        guard let f = ReportFormat(rawValue: text.lowercased()) else { throw ReportError.badFormat(text) }
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
        }
    }

    /// The report in the given form, as the bytes of a file (UTF-8; the CSV starts with its BOM).
    public func renderedData(as format: ReportFormat) throws -> Data {
        Data(try rendered(as: format).utf8)
    }
}
