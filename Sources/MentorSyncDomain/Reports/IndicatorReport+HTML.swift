extension IndicatorReport {
    /// The ids of the page's sections, in order (one `<section id=…>` each; one per indicator when the
    /// report covers several schools).
    public var htmlSectionIDs: [String] {
        // The numbered items in their order: 1–6, the counts (7) with its tables, 8а–12б.
        let indicators = site == nil ? IndicatorCode.allCases : []
        return ["summary"] + indicators.filter(\.precedesCounts).map { "indicator-\($0.rawValue)" }
            + ["counts", "pairs", "meetings", "satisfaction"]
            + indicators.filter { !$0.precedesCounts }.map { "indicator-\($0.rawValue)" } + ["incomplete", "notes"]
    }

    /// The report as one self-contained HTML page: inline CSS, no script, nothing fetched from the
    /// network, so it can be e-mailed or printed as is. Each share has a bar against its target.
    public func htmlPage() -> String {
        var h = HTMLWriter()
        let title = "Показатели эффективности наставничества, \(period) учебный год"
        h.raw("""
            <!DOCTYPE html>
            <html lang="ru">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>\(HTMLWriter.escape(title + " — " + district.name))</title>
            <style>\(Self.css)</style>
            </head>
            <body>
            """)
        h.element("h1", title)
        h.element("p", "\(district.name). Период: \(ReportText.date(periodStart)) – \(ReportText.date(periodEnd)), данные на \(ReportText.date(asOf)). "
                  + (site == nil ? "ОО в отчёте: \(schools.count)." : "ОО: \(site ?? ""). ")
                  + " Неполных строк: \(incompleteRowCount).", class: "lead")

        h.open("section", id: "summary")
        h.element("h2", site == nil ? "Итого по муниципалитету" : "Итого по ОО")
        h.open("table")
        h.headerRow(["№", "Показатель", "Числитель", "Знаменатель", "Значение", "Цель", "Относительно цели", "Достигнуто"])
        for i in district.indicators {
            h.open("tr", class: rowClass(i))
            h.cells([i.number])
            h.raw("<td>\(HTMLWriter.escape(i.title))<div class=\"src\">\(HTMLWriter.escape(ReportText.targetOrigin(i)))</div></td>")
            h.cells([String(i.numerator), String(i.denominator), ReportText.value(i), ReportText.target(i)], class: "num")
            h.raw("<td>\(bar(i))</td>")
            h.cells([ReportText.met(i.met)])
            h.close("tr")
        }
        h.close("table")
        h.close("section")

        // The numbered items in their order: 1–6, the counts (7) with its tables, 8а–12б.
        indicatorSections(IndicatorCode.allCases.filter(\.precedesCounts), into: &h)
        countSections(into: &h)
        indicatorSections(IndicatorCode.allCases.filter { !$0.precedesCounts }, into: &h)

        h.open("section", id: "incomplete")
        h.element("h2", "Неполные данные (\(ReportText.incomplete(rows: incompleteRowCount, entries: incomplete.count)))")
        if incomplete.isEmpty {
            h.element("p", "Все ссылки разрешены, нужные поля заполнены.")
        } else {
            h.element("p", "Эти строки ссылаются на ещё не полученные строки или не заполнены; они не входят только в те показатели, которым нужна недостающая часть.")
            h.open("table")
            h.headerRow(["ОО", "Таблица", "Запись", "Что не так"])
            let orgNames = Dictionary(schools.map { ($0.site, $0.name) }, uniquingKeysWith: { a, _ in a })
            for row in incomplete {
                h.open("tr")
                h.cells([orgNames[row.orgId] ?? row.orgId, Message.tableTitle(row.table).russian, row.shown])
                h.cells([row.explanation])
                h.close("tr")
            }
            h.close("table")
        }
        h.close("section")

        h.open("section", id: "notes")
        h.element("h2", "Как считаются показатели")
        h.open("ul")
        for note in notes { h.element("li", note) }
        h.close("ul")
        h.close("section")
        h.text += "</body>\n</html>\n"
        return h.text
    }

    /// One section per indicator of `codes`, each school's figure in it (a report of several schools only).
    private func indicatorSections(_ codes: [IndicatorCode], into h: inout HTMLWriter) {
        guard site == nil else { return }
        for code in codes {
            guard let first = district.indicator(code) else { continue }
            h.open("section", id: "indicator-\(code.rawValue)")
            h.element("h2", "\(first.number). \(first.title)")
            h.element("p", "Цель: \(ReportText.target(first)) (\(ReportText.targetOrigin(first))). По муниципалитету: "
                      + (first.unit == .count ? "\(first.numerator) (среди \(first.denominator))."
                                              : "\(first.numerator) из \(first.denominator), \(ReportText.value(first))."), class: "lead")
            h.open("table")
            h.headerRow(["ОО", "Название", "Числитель", "Знаменатель", "Значение", "Относительно цели", "Достигнуто"])
            for s in schools {
                guard let i = s.indicator(code) else { continue }
                h.open("tr", class: rowClass(i))
                h.cells([s.site, s.name])
                h.cells([String(i.numerator), String(i.denominator), ReportText.value(i)], class: "num")
                h.raw("<td>\(bar(i))</td>")
                h.cells([ReportText.met(i.met)])
                h.close("tr")
            }
            h.close("table")
            h.close("section")
        }
    }

    /// Item 7: the counts, pairs by form and status, meetings by kind, satisfaction.
    private func countSections(into h: inout HTMLWriter) {
        h.open("section", id: "counts")
        h.element("h2", "7. Количественные показатели")
        h.open("table")
        h.headerRow(["ОО", "Название", "Наставники (активные)", "Наставляемые", "Пары и группы", "Встречи",
                     "Удовлетворённость наставников", "Удовлетворённость наставляемых", "Неполные строки"])
        for (label, s) in rowsWithTotal {
            let c = s.counts
            h.open("tr", class: label == "итого" ? "total" : nil)
            h.cells([label, s.name])
            h.cells([String(c.activeMentors), String(c.mentees), String(c.pairsTotal), String(c.meetingsTotal),
                     ReportText.mean(c.satisfaction("mentor")?.mean), ReportText.mean(c.satisfaction("mentee")?.mean),
                     String(s.incomplete)], class: "num")
            h.close("tr")
        }
        h.close("table")
        h.close("section")

        h.open("section", id: "pairs")
        h.element("h2", "Пары и группы по формам и статусам")
        let matrix = pairMatrix(district.counts)
        h.open("table")
        h.headerRow(matrix.header)
        for row in matrix.rows {
            h.open("tr", class: row.first == "всего" ? "total" : nil)
            h.cells([row[0]])
            h.cells(Array(row.dropFirst()), class: "num")
            h.close("tr")
        }
        h.close("table")
        if site == nil {
            h.element("h3", "По ОО и формам")
            let forms = orderedUnique(district.counts.pairs.map(\.form))
            h.open("table")
            h.headerRow(["ОО"] + forms.map(ReportVocabulary.label) + ["всего"])
            for (label, s) in rowsWithTotal {
                h.open("tr", class: label == "итого" ? "total" : nil)
                h.cells([named(label, s)])
                h.cells(forms.map { String(s.counts.pairs(form: $0)) } + [String(s.counts.pairsTotal)], class: "num")
                h.close("tr")
            }
            h.close("table")
        }
        h.close("section")

        h.open("section", id: "meetings")
        h.element("h2", "Встречи по видам")
        let kinds = district.counts.meetings.map(\.kind)
        h.open("table")
        h.headerRow(["ОО"] + kinds.map(ReportVocabulary.label) + ["всего"])
        for (label, s) in rowsWithTotal {
            h.open("tr", class: label == "итого" ? "total" : nil)
            h.cells([named(label, s)])
            h.cells(kinds.map { String(s.counts.meetings(kind: $0)) } + [String(s.counts.meetingsTotal)], class: "num")
            h.close("tr")
        }
        h.close("table")
        h.close("section")

        h.open("section", id: "satisfaction")
        h.element("h2", "Удовлетворённость участников (1–10)")
        let respondents = district.counts.satisfaction.map(\.respondent)
        h.open("table")
        h.headerRow(["ОО"] + respondents.flatMap { ["\(ReportVocabulary.label($0)): ответов", "средняя"] })
        for (label, s) in rowsWithTotal {
            h.open("tr", class: label == "итого" ? "total" : nil)
            h.cells([named(label, s)])
            h.cells(respondents.flatMap { r -> [String] in
                let m = s.counts.satisfaction(r)
                return [String(m?.responses ?? 0), ReportText.mean(m?.mean)]
            }, class: "num")
            h.close("tr")
        }
        h.close("table")
        h.close("section")
    }

    /// A school in a table of its own figures, by its name (the table of counts has its code beside it).
    private func named(_ label: String, _ s: OrganizationReport) -> String {
        label == "итого" || s.name.isEmpty ? label : s.name
    }

    private func rowClass(_ i: IndicatorResult) -> String? {
        switch i.met {
        case true?: return "met"
        case false?: return "unmet"
        case nil: return nil
        }
    }

    /// A bar 0–100% filled to the value, with a mark at the target.
    private func bar(_ i: IndicatorResult) -> String {
        guard let value = i.value else { return "<span class=\"nodata\">нет данных</span>" }
        if i.unit == .count {
            return "<span class=\"count\">\(HTMLWriter.escape("\(ReportText.value(i)) при цели \(ReportText.target(i))"))</span>"
        }
        let fill = ReportText.number(min(max(value, 0), 100)).replacingOccurrences(of: ",", with: ".")
        var html = "<div class=\"bar\" title=\"\(ReportText.percent(value)) при цели \(ReportText.target(i))\">"
        html += "<div class=\"fill \(i.met == false ? "low" : "ok")\" style=\"width:\(fill)%\"></div>"
        if let target = i.target {
            let at = ReportText.number(min(max(target, 0), 100)).replacingOccurrences(of: ",", with: ".")
            html += "<div class=\"target\" style=\"left:\(at)%\"></div>"
        }
        return html + "</div>"
    }

    static let css = """
        body{font-family:"PT Sans","Segoe UI",Arial,sans-serif;margin:2em;color:#222;font-size:14px}
        h1{font-size:1.5em;margin:0 0 .3em}h2{font-size:1.15em;margin:1.6em 0 .4em}h3{font-size:1em}
        .lead{color:#444}table{border-collapse:collapse;width:100%;margin:.4em 0}
        th,td{border:1px solid #bbb;padding:.25em .5em;vertical-align:top}th{background:#eef1f5;text-align:left}
        td.num{text-align:right;white-space:nowrap}td.id{font-family:monospace;font-size:.9em}
        tr.total td{font-weight:bold;background:#f6f6f6}.src{color:#777;font-size:.85em}
        tr.unmet td:last-child{color:#a33;font-weight:bold}tr.met td:last-child{color:#2a7a2a;font-weight:bold}
        .bar{position:relative;width:12em;height:.9em;background:#e4e4e4;border:1px solid #999}
        .fill{height:100%}.fill.ok{background:#4a9a4a}.fill.low{background:#d9822b}
        .target{position:absolute;top:-3px;bottom:-3px;width:2px;margin-left:-1px;background:#222}
        .nodata{color:#888}
        @media print{body{margin:1cm;font-size:11px}section{break-inside:avoid-page}
        *{-webkit-print-color-adjust:exact;print-color-adjust:exact}}
        """
}

