extension IndicatorReport {
    /// The report as aligned text (UTF-8), sections in the order of the HTML page.
    public func tableText() -> String {
        var out: [String] = []
        out.append("Показатели эффективности наставничества")
        out.append("Период: \(period) учебный год (\(ReportText.date(periodStart)) – \(ReportText.date(periodEnd))), данные на \(ReportText.date(asOf))")
        if let site {
            out.append("ОО: \(site) — \(district.name)")
        } else {
            out.append("\(district.name): ОО в отчёте — \(schools.count)")
        }

        out.append("")
        out.append(site == nil ? "Итого по муниципалитету" : "Итого по ОО")
        var summary = TextTable(["№", "Показатель", "Числитель", "Знаменатель", "Значение", "Цель", "Достигнуто"],
                                alignments: [.left, .left, .right, .right, .right, .right, .left])
        for i in district.indicators {
            summary.add([i.number, i.title, String(i.numerator), String(i.denominator), ReportText.value(i),
                         ReportText.target(i), ReportText.met(i.met)])
        }
        out.append(summary.render())

        // The numbered items in their order: 1–6, the counts (7), 8а–12б.
        out += indicatorSections(IndicatorCode.allCases.filter(\.precedesCounts))
        out += countSections()
        out += indicatorSections(IndicatorCode.allCases.filter { !$0.precedesCounts })

        out.append("")
        out.append("Неполные данные: \(ReportText.incomplete(rows: incompleteRowCount, entries: incomplete.count))")
        if !incomplete.isEmpty {
            var t = TextTable(["ОО", "Таблица", "Запись", "Что не так"], alignments: [.left, .left, .left, .left])
            for row in incomplete { t.add([row.orgId, Message.tableTitle(row.table).russian, row.shown, row.explanation]) }
            out.append(t.render())
        }

        out.append("")
        out.append("Примечания")
        out += notes.map { "- " + $0 }
        return out.joined(separator: "\n") + "\n"
    }

    /// One section per indicator of `codes`, each school's figure in it (a report of several schools only).
    private func indicatorSections(_ codes: [IndicatorCode]) -> [String] {
        guard site == nil else { return [] }
        var out: [String] = []
        for code in codes {
            guard let first = district.indicator(code) else { continue }
            out.append("")
            out.append("\(first.number). \(first.title) — цель \(ReportText.target(first)) (\(ReportText.targetOrigin(first)))")
            var t = TextTable(["ОО", "Название", "Числитель", "Знаменатель", "Значение", "Достигнуто"],
                              alignments: [.left, .left, .right, .right, .right, .left])
            for s in schools {
                guard let i = s.indicator(code) else { continue }
                t.add([s.site, s.name, String(i.numerator), String(i.denominator), ReportText.value(i), ReportText.met(i.met)])
            }
            out.append(t.render())
        }
        return out
    }

    /// Item 7: the counts, pairs by form and status, meetings by kind, satisfaction.
    private func countSections() -> [String] {
        var out: [String] = []
        out.append("")
        out.append("7. Количественные показатели")
        var counts = TextTable(["ОО", "Название", "Наставники", "Наставляемые", "Пары", "Встречи",
                                "Удовл. наставников", "Удовл. наставляемых", "Неполные"],
                               alignments: [.left, .left, .right, .right, .right, .right, .right, .right, .right])
        for (label, s) in rowsWithTotal {
            let c = s.counts
            counts.add([label, s.name, String(c.activeMentors), String(c.mentees), String(c.pairsTotal),
                        String(c.meetingsTotal), ReportText.mean(c.satisfaction("mentor")?.mean),
                        ReportText.mean(c.satisfaction("mentee")?.mean), String(s.incomplete)])
        }
        out.append(counts.render())

        out.append("")
        out.append("Пары и группы по формам и статусам" + (site == nil ? " (все ОО)" : ""))
        out.append(pairMatrix(district.counts).render())

        out.append("")
        out.append("Встречи по видам")
        let kinds = district.counts.meetings.map(\.kind)
        var meetings = TextTable(["ОО"] + kinds.map(ReportVocabulary.label) + ["всего"])
        for (label, s) in rowsWithTotal {
            meetings.add([label] + kinds.map { String(s.counts.meetings(kind: $0)) } + [String(s.counts.meetingsTotal)])
        }
        out.append(meetings.render())

        out.append("")
        out.append("Удовлетворённость участников (1–10)")
        var satisfaction = TextTable(["Респонденты", "Ответов", "Средняя оценка"])
        for m in district.counts.satisfaction {
            satisfaction.add([ReportVocabulary.label(m.respondent), String(m.responses), ReportText.mean(m.mean)])
        }
        out.append(satisfaction.render())
        return out
    }

    /// Each school under its site id, then the district's total (which, for one school, is that school).
    var rowsWithTotal: [(String, OrganizationReport)] {
        schools.map { ($0.site, $0) } + (site == nil ? [("итого", district)] : [])
    }

    func pairMatrix(_ counts: ReportCounts) -> TextTable {
        let statuses = orderedUnique(counts.pairs.map(\.status))
        let forms = orderedUnique(counts.pairs.map(\.form))
        var t = TextTable(["Форма"] + statuses.map(ReportVocabulary.label) + ["всего"])
        for form in forms {
            t.add([ReportVocabulary.label(form)] + statuses.map { String(counts.pairs(form: form, status: $0)) }
                  + [String(counts.pairs(form: form))])
        }
        t.add(["всего"] + statuses.map { String(counts.pairs(status: $0)) } + [String(counts.pairsTotal)])
        return t
    }
}

func orderedUnique(_ values: [String]) -> [String] {
    var seen = Set<String>()
    return values.filter { seen.insert($0).inserted }
}
