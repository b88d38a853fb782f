import Foundation

extension IndicatorReport {
    /// The header of the CSV report. Stable: scripts and spreadsheets rely on these columns (their
    /// order and number). The target is in the row's unit («Единица»: % or чел.), so it is «Цель»
    /// («Цель, %» sat over a target of 1 person).
    public static let csvHeader = ["Период", "ОО", "Название ОО", "Код", "№", "Показатель",
                                   "Числитель", "Знаменатель", "Значение", "Единица", "Цель", "Достигнуто"]

    /// One cell of the report's flat table (CSV and Excel alike).
    enum FlatCell {
        case text(String)
        case count(Int)
        case number(Double, digits: Int)
        case empty

        /// As a CSV field: a decimal comma, as a Russian Excel reads numbers.
        var csv: String {
            switch self {
            case .text(let t): return t
            case .count(let n): return String(n)
            case .number(let x, let digits): return ReportText.number(x, digits: digits)
            case .empty: return ""
            }
        }

        /// As a workbook cell: numbers stay numbers, to be summed and charted.
        var xlsx: XLSXCell {
            switch self {
            case .text(let t): return .text(t)
            case .count(let n): return .number(Double(n))
            case .number(let x, let digits):
                // Rounded as the report shows it: 81,97…% is 82 in every form of the report.
                let scale = pow(10, Double(digits))
                return .number((x * scale).rounded() / scale)
            case .empty: return .empty
            }
        }
    }

    /// The report as one flat table, header first: one row per indicator per school, then the
    /// district's rows (ОО `district`, or the school itself when the report is limited to one), its
    /// counts (item 7) between indicators 6 and 8а: `mentors_active`, `mentees`, `pairs:FORM:STATUS`, `meetings:KIND`
    /// (value = a count) and `satisfaction:RESPONDENT` (numerator = sum of scores, denominator =
    /// answers, value = mean). "Достигнуто" is да / нет, empty when there is no target or nobody to count.
    func flatRows() -> [[FlatCell]] {
        var lines = [Self.csvHeader.map(FlatCell.text)]
        let units = site == nil ? schools + [district] : [district]
        for unit in units {
            let head: [FlatCell] = [.text(period.description), .text(unit.site), .text(unit.name)]
            func indicators(_ list: [IndicatorResult]) {
                for i in list {
                    lines.append(head + [.text(i.code.rawValue), .text(i.number), .text(i.title), .count(i.numerator), .count(i.denominator),
                                         i.value.map { .number($0, digits: 1) } ?? .empty, .text(i.unit == .count ? "чел." : "%"),
                                         i.target.map { .number($0, digits: 1) } ?? .empty, i.met.map { .text($0 ? "да" : "нет") } ?? .empty])
                }
            }
            // The numbered items in their order: 1–6, the counts (7), 8а–12б.
            indicators(unit.indicators.filter(\.code.precedesCounts))
            let c = unit.counts
            func count(_ code: String, _ title: String, _ n: Int, _ unitName: String) {
                lines.append(head + [.text(code), .text("7"), .text(title), .empty, .empty, .count(n), .text(unitName), .empty, .empty])
            }
            count("mentors_active", "Наставники (активные)", c.activeMentors, "чел.")
            count("mentees", "Наставляемые", c.mentees, "чел.")
            for p in c.pairs {
                count("pairs:\(p.form):\(p.status)", "Пары и группы: \(ReportVocabulary.label(p.form)), \(ReportVocabulary.label(p.status))",
                      p.count, "шт.")
            }
            for m in c.meetings {
                count("meetings:\(m.kind)", "Встречи: \(ReportVocabulary.label(m.kind))", m.count, "шт.")
            }
            for s in c.satisfaction {
                lines.append(head + [.text("satisfaction:\(s.respondent)"), .text("7"), .text("Удовлетворённость: \(ReportVocabulary.label(s.respondent))"),
                                     .count(s.total), .count(s.responses), s.mean.map { .number($0, digits: 2) } ?? .empty,
                                     .text("балл (1–10)"), .empty, .empty])
            }
            indicators(unit.indicators.filter { !$0.code.precedesCounts })
        }
        return lines
    }

    /// The report as CSV for a Russian Excel (`flatRows`): UTF-8 with a byte-order mark (so Excel
    /// does not read it as CP1251), `;` between fields, CRLF line ends, and a decimal comma (85,7),
    /// which is what a Russian Excel expects.
    public func csvText() -> String {
        "\u{FEFF}" + flatRows().map { $0.map { Self.csvField($0.csv) }.joined(separator: ";") }.joined(separator: "\r\n") + "\r\n"
    }

    /// The report as an Excel workbook (`flatRows`), one sheet, numbers as numbers: the file the
    /// region asks for.
    public func xlsxData() throws -> Data {
        try XLSXWriter().encode(sheet: "Показатели \(period)", rows: flatRows().map { $0.map(\.xlsx) })
    }

    /// Quotes a field when it holds a separator, a quote or a line break (RFC 4180, with `;`).
    /// https://www.rfc-editor.org/rfc/rfc4180#section-2
    static func csvField(_ text: String) -> String {
        // By scalars: "\r\n" is one Character in Swift and would slip past a Character test.
        guard text.unicodeScalars.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