/// Builds HTML text; every piece of data goes through `escape`.
struct HTMLWriter {
    var text = ""

    static func escape(_ s: String) -> String { htmlEscaped(s) }

    mutating func raw(_ s: String) { text += s + "\n" }

    mutating func open(_ tag: String, id: String? = nil, class cls: String? = nil) {
        var attrs = ""
        if let id { attrs += " id=\"\(Self.escape(id))\"" }
        if let cls { attrs += " class=\"\(Self.escape(cls))\"" }
        text += "<\(tag)\(attrs)>"
        if tag != "tr" { text += "\n" }
    }

    mutating func close(_ tag: String) { text += "</\(tag)>\n" }

    mutating func element(_ tag: String, _ content: String, class cls: String? = nil) {
        let attr = cls.map { " class=\"\(Self.escape($0))\"" } ?? ""
        text += "<\(tag)\(attr)>\(Self.escape(content))</\(tag)>\n"
    }

    mutating func cells(_ values: [String], class cls: String? = nil) {
        let attr = cls.map { " class=\"\($0)\"" } ?? ""
        for v in values { text += "<td\(attr)>\(Self.escape(v))</td>" }
    }

    mutating func headerRow(_ values: [String]) {
        text += "<tr>" + values.map { "<th>\(Self.escape($0))</th>" }.joined() + "</tr>\n"
    }
}
