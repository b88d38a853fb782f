import XCTest
import MentorSyncEngine
@testable import MentorSyncDomain

/// The four forms of the report, each read back.
final class ReportRenderingTests: XCTestCase {
    var report: IndicatorReport!

    override func setUpWithError() throws {
        report = try DubnaFixture().report()
    }

    /// A CSV reader for `;`-separated fields with RFC 4180 quoting.
    static func parseCSV(_ text: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = ""
        var quoted = false
        var scalars = Array(text.unicodeScalars)[...]
        while let c = scalars.popFirst() {
            if quoted {
                if c == "\"" {
                    if scalars.first == "\"" { field.unicodeScalars.append("\""); scalars.removeFirst() } else { quoted = false }
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" {
                quoted = true
            } else if c == ";" {
                row.append(field); field = ""
            } else if c == "\r" && scalars.first == "\n" {
                scalars.removeFirst()
                row.append(field); rows.append(row); row = []; field = ""
            } else {
                field.unicodeScalars.append(c)
            }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }

    func testCSVOpensInARussianExcelAndReadsBack() throws {
        let data = try report.renderedData(as: .csv)
        XCTAssertEqual(Array(data.prefix(3)), [0xEF, 0xBB, 0xBF], "UTF-8 byte-order mark")
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        XCTAssertTrue(text.hasSuffix("\r\n"))
        let rows = Self.parseCSV(text)
        XCTAssertEqual(rows.first, IndicatorReport.csvHeader)
        XCTAssertEqual(IndicatorReport.csvHeader[10], "Цель", "the target is in the row's unit, a count or a percent")
        XCTAssertTrue(rows.allSatisfy { $0.count == IndicatorReport.csvHeader.count }, "every row has every field")

        func row(_ site: String, _ code: String) -> [String]? { rows.first { $0[1] == site && $0[3] == code } }
        // One row per indicator per school, and the district's.
        for site in ["s001", "s002", "district"] {
            for code in IndicatorCode.allCases { XCTAssertNotNil(row(site, code.rawValue), "\(site) \(code.rawValue)") }
        }
        let u35 = try XCTUnwrap(row("s001", "teachers_under_35"))
        XCTAssertEqual(u35[0], "2024-2025")
        XCTAssertEqual(u35[2], "Школа № 1")
        XCTAssertEqual(Array(u35[6...11]), ["3", "4", "75", "%", "90", "нет"])
        XCTAssertEqual(row("s001", "teachers_under_3_years")?[8], "66,7", "decimal comma")
        XCTAssertEqual(row("s002", "teachers_under_3_years")?[8], "", "no value when nobody is counted")
        XCTAssertEqual(row("s002", "teachers_under_3_years")?[11], "")
        XCTAssertEqual(row("s001", "pairs:teacher-teacher:active")?[8], "3")
        XCTAssertEqual(row("s001", "meetings:joint_work")?[8], "2")
        XCTAssertEqual(row("s001", "satisfaction:mentee")?[8], "7,5")
        XCTAssertEqual(row("district", "mentors_active")?[8], "2")
    }

    func testCSVQuotesFieldsThatNeedIt() {
        XCTAssertEqual(IndicatorReport.csvField("a;b"), "\"a;b\"")
        XCTAssertEqual(IndicatorReport.csvField("«Школа \"1\"»"), "\"«Школа \"\"1\"\"»\"")
        XCTAssertEqual(IndicatorReport.csvField("две\r\nстроки"), "\"две\r\nстроки\"")
        XCTAssertEqual(IndicatorReport.csvField("простое"), "простое")
        XCTAssertEqual(Self.parseCSV("\"a;b\";\"x\"\"y\"\r\n"), [["a;b", "x\"y"]])
    }

    func testJSONReadsBackWithStableKeys() throws {
        let data = try report.jsonData()
        let back = try IndicatorReport.decode(data)
        XCTAssertEqual(back, report)

        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertEqual(Set(object.keys), ["period", "period_start", "period_end", "as_of", "site", "district", "schools", "incomplete", "notes"])
        XCTAssertEqual(object["period"] as? String, "2024-2025")
        XCTAssertTrue(object["site"] is NSNull, "an empty key is null, not missing")
        let schools = try XCTUnwrap(object["schools"] as? [[String: Any]])
        XCTAssertEqual(schools.map { $0["site"] as? String }, ["s001", "s002"])
        let indicators = try XCTUnwrap(schools[0]["indicators"] as? [[String: Any]])
        XCTAssertEqual(Set(indicators[0].keys), ["code", "number", "unit", "title", "source", "numerator", "denominator", "value",
                                                 "target", "target_source", "met"])
        XCTAssertEqual(indicators[0]["unit"] as? String, "percent")
        XCTAssertEqual(indicators[0]["code"] as? String, "teachers_under_35")
        XCTAssertEqual(indicators[0]["value"] as? Double, 75)
        XCTAssertEqual(indicators[0]["met"] as? Bool, false)
        XCTAssertEqual(indicators[0]["target_source"] as? String, "indicators")
        let empty = try XCTUnwrap((schools[1]["indicators"] as? [[String: Any]])?.first { $0["code"] as? String == "plans_done" })
        XCTAssertTrue(empty["value"] is NSNull)
        XCTAssertTrue(empty["met"] is NSNull)
        let counts = try XCTUnwrap(schools[0]["counts"] as? [String: Any])
        XCTAssertEqual(Set(counts.keys), ["active_mentors", "mentees", "pairs", "meetings", "satisfaction"])
        let incomplete = try XCTUnwrap(object["incomplete"] as? [[String: Any]])
        XCTAssertEqual(incomplete.count, 8)
        XCTAssertEqual(Set(incomplete[0].keys), ["table", "id", "org_id", "column", "problem", "refers_to_table", "refers_to_id", "label"])
        XCTAssertTrue(String(decoding: data, as: UTF8.self).contains("Доля педагогов"), "Cyrillic is written as is")
    }

    func testHTMLHasEverySectionAndNeedsNoNetwork() throws {
        let page = try report.rendered(as: .html)
        XCTAssertTrue(page.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(page.contains("<meta charset=\"utf-8\">"))
        XCTAssertTrue(page.hasSuffix("</html>\n"))
        XCTAssertEqual(report.htmlSectionIDs.count, 7 + IndicatorCode.allCases.count)
        for id in report.htmlSectionIDs {
            XCTAssertEqual(page.components(separatedBy: "<section id=\"\(id)\">").count, 2, "one section \(id)")
        }
        XCTAssertEqual(page.components(separatedBy: "<section").count - 1, report.htmlSectionIDs.count)
        XCTAssertEqual(page.components(separatedBy: "</section>").count - 1, report.htmlSectionIDs.count)
        for banned in ["<script", "<link", "src=", "http://", "https://", "@import", "url("] {
            XCTAssertFalse(page.contains(banned), "self-contained: no \(banned)")
        }
        XCTAssertTrue(page.contains("<style>"))
        XCTAssertTrue(page.contains("@media print"))
        // A bar for each share with a value, with its target mark.
        XCTAssertTrue(page.contains("<div class=\"fill low\" style=\"width:75%\"></div><div class=\"target\" style=\"left:90%\"></div>"))
        XCTAssertTrue(page.contains("нет данных"), "shares with nobody to count have no bar")
        for s in report.schools { XCTAssertTrue(page.contains(s.name)) }
        // Each incomplete row by its name (or short id), its table and column by their titles.
        for i in report.incomplete { XCTAssertTrue(page.contains(HTMLWriter.escape(i.shown)), i.shown) }
        XCTAssertTrue(report.incomplete.contains { $0.label != nil }, "named rows are named")
        XCTAssertTrue(page.contains("не заполнено: Дата рождения<") || page.contains("не заполнено: Дата рождения "), page)
        XCTAssertFalse(page.contains("(birth_date)"), "a column by its title alone")
        for code in IndicatorCode.allCases { XCTAssertTrue(page.contains(HTMLWriter.escape(code.title))) }
    }

    func testHTMLEscapesNames() throws {
        let f = try ReportFixture()
        try f.organization("s001", name: "<b>Школа & \"лицей\"</b>")
        let page = try IndicatorReport(database: f.db, period: SchoolYear(startYear: 2024)).htmlPage()
        XCTAssertFalse(page.contains("<b>Школа"))
        XCTAssertTrue(page.contains("&lt;b&gt;Школа &amp; &quot;лицей&quot;&lt;/b&gt;"))
    }

    func testHTMLForOneSchoolHasTheSchoolSections() throws {
        let one = try DubnaFixture().report(site: "s001")
        XCTAssertEqual(one.htmlSectionIDs, ["summary", "counts", "pairs", "meetings", "satisfaction", "incomplete", "notes"])
        let page = one.htmlPage()
        for id in one.htmlSectionIDs { XCTAssertTrue(page.contains("<section id=\"\(id)\">")) }
    }

    /// Item 7 (the counts and their tables) stands between indicators 6 and 8а, in the order DOMAIN.md
    /// numbers the items, in every form of the district's report (it came after 12б).
    func testCountsStandBetweenIndicatorsSixAndEight() throws {
        let ids = report.htmlSectionIDs
        XCTAssertEqual(Array(ids[7...12]), ["indicator-schools_with_active_pair", "counts", "pairs", "meetings", "satisfaction",
                                            "indicator-staff_diagnosed"], "\(ids)")
        XCTAssertEqual(ids.suffix(3), ["indicator-staff_in_professional_events", "incomplete", "notes"])

        func inOrder(_ text: String, _ marks: [String], _ form: String) {
            let at = marks.map { text.range(of: $0)?.lowerBound }
            XCTAssertFalse(at.contains(nil), "\(form): every mark found")
            XCTAssertEqual(at.compactMap { $0 }, at.compactMap { $0 }.sorted(), "\(form): \(marks)")
        }
        inOrder(report.htmlPage(), ["<section id=\"indicator-schools_with_active_pair\">", "<h2>7. Количественные показатели</h2>",
                                    "<section id=\"satisfaction\">", "<h2>8а. ", "<h2>12б. ", "<section id=\"incomplete\">"], "html")
        inOrder(report.tableText(), ["\n6. \(IndicatorCode.schoolsWithActivePair.title) — цель", "\n7. Количественные показатели\n",
                                     "\nУдовлетворённость участников", "\n8а. ", "\n12б. ", "\nНеполные данные"], "table")

        // The flat table (CSV, Excel): each school's rows, and the district's, 1 … 6, 7, 8а … 12б.
        let rows = Self.parseCSV(String(decoding: try report.renderedData(as: .csv).dropFirst(3), as: UTF8.self)).dropFirst()
        for site in ["s001", "district"] {
            let numbers = rows.filter { $0[1] == site }.map { $0[4] }
            let six = try XCTUnwrap(numbers.firstIndex(of: "6")), seven = try XCTUnwrap(numbers.firstIndex(of: "7"))
            let eight = try XCTUnwrap(numbers.firstIndex(of: "8а")), lastSeven = try XCTUnwrap(numbers.lastIndex(of: "7"))
            XCTAssertEqual(seven, six + 1, "\(site): \(numbers)")
            XCTAssertEqual(eight, lastSeven + 1, "\(site): \(numbers)")
        }
    }

    func testTableIsAlignedText() throws {
        let text = try report.rendered(as: .table)
        XCTAssertTrue(text.contains("Итого по муниципалитету"))
        XCTAssertTrue(text.contains("Период: 2024-2025 учебный год (01.09.2024 – 31.08.2025), данные на 31.08.2025"))
        // The heading counts rows as the schools' column does, and says the missing values when more.
        XCTAssertEqual(report.incomplete.count, 8)
        XCTAssertLessThan(report.incompleteRowCount, 8)
        XCTAssertEqual(report.schools.map(\.incomplete).reduce(0, +), report.incompleteRowCount, "the column adds up to the heading")
        XCTAssertTrue(text.contains("Неполные данные: строк: \(report.incompleteRowCount), недостаёт значений: 8"), text)
        XCTAssertTrue(report.htmlPage().contains("<h2>Неполные данные (строк: \(report.incompleteRowCount), недостаёт значений: 8)</h2>"))
        XCTAssertTrue(text.contains("Примечания"))
        // Forms in the words the forms and lists use.
        XCTAssertTrue(text.contains("учитель – учитель"), text)
        XCTAssertFalse(text.contains("педагог–педагог"), text)
        for code in IndicatorCode.allCases { XCTAssertTrue(text.contains(code.title)) }
        // Aligned: in every table, the gaps between the rule's segments are blank on every line.
        let lines = text.components(separatedBy: "\n")
        var tables = 0
        for (r, rule) in lines.enumerated() where rule.hasPrefix("─") {
            tables += 1
            let gaps = Array(rule).indices.filter { Array(rule)[$0] == " " }
            var i = r - 1
            while i < lines.count && !lines[i].isEmpty {
                let chars = Array(lines[i])
                XCTAssertLessThanOrEqual(chars.count, rule.count, lines[i])
                for g in gaps where g < chars.count { XCTAssertEqual(chars[g], " ", "misaligned: \(lines[i])") }
                i += 1
            }
        }
        XCTAssertGreaterThanOrEqual(tables, 12)
        let summaryRow = try XCTUnwrap(lines.first { $0.hasPrefix("1 ") && $0.contains("до 35 лет") })
        XCTAssertTrue(summaryRow.contains("60%"), summaryRow)
    }

    /// The notes are for a teachers' council: rules in words, no table or column names.
    func testNotesSpeakWithoutTheDatabasesNames() {
        let notes = IndicatorReport.notes(for: SchoolYear(startYear: 2025), asOf: "2026-05-31").joined(separator: "\n")
        for word in ["left_on", "hired_on", "person_id", "pair_mentees", "plans ", "federal_registry", "passed =", "contest_entries",
                     "event_participants", "practice_sharing", "young_specialist", "code =", "target_value", "role teacher", "held_on", "finished_on"] {
            XCTAssertFalse(notes.contains(word), "«\(word)» in the report's notes")
        }
        XCTAssertTrue(notes.contains("«молодой специалист»") && notes.contains("«Показатели и цели»"), notes)
    }

    func testFormatsParse() throws {
        XCTAssertEqual(try ReportFormat.parse("HTML"), .html)
        XCTAssertEqual(try ReportFormat.parse("xlsx"), .xlsx)
        XCTAssertThrowsError(try ReportFormat.parse("ods")) { error in
            XCTAssertEqual((error as? ReportError)?.description, "format ods: expected one of table, csv, json, html, xlsx")
        }
        XCTAssertEqual(ReportFormat.implied(byFile: "/tmp/Отчёт 2025.XLSX"), .xlsx)
        XCTAssertEqual(ReportFormat.implied(byFile: "report.csv"), .csv)
        XCTAssertNil(ReportFormat.implied(byFile: "report.table"))
        XCTAssertNil(ReportFormat.implied(byFile: "report"))
    }

    func testNumbersUseADecimalComma() {
        XCTAssertEqual(ReportText.number(66.666), "66,7")
        XCTAssertEqual(ReportText.number(75), "75")
        XCTAssertEqual(ReportText.number(99.96), "100")
        XCTAssertEqual(ReportText.percent(nil), "—")
        XCTAssertEqual(ReportText.mean(7.5), "7,5")
        XCTAssertEqual(ReportText.mean(8.6364), "8,64")
        XCTAssertEqual(ReportText.number(8.6049, digits: 2), "8,6")
        XCTAssertEqual(ReportText.date("2024-09-01"), "01.09.2024")
    }
}
