import Foundation

/// Bookkeeping times (ISO 8601, UTC) as people read them: local time, in the way the language
/// writes dates — `04.12.2026 10:21` in Russian, `2026-12-04 10:21` in English.
public enum LocalTime {
    /// A bookkeeping timestamp in local time; text that is not a timestamp is given back as it is.
    public static func readable(_ stamp: String, _ language: Language = .current, timeZone: TimeZone = .current) -> String {
        guard let date = parse(stamp) else { return stamp }
        return readable(date, language, timeZone: timeZone)
    }

    /// A moment in local time.
    public static func readable(_ date: Date, _ language: Language = .current, timeZone: TimeZone = .current) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.dateFormat = language == .ru ? "dd.MM.yyyy HH:mm" : "yyyy-MM-dd HH:mm"
        f.timeZone = timeZone
        return f.string(from: date)
    }

    /// `2026-12-04T07:21:23Z` (or with fractions of a second) as a date.
    public static func parse(_ stamp: String) -> Date? {
        let f = ISO8601DateFormatter()
        if let d = f.date(from: stamp) { return d }
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return f.date(from: stamp)
    }
}
