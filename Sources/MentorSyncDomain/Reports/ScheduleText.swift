import Foundation

/// The «сроки» of a roadmap event as the methodologist writes them, read for a last day when the
/// event has no end date: «ноябрь 2026», «до 15.10.2026», «в течение ноября 2026 г.», «15.10.2026».
/// A schedule that names no month of a year («ежемесячно», «в течение года») has none.
enum ScheduleText {
    /// Month stems, January first: «ноябр» finds ноябрь, ноября, ноябре.
    private static let stems = ["январ", "феврал", "март", "апрел", "ма", "июн", "июл", "август", "сентябр", "октябр", "ноябр", "декабр"]

    /// The last day the schedule allows (`YYYY-MM-DD`), or nil.
    static func lastDay(_ schedule: String?) -> String? {
        guard let schedule, !schedule.isEmpty else { return nil }
        let words = schedule.lowercased().replacingOccurrences(of: "ё", with: "е")
            .split(whereSeparator: { !$0.isLetter && !$0.isNumber && $0 != "." && $0 != "-" }).map(String.init)
        var last: String?
        // A date written out: the latest one named.
        for w in words {
            let trimmed = w.trimmingCharacters(in: CharacterSet(charactersIn: ".-"))
            if let d = ValueParser.normalizeDate(trimmed), d > (last ?? "") { last = d }
        }
        // A month and a year: its last day.
        for (i, w) in words.enumerated() {
            guard let month = monthNumber(w), i + 1 < words.count,
                  let year = Int(words[i + 1].prefix(4)), (1900...2200).contains(year) else { continue }
            let day = lastDayOf(month: month, year: year)
            if day > (last ?? "") { last = day }
        }
        return last
    }

    /// The month a Russian word names (lower case, ё as е), 1…12, or nil.
    static func monthNumber(_ word: String) -> Int? {
        // «май», «мая», «мае»: the stem «ма» is a whole word of three letters or fewer.
        if ["май", "мая", "мае"].contains(word) { return 5 }
        for (i, stem) in stems.enumerated() where i != 4 && word.hasPrefix(stem) && word.count <= stem.count + 2 { return i + 1 }
        return nil
    }

    private static func lastDayOf(month: Int, year: Int) -> String {
        String(format: "%04d-%02d-%02d", year, month, ValueParser.daysIn(month: month, year: year))
    }
}
