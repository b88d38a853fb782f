import Foundation
import MentorSyncEngine

/// Turns text typed by a person (command line, spreadsheet cell) into a checked column value.
public enum ValueParser {
    /// Each run of spaces and tabs (non-breaking ones too) within a line as one space; none at the
    /// end of a line or the start of the next. Line breaks stay as they are.
    static func collapsingSpaces(_ text: String) -> String {
        func isSpace(_ u: Unicode.Scalar) -> Bool { u == " " || u == "\t" || u == "\u{00A0}" || u == "\u{202F}" }
        var out = String.UnicodeScalarView()
        var pending = false, lineStart = true
        for u in text.unicodeScalars {
            if isSpace(u) { pending = !lineStart; continue }
            if u == "\n" || u == "\r" { pending = false; lineStart = true; out.append(u); continue }
            if pending { out.append(" "); pending = false }
            lineStart = false
            out.append(u)
        }
        return String(out)
    }

    /// Parses `text` for `column` of `table`; an empty text is NULL. Throws a one-line reason.
    public static func parse(_ text: String, column: ColumnSchema, table: String) throws -> DatabaseValue {
        try ValueLimits.check(text, column: column, table: table)
        let raw = text.trimmingCharacters(in: .whitespaces)
        if raw.isEmpty {
            if column.required { throw MessageError(.valueRequired(.column(column.name, table: table))) }
            return .null
        }
        switch column.kind {
        case .text, .reference:
            // Spaces around a value are never meant (a name copied from a spreadsheet, "Петрова "),
            // nor two spaces inside one ("Кузнецов  Виктор", a non-breaking space from Excel): kept,
            // they made a list imported again change the same rows every time, and a name typed with
            // one space find nothing. Line breaks of a longer text stay.
            var one = text.trimmingCharacters(in: .whitespacesAndNewlines)
            // A name's line break (Alt+Enter, to wrap a long name in a narrow cell) is a space.
            if oneLine.contains("\(table).\(column.name)") {
                one = String(one.unicodeScalars.map { $0 == "\n" || $0 == "\r" ? " " : Character($0) })
            }
            return .text(collapsingSpaces(one))
        case .integer(let range):
            // A yes/no column (0, 1) also takes the words people write in spreadsheets.
            if range == 0...1, let flag = yesNo[raw.lowercased()] { return .integer(flag) }
            guard let v = Int64(raw) else {
                // A yes/no column says what it takes, not that a word is no whole number.
                if range == 0...1 { throw MessageError(.notYesOrNo(.column(column.name, table: table), raw)) }
                throw MessageError(.notAWholeNumber(.column(column.name, table: table), raw))
            }
            if let range, !range.contains(v) {
                throw MessageError(.outsideRange(.column(column.name, table: table), v, range.lowerBound, range.upperBound))
            }
            return .integer(v)
        case .real:
            // «85%», as Excel shows a percentage and saves it to CSV: the indicators' percentages are 0…100.
            let number = raw.hasSuffix("%") ? String(raw.dropLast()).trimmingCharacters(in: .whitespaces) : raw
            guard let v = Double(number.replacingOccurrences(of: ",", with: ".")), v.isFinite else {
                throw MessageError(.notANumber(.column(column.name, table: table), raw))
            }
            return .real(v)
        case .date:
            guard let d = normalizeDate(raw) else {
                if raw == ExcelDate.zero { throw MessageError(.dateZero(.column(column.name, table: table))) }
                // «да» / «нет» where a list keeps a date (the day consent was given): what to write instead.
                if ValueParser.givenOrNot.contains(raw.trimmingCharacters(in: .whitespaces).lowercased()) {
                    throw MessageError(.yesNoForADate(.column(column.name, table: table), raw))
                }
                // Written as a date, but no such day: say which part is wrong («31.02.2002»).
                if let (y, m, day) = dateParts(raw), (1900...2200).contains(y) {
                    throw MessageError(.noSuchDay(.column(column.name, table: table), raw, year: y, month: m, day: day))
                }
                throw MessageError(.notADate(.column(column.name, table: table), raw))
            }
            return .text(d)
        case .enumeration(let values):
            // The value itself, or a Russian word for it (`учитель`, `учитель – учитель`).
            guard let v = EnumerationAliases.value(raw, column: column.name, table: table, values: values) else {
                throw MessageError(.notAllowed(.column(column.name, table: table), raw,
                                               allowed: EnumerationAliases.listed(values, column: column.name, table: table)))
            }
            return .text(v)
        }
    }

