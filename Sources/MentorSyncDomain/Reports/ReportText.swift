import Foundation

/// Numbers and dates as a Russian reader writes them: decimal comma, dd.mm.yyyy.
/// Formatted by hand (not by a locale) so the output is the same on every machine.
enum ReportText {
    /// How many incomplete rows, as the schools' column counts them (a row missing two things is one
    /// row), with the things missing when they are more: «2» or «строк: 1, недостаёт значений: 2».
    static func incomplete(rows: Int, entries: Int) -> String {
        rows == entries ? "\(rows)" : "строк: \(rows), недостаёт значений: \(entries)"
    }

    /// "2024-09-01" → "01.09.2024"; anything else unchanged.
    static func date(_ iso: String) -> String {
        let p = iso.split(separator: "-")
        guard p.count == 3 else { return iso }
        return "\(p[2]).\(p[1]).\(p[0])"
    }

    /// A number with at most `digits` decimals and a decimal comma: 85.714 → "85,7", 7.5 → "7,5", 75 → "75".
    static func number(_ value: Double, digits: Int = 1) -> String {
        let scale = pow(10, Double(digits))
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        var text = String(format: "%.\(digits)f", rounded)
        while text.hasSuffix("0") { text.removeLast() }
        return text.replacingOccurrences(of: ".", with: ",")
    }

    /// "85,7%", or "—" when there is no value.
    static func percent(_ value: Double?) -> String {
        guard let value else { return "—" }
        return number(value) + "%"
    }

    /// An indicator's value as its unit reads: "85,7%" for a share, "3" for a count, "—" when none.
    static func value(_ i: IndicatorResult) -> String {
        i.unit == .count ? (i.value.map { number($0) } ?? "—") : percent(i.value)
    }

    /// An indicator's target as its unit reads: "60%", "не менее 1", "—" when none.
    /// Where the target shown comes from: the district's (its table «Показатели и цели», which a
    /// school reads but does not write), or the roadmap it was taken after.
    static func targetOrigin(_ i: IndicatorResult) -> String {
        i.targetSource == .indicators ? "цель управления образования — таблица «Показатели и цели»" : i.source
    }

    static func target(_ i: IndicatorResult) -> String {
        guard let t = i.target else { return "—" }
        return i.unit == .count ? "не менее \(number(t))" : percent(t)
    }

    /// "да" / "нет" / "—".
    static func met(_ met: Bool?) -> String {
        guard let met else { return "—" }
        return met ? "да" : "нет"
    }

    /// A mean with two decimals, or "—".
    static func mean(_ value: Double?) -> String {
        guard let value else { return "—" }
        return number(value, digits: 2)
    }
}

/// A plain text table with aligned columns: numbers right, text left. Widths count characters
/// (one per Cyrillic letter), so it lines up in any UTF-8 terminal with a monospaced font.
struct TextTable {
    enum Alignment { case left, right }

    var header: [String]
    var alignments: [Alignment]
    var rows: [[String]] = []

    init(_ header: [String], alignments: [Alignment]? = nil) {
        self.header = header
        self.alignments = alignments ?? header.indices.map { $0 == 0 ? .left : .right }
    }

    mutating func add(_ row: [String]) { rows.append(row) }

    func render(indent: String = "") -> String {
        let all = [header] + rows
        var widths = Array(repeating: 0, count: header.count)
        for row in all { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        func line(_ row: [String]) -> String {
            var cells: [String] = []
            for i in widths.indices {
                let cell = i < row.count ? row[i] : ""
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                cells.append(alignments[i] == .left ? cell + pad : pad + cell)
            }
            var text = indent + cells.joined(separator: "  ")
            while text.hasSuffix(" ") { text.removeLast() }
            return text
        }
        var out = [line(header), indent + widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")]
        out += rows.map(line)
        return out.joined(separator: "\n")
    }
}
