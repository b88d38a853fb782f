import Foundation

extension IndicatorReport {
    /// The report as JSON: snake_case keys that never change with the data (empty values are null),
    /// keys sorted, UTF-8 without escaping of Cyrillic or slashes. Decodes back with `IndicatorReport.decode`.
    public func jsonData() throws -> Data {
        try ReportJSON.data(self)
    }

    public func jsonText() throws -> String {
        try ReportJSON.text(self)
    }

    /// Reads a report written by `jsonData()`.
    public static func decode(_ data: Data) throws -> IndicatorReport {
        try JSONDecoder().decode(IndicatorReport.self, from: data)
    }
}

/// The JSON of every report and list (`report`, `events`, `indicators` with `--json`): pretty,
/// keys sorted, Cyrillic and slashes written as they are.
public enum ReportJSON {
    public static func data<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }

    /// The same as text, with a final newline.
    public static func text<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try data(value), as: UTF8.self) + "\n"
    }
}