    /// The columns that name a row (a person, an organization, an event, a plan): one line each.
    static let oneLine: Set<String> = ["persons.full_name", "organizations.name", "organizations.short_name", "events.code", "events.title",
                                       "indicators.code", "plans.title", "practices.title"]

    static let yesNo: [String: Int64] = ["да": 1, "нет": 0, "yes": 1, "no": 0, "true": 1, "false": 0, "+": 1, "-": 0]

    /// YYYY-MM-DD or DD.MM.YYYY (as Russian spreadsheets write it; DD.MM.YY, «12 марта 1990 г.» too) → YYYY-MM-DD,
    /// checked against the calendar.
    /// A time after the date (`12.03.1998 0:00`, as Excel writes a date cell to CSV; `1998-03-12 00:00:00`;
    /// `1998-03-12T00:00`) is allowed when it is a valid time, and dropped.
    public static func normalizeDate(_ text: String) -> String? {
        guard let (y, m, d) = dateParts(text) else { return nil }
        guard (1900...2200).contains(y), (1...12).contains(m), d >= 1 else { return nil }
        guard d <= daysIn(month: m, year: y) else { return nil }
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// The days of a month (1…12) of a year of the Gregorian calendar.
    static func daysIn(month m: Int, year y: Int) -> Int {
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
        return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
    }

    /// Year, month and day of a text written as a date (`YYYY-MM-DD` or `DD.MM.YYYY`, a time after
    /// it allowed), whether or not there is such a day.
    /// Words a list writes for «given or not» where the registry keeps the day: the flags' words and more.
    static let givenOrNot = Set(yesNo.keys).union(["есть", "имеется", "отсутствует", "получено", "не получено"])

    static func dateParts(_ text: String) -> (Int, Int, Int)? {
        var s = withoutYearWord(text.trimmingCharacters(in: .whitespaces))
        // «12 марта 1990»: Excel's long date, saved to CSV as it shows.
        let words = s.split(separator: " ")
        if words.count == 3, let d = Int(words[0]), let y = Int(words[2]), words[2].count == 4,
           let m = ScheduleText.monthNumber(words[1].lowercased().replacingOccurrences(of: "ё", with: "е")) {
            return (y, m, d)
        }
        if let cut = s.firstIndex(where: { $0 == " " || $0 == "T" }) {
            guard isTime(s[s.index(after: cut)...].trimmingCharacters(in: .whitespaces)) else { return nil }
            s = String(s[..<cut])
        }
        if s.count == 10, s.contains("-") {
            let p = s.split(separator: "-").compactMap { Int($0) }
            guard p.count == 3 else { return nil }
            return (p[0], p[1], p[2])
        } else if s.contains(".") {
            let parts = s.split(separator: ".")
            let p = parts.compactMap { Int($0) }
            guard p.count == 3 else { return nil }
            // Two digits of a year (`12.03.90`: LibreOffice's Russian short date, saved to CSV so) are
            // read as LibreOffice and Excel read them: 00–29 the 2000s, 30–99 the 1900s.
            if parts.count == 3, parts[2].count == 2 { return (p[2] + (p[2] < 30 ? 2000 : 1900), p[1], p[0]) }
            guard p[2] >= 1000 else { return nil }
            return (p[2], p[1], p[0])
        }
        return nil
    }

    /// The date without the word for «year» after it: «1990 г.», «1990г», «1990 года» (as dates are
    /// written in Russian, and Excel's long date format shows them).
    static func withoutYearWord(_ s: String) -> String {
        let lower = s.lowercased()
        for suffix in ["года", "г.", "г"] where lower.hasSuffix(suffix) {
            let rest = s.dropLast(suffix.count).trimmingCharacters(in: .whitespaces)
            if rest.last?.isNumber == true { return rest }
        }
        return s
    }

    /// `H:MM`, `HH:MM` or `HH:MM:SS` (seconds may have a fraction), within a day.
    static func isTime(_ s: String) -> Bool {
        let p = s.split(separator: ":", omittingEmptySubsequences: false)
        guard p.count == 2 || p.count == 3, let h = Int(p[0]), let m = Int(p[1]), p[1].count == 2,
              (0...23).contains(h), (0...59).contains(m) else { return false }
        if p.count == 3 { guard let sec = Double(p[2]), (0..<61).contains(sec) else { return false } }
        return true
    }
}
