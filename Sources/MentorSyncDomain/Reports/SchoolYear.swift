import Foundation

/// A school year, the period of every report: 1 September of `startYear` to 31 August of the next year.
/// Written "2024-2025" (on the command line, in `indicator_values.period`, in reports).
public struct SchoolYear: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The calendar year in which the school year begins (2024 for "2024-2025").
    public let startYear: Int

    public init(startYear: Int) {
        self.startYear = startYear
    }

    /// Parses "2024-2025" (also "2024/2025" and "2024–2025" with an en dash). Nil for anything else,
    /// including years that do not follow each other.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(omittingEmptySubsequences: false) { $0 == "-" || $0 == "/" || $0 == "–" }
        guard parts.count == 2, parts.allSatisfy({ $0.count == 4 && $0.allSatisfy(\.isASCII) }),
              let first = Int(parts[0]), let second = Int(parts[1]),
              (1900...2999).contains(first), second == first + 1 else { return nil }
        self.startYear = first
    }

    /// Parses a `--period` value, with an error a user can act on.
    public static func parse(_ text: String) throws -> SchoolYear {
        guard let year = SchoolYear(text) else { throw ReportError.badPeriod(text) }
        return year
    }

    /// The school year that contains `date` (on this computer's calendar, as the registry's days are
    /// read: in Moscow, 1 September begins at its midnight, not three hours later): from September
    /// on, the year that starts then.
    public static func containing(_ date: Date, timeZone: TimeZone = .current) -> SchoolYear {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents([.year, .month], from: date)
        let year = parts.year ?? 2000
        return SchoolYear(startYear: (parts.month ?? 1) >= 9 ? year : year - 1)
    }

    /// The school year containing today: the default period of a report.
    public static var current: SchoolYear { containing(Date()) }

    /// First day, `YYYY-MM-DD`.
    public var start: String { "\(startYear)-09-01" }
    /// Last day, `YYYY-MM-DD`.
    public var end: String { "\(startYear + 1)-08-31" }

    /// The day `years` years before the start (1 September never moves, so no leap-day care is needed).
    /// Someone born after `start(yearsBefore: 35)` is under 35 on the first day of the period.
    public func start(yearsBefore years: Int) -> String { "\(startYear - years)-09-01" }

    /// Whether a `YYYY-MM-DD` date falls in the school year.
    public func contains(_ date: String) -> Bool { date >= start && date <= end }

    public var previous: SchoolYear { SchoolYear(startYear: startYear - 1) }
    public var next: SchoolYear { SchoolYear(startYear: startYear + 1) }

    /// "2024-2025".
    public var description: String { "\(startYear)-\(startYear + 1)" }

    public static func < (a: SchoolYear, b: SchoolYear) -> Bool { a.startYear < b.startYear }
}

extension SchoolYear: Codable {
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let year = SchoolYear(text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not a school year: \(text)"))
        }
        self = year
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
