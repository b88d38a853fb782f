import MentorSyncDomain
import MentorSyncEngine

/// The district's reference data of the demo.
struct DemoDistrict {
    let writer: DemoWriter
    let site: String
    let year: SchoolYear

    var db: Database { writer.db }

    func write(schools: [(site: String, name: String)], _ rng: inout SplitMix64) throws {
        // The district's own organization: created, or completed if `init` made it.
        try db.execute("""
            INSERT INTO organizations(id, org_id, name, short_name, kind, municipality, address, director)
            VALUES (?1, ?1, 'Центр развития образования', 'ЦРО', 'district', ?2, ?3, ?4)
            ON CONFLICT(id) DO UPDATE SET short_name = coalesce(short_name, excluded.short_name),
              municipality = coalesce(municipality, excluded.municipality),
              address = coalesce(address, excluded.address), director = coalesce(director, excluded.director)
            """, [.text(site), .text("городской округ"), .text("\(rng.pick(DemoNames.streets)), д. \(rng.int(1...60))"),
                  .text(DemoNames.fullName(&rng, female: true))])
        writer.counts["organizations", default: 0] += 1
        let municipality = try db.scalar("SELECT coalesce(municipality, name) FROM organizations WHERE id = ?", [.text(site)])?.text

        for school in schools {
            try db.execute("""
                INSERT INTO organizations(id, org_id, name, short_name, kind, municipality, address)
                VALUES (?1, ?2, ?3, ?4, 'school', ?5, ?6)
                ON CONFLICT(id) DO UPDATE SET short_name = coalesce(short_name, excluded.short_name),
                  kind = coalesce(kind, excluded.kind), municipality = coalesce(municipality, excluded.municipality),
                  address = coalesce(address, excluded.address)
                """, [.text(school.site), .text(site), .text("МБОУ «\(school.name)»"), .text(school.name), demoText(municipality),
                      .text("\(rng.pick(DemoNames.streets)), д. \(rng.int(1...120))")])
            writer.counts["organizations", default: 0] += 1
        }

        // Indicators, with the targets of the sources; a code that already has a row keeps it.
        let existing = Set(try db.rows("SELECT code FROM indicators").map { $0[0].displayText })
        var indicatorIDs: [String: String] = [:]
        for i in DemoRoadmap.indicators where !existing.contains(i.code) {
            let id = rng.uuid()
            indicatorIDs[i.code] = id
            try writer.insert("indicators", ["id", "org_id", "code", "title", "unit", "target_value", "target_text", "formula"],
                              [.text(id), .text(site), .text(i.code), .text(i.title), .text(i.unit), i.target.map { .real($0) } ?? .null,
                               .text(i.targetText), demoText(i.formula)])
        }
        // Last year's measured values of the computed indicators, as the district entered them by hand.
        for code in IndicatorCode.allCases {
            guard let id = indicatorIDs[code.rawValue], let target = code.defaultTarget else { continue }
            let value = code.unit == .count ? target + Double(rng.int(0...3))
                : (min(100, max(0, target + rng.between(-25, 10))) * 10).rounded() / 10
            try writer.insert("indicator_values", ["id", "org_id", "indicator_id", "period", "value", "note"],
                              [.text(rng.uuid()), .text(site), .text(id), .text(year.previous.description), .real(value),
                               .text("по данным мониторинга \(year.previous)")])
        }

        try writeEvents(DemoRoadmap.districtEvents, owner: site, writer: writer, year: year, &rng)
        // Last year's analysis was never marked done: overdue whatever today is.
        try writer.insert("events", DemoEvents.columns,
                          [.text(rng.uuid()), .text(site), .text("6.1"), .text("6. Аналитическая деятельность. Мониторинг и контроль"),
                           .text("Анализ деятельности муниципальной системы наставничества за \(year.previous) учебный год"),
                           .text("Аналитическая справка"), demoDate(DemoDay.number(year.startYear, 6, 1)),
                           demoDate(DemoDay.number(year.startYear, 6, 30)), .text("ежегодно"), .text("директор ЦРО"),
                           .null, .text("in_progress"), .null])

        let practices = [
            ("Школа молодого учителя: сопровождение педагогов первого года", "педагог–педагог"),
            ("Сетевое наставничество: база наставников муниципалитета", "методист–педагог"),
            ("Профориентационные группы с предприятиями города", "работодатель–ученик"),
        ]
        for (title, form) in practices {
            try writer.insert("practices", ["id", "org_id", "title", "form", "summary", "link", "published_on"],
                              [.text(rng.uuid()), .text(site), .text(title), .text(form),
                               .text("Описание практики, результаты и материалы для тиражирования."),
                               .text("https://example.org/practices/\(rng.int(100...999))"),
                               demoDate(DemoDay.number(year.startYear, 9, 1) + rng.int(20...200))])
        }
    }
}

enum DemoEvents {
    static let columns = ["id", "org_id", "code", "section", "title", "result", "starts_on", "ends_on", "schedule",
                          "responsible", "document", "status", "done_on"]
}

/// Writes roadmap events: what ended in the first two months of the year is mostly done (the rest
/// overdue once those months are past), later events are planned or under way.
func writeEvents(_ events: [DemoRoadmap.Event], owner: String, writer: DemoWriter, year: SchoolYear,
                 _ rng: inout SplitMix64) throws {
    let octoberEnd = DemoDay.number(year.startYear, 10, 31)
    let yearStart = DemoDay.number(year.startYear, 9, 1)
    for e in events {
        let starts = e.starts?.number(year)
        let ends = e.ends?.number(year)
        var status = "planned"
        var doneOn: Int?
        if let ends, ends < yearStart {
            status = "done"
        } else if let ends, ends <= octoberEnd {
            status = rng.chance(0.75) ? "done" : (rng.chance(0.5) ? "in_progress" : "planned")
        } else if let starts, starts <= octoberEnd {
            status = rng.chance(0.1) ? "cancelled" : "in_progress"
        } else {
            status = rng.chance(0.05) ? "cancelled" : "planned"
        }
        if status == "done", let ends { doneOn = max(starts ?? ends, ends - rng.int(0...5)) }
        let document = status == "done" ? "Приказ № \(rng.int(10...300))" : nil
        try writer.insert("events", DemoEvents.columns,
                          [.text(rng.uuid()), .text(owner), .text(e.code), .text(e.section), .text(e.title), .text(e.result),
                           demoDate(starts), demoDate(ends), demoText(e.schedule), .text(e.responsible), demoText(document),
                           .text(status), demoDate(doneOn)])
    }
}
