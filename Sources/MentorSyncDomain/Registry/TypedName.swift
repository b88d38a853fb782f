/// A name as a person typed it, taken apart: the name itself and the dates written after it,
/// innermost first. «Фёдоров Пётр Семёнович (02.01.1980) — 01.09.2024» is a pair: its mentor's
/// name, the mentor's birth date, the pair's start. A date is written `DD.MM.YYYY` or
/// `YYYY-MM-DD`, after the name in brackets, after a dash, a comma or a space.
struct TypedName: Equatable {
    /// The name, normalized (`RowNames.normalize`).
    var base: String
    /// The dates after it, as stored (`YYYY-MM-DD`), innermost first.
    var dates: [String]

    /// Every way a normalized text can be read: as a name alone, and as a name with the one or two
    /// dates it ends with (a text like "Петров - 01.09.2024" is read both as «Петров» dated and as
    /// «Петров -» dated; only the readings that name a row find anything).
    static func readings(of key: String) -> [TypedName] {
        var out = [TypedName(base: key, dates: [])]
        var next = 0
        while next < out.count {
            let r = out[next]
            next += 1
            guard r.dates.count < 3 else { continue }
            for (name, date) in peel(r.base) { out.append(TypedName(base: name, dates: [date] + r.dates)) }
        }
        return out
    }

    /// The ways `text` is a name followed by a date: "name (date)", "name - date", "name, date", "name date".
    private static func peel(_ text: String) -> [(String, String)] {
        var s = Substring(text)
        let bracketed = s.hasSuffix(")")
        if bracketed { s = s.dropLast() }
        guard s.count > 10, let date = storedDate(s.suffix(10)) else { return [] }
        let head = s.dropLast(10)
        let separators = bracketed ? [" ("] : [" - ", ", ", " "]
        return separators.compactMap { sep in
            guard head.hasSuffix(sep), head.count > sep.count else { return nil }
            return (String(head.dropLast(sep.count)), date)
        }
    }

    /// `DD.MM.YYYY` or `YYYY-MM-DD` as stored (`YYYY-MM-DD`); nil for anything else.
    static func storedDate(_ s: Substring) -> String? {
        let c = Array(s.utf8)
        guard c.count == 10 else { return nil }
        func digits(_ r: Range<Int>) -> Bool { r.allSatisfy { c[$0] >= 0x30 && c[$0] <= 0x39 } }
        if c[2] == 0x2E, c[5] == 0x2E, digits(0..<2), digits(3..<5), digits(6..<10) {
            return "\(s.dropFirst(6))-\(s.dropFirst(3).prefix(2))-\(s.prefix(2))"
        }
        if c[4] == 0x2D, c[7] == 0x2D, digits(0..<4), digits(5..<7), digits(8..<10) { return String(s) }
        return nil
    }
}
