extension IndicatorReport {
    /// The header of the CSV report. Stable: scripts and spreadsheets rely on these columns.
    public static let csvHeader = ["Период", "ОО", "Название ОО", "Код", "№", "Показатель",
                                   "Числитель", "Знаменатель", "Значение", "Единица", "Цель, %", "Достигнуто"]

    /// The report as CSV for a Russian Excel: UTF-8 with a byte-order mark (so Excel does not read it
    /// as CP1251), `;` between fields, CRLF line ends, and a decimal comma (85,7), which is what
    /// a Russian Excel expects. One row per indicator per school, then the district's rows (ОО
    /// `district`, or the school itself when the report is limited to one), each followed by its counts:
    /// `mentors_active`, `mentees`, `pairs:FORM:STATUS`, `meetings:KIND` (value = a count) and
    /// `satisfaction:RESPONDENT` (numerator = sum of scores, denominator = answers, value = mean).
    /// "Достигнуто" is да / нет, empty when there is no target or nobody to count.
    public func csvText() -> String {
        var lines = [Self.csvHeader]
        let units = site == nil ? schools + [district] : [district]
        for unit in units {
            let head = [period.description, unit.site, unit.name]
            for i in unit.indicators {
                lines.append(head + [i.code.rawValue, i.number, i.title, String(i.numerator), String(i.denominator),
                                     i.value.map { ReportText.number($0) } ?? "", i.unit == .count ? "чел." : "%",
                                     i.target.map { ReportText.number($0) } ?? "", i.met.map { $0 ? "да" : "нет" } ?? ""])
            }
            let c = unit.counts
            func count(_ code: String, _ title: String, _ n: Int, _ unitName: String) {
                lines.append(head + [code, "7", title, "", "", String(n), unitName, "", ""])
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
                lines.append(head + ["satisfaction:\(s.respondent)", "7", "Удовлетворённость: \(ReportVocabulary.label(s.respondent))",
                                     String(s.total), String(s.responses), s.mean.map { ReportText.number($0, digits: 2) } ?? "",
                                     "балл (1–10)", "", ""])
            }
        }
        return "\u{FEFF}" + lines.map { $0.map(Self.csvField).joined(separator: ";") }.joined(separator: "\r\n") + "\r\n"
    }

    /// Quotes a field when it holds a separator, a quote or a line break (RFC 4180, with `;`).
    /// https://www.rfc-editor.org/rfc/rfc4180#section-2
    static func csvField(_ text: String) -> String {
        // By scalars: "\r\n" is one Character in Swift and would slip past a Character test.
        guard text.unicodeScalars.contains(where: { $0 == ";" || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
