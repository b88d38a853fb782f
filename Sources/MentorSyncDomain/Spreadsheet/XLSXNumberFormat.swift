import Foundation

/// What a cell's number format says its number is: a plain number, a date (a day count since the
/// workbook's epoch), a time of day, or both. ECMA-376 Part 1, 18.8.30 (numFmt) lists the
/// built-in formats; any other format is read from its code.
enum XLSXNumberKind: Equatable {
    /// `percent`: shown a hundred times the number, with «%» (0.85 shows «85%»).
    case number, date, time, dateTime, percent

    /// Built-in format ids (18.8.30): 14–17 and 27–36, 50–58 (East Asian) dates, 18–21 and
    /// 45–47 times, 22 date and time, 9 and 10 percentages.
    init(builtIn id: Int) {
        switch id {
        case 9, 10: self = .percent
        case 14...17, 27...36, 50...58: self = .date
        case 18...21, 45...47: self = .time
        case 22: self = .dateTime
        default: self = .number
        }
    }

    /// Reads a format code such as `dd.mm.yyyy`, `[$-419]d mmmm yyyy`, `mm/dd/yy\ hh:mm\ AM/PM` or
    /// `#,##0.00 "руб."`: text in quotes, escaped characters and `[...]` sections are no date parts
    /// (but `[h]`, `[mm]`, `[ss]` are elapsed time).
    init(code: String) {
        var letters = ""
        var chars = Array(code.lowercased())
        var i = 0
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "\"":
                i += 1
                while i < chars.count && chars[i] != "\"" { i += 1 }
            case "\\", "_", "*": i += 1  // the next character is literal, padding or fill
            case "[":
                var inner = ""
                i += 1
                while i < chars.count && chars[i] != "]" { inner.append(chars[i]); i += 1 }
                if !inner.isEmpty && inner.allSatisfy({ "hms".contains($0) }) { letters += inner }
            default: letters.append(c)
            }
            i += 1
        }
        chars = []
        let hasDate = letters.contains("y") || letters.contains("d")
            || (letters.contains("m") && !letters.contains("h") && !letters.contains("s"))
        let hasTime = letters.contains("h") || letters.contains("s")
        switch (hasDate, hasTime) {
        case (true, true): self = .dateTime
        case (true, false): self = .date
        case (false, true): self = .time
        default: self = letters.contains("%") ? .percent : .number
        }
    }
}

/// Excel's serial dates: a number of days (the fraction is the time of day) since an epoch.
/// In the 1900 system, serial 1 is 1900-01-01 and serial 60 is 1900-02-29, a day that never was
/// (Lotus 1-2-3 took 1900 for a leap year and Excel kept it), so from 61 on the count runs from
/// 1899-12-30. In the 1904 system (old Mac workbooks, `date1904`), serial 0 is 1904-01-01.
enum ExcelDate {
    /// Days from 1970-01-01 of the civil date, proleptic Gregorian (H. Hinnant's days_from_civil).
    static func days(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The civil date of a day count from 1970-01-01 (civil_from_days).
    static func civil(_ days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp + (mp < 10 ? 3 : -9)
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static let epoch1900 = days(year: 1899, month: 12, day: 30)
    static let epoch1904 = days(year: 1904, month: 1, day: 1)

    /// The cell text for a serial: `YYYY-MM-DD`, `YYYY-MM-DD HH:MM` (when it has a time of day),
    /// or `HH:MM` for a time; nil when the number is no date Excel can show (negative, past 9999).
    /// How Excel shows a date cell holding 0.
    public static let zero = "00.01.1900"

    static func text(serial: Double, kind: XLSXNumberKind, date1904: Bool) -> String? {
        guard serial.isFinite, serial >= 0, serial < 2_958_466 else { return nil }
        var whole = Int(serial.rounded(.down))
        var seconds = Int(((serial - Double(whole)) * 86_400).rounded())
        if seconds >= 86_400 { whole += 1; seconds = 0 }
        let clock = pad(seconds / 3600) + ":" + pad(seconds / 60 % 60) + (seconds % 60 == 0 ? "" : ":" + pad(seconds % 60))
        if kind == .time { return clock }
        // Serial 0 of the 1900 system is no day: Excel shows it «00.01.1900» (a formula showing a date
        // it did not find, a 0 typed into a date column), and so it reads (`ValueParser` says why).
        if !date1904 && whole == 0 && seconds == 0 { return zero }
        let date: String
        if !date1904 && whole == 60 {
            date = "1900-02-29"
        } else {
            let day = date1904 ? epoch1904 + whole : epoch1900 + whole + (whole < 60 ? 1 : 0)
            let c = civil(day)
            date = String(c.year) + "-" + pad(c.month) + "-" + pad(c.day)
        }
        // A date typed into a cell formatted with a time (`12.03.1998 0:00`) is a date.
        return seconds == 0 ? date : "\(date) \(clock)"
    }

    /// Two digits (String(format:) costs a hundred times more, for every date cell of a sheet).
    static func pad(_ n: Int) -> String { n < 10 ? "0" + String(n) : String(n) }

    /// The serial of a `YYYY-MM-DD` date in the 1900 system, nil when the text is no such date.
    static func serial(_ text: String) -> Int? {
        let p = text.split(separator: "-")
        guard text.count == 10, p.count == 3, let y = Int(p[0]), let m = Int(p[1]), let d = Int(p[2]),
              (1900...9999).contains(y), (1...12).contains(m), (1...31).contains(d) else { return nil }
        let day = days(year: y, month: m, day: d)
        guard civil(day) == (y, m, d) else { return nil }
        let serial = day - epoch1900
        return serial < 61 ? serial - 1 : serial  // before 1900-03-01 the count skips the fictional 29th
    }
}
