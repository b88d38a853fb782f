import Foundation
import MentorSyncEngine

/// A roadmap event (мероприятие дорожной карты) as the `events` list shows it.
public struct RoadmapEvent: Codable, Equatable, Sendable {
    public var id: String
    public var orgId: String
    public var code: String?
    public var section: String?
    public var title: String
    public var result: String?
    public var startsOn: String?
    public var endsOn: String?
    public var schedule: String?
    public var responsible: String?
    public var document: String?
    public var status: String?
    public var doneOn: String?
    /// Not done nor cancelled (status planned, in_progress or empty) and its last day — `ends_on`,
    /// or without it the last day its «сроки» name («ноябрь 2026»), or, still planned, its `starts_on`
    /// (a one-day event) — before today.
    public var overdue: Bool

    enum CodingKeys: String, CodingKey {
        case id, orgId = "org_id", code, section, title, result, startsOn = "starts_on", endsOn = "ends_on", schedule,
             responsible, document, status, doneOn = "done_on", overdue
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id); try c.encode(orgId, forKey: .orgId); try c.encode(code, forKey: .code)
        try c.encode(section, forKey: .section); try c.encode(title, forKey: .title); try c.encode(result, forKey: .result)
        try c.encode(startsOn, forKey: .startsOn); try c.encode(endsOn, forKey: .endsOn); try c.encode(schedule, forKey: .schedule)
        try c.encode(responsible, forKey: .responsible); try c.encode(document, forKey: .document)
        try c.encode(status, forKey: .status); try c.encode(doneOn, forKey: .doneOn); try c.encode(overdue, forKey: .overdue)
    }

    /// Today as `YYYY-MM-DD` (UTC), the default reference day for `overdue`.
    public static func today(_ date: Date = Date()) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let p = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", p.year ?? 0, p.month ?? 0, p.day ?? 0)
    }

    /// The roadmap events of a registry, ordered by owner (the district first), then by code
    /// ("1.2" before "1.10"), start date and title.
    /// - Parameters:
    ///   - today: the day `overdue` is judged on (`YYYY-MM-DD`).
    ///   - site: only the events this site owns.
    ///   - period: only events whose dates overlap this school year (undated events are kept).
    ///   - overdueOnly: only the overdue ones.
    public static func list(database: Database, today: String = RoadmapEvent.today(), site: String? = nil,
                            period: SchoolYear? = nil, overdueOnly: Bool = false) throws -> [RoadmapEvent] {
        guard try database.tableExists("events") else {
            throw ReportError.notARegistry(path: database.path, missingTable: "events")
        }
        var sql = """
            SELECT id, org_id, code, section, title, result, starts_on, ends_on, schedule, responsible, document, status, done_on,
                   ifnull(status, 'planned') IN ('planned', 'in_progress')
            FROM events WHERE 1
            """
        // A school's code typed wrong is said, not answered with an empty list.
        if let site, try database.scalar("SELECT 1 FROM organizations WHERE id = ?1 UNION ALL SELECT 1 FROM events WHERE org_id = ?1 LIMIT 1",
                                         [.text(site)]) == nil {
            throw ReportError.unknownSite(site)
        }
        var values: [DatabaseValue] = []
        if let site { values.append(.text(site)); sql += " AND org_id = ?\(values.count)" }
        if let period {
            values.append(.text(period.start)); values.append(.text(period.end))
            sql += " AND (starts_on IS NULL OR starts_on <= ?\(values.count)) AND (ends_on IS NULL OR ends_on >= ?\(values.count - 1))"
        }
        let events = try database.rows(sql, values).compactMap { r -> RoadmapEvent? in
            func text(_ v: DatabaseValue) -> String? { v.isNull ? nil : v.displayText }
            let endsOn = text(r[7]), schedule = text(r[8])
            let lastDay = endsOn ?? ScheduleText.lastDay(schedule)
            // An event dated only by its «сроки» belongs to the school year those name.
            if let period, text(r[6]) == nil, endsOn == nil, let lastDay, lastDay < period.start || String(lastDay.prefix(7)) + "-01" > period.end { return nil }
            let open = (r[13].integer ?? 0) != 0
            // Dated by its start alone and still planned (not said to be under way): a one-day event,
            // overdue once its day has passed. «Сроки» naming no day («в течение учебного года»,
            // «ежемесячно») say it runs on: not one day's.
            let planned = text(r[11]).map { $0 == "planned" } ?? true
            let dueDay = lastDay ?? (planned && (schedule ?? "").allSatisfy(\.isWhitespace) ? text(r[6]) : nil)
            return RoadmapEvent(id: r[0].displayText, orgId: r[1].displayText, code: text(r[2]), section: text(r[3]),
                                title: r[4].displayText, result: text(r[5]), startsOn: text(r[6]), endsOn: endsOn,
                                schedule: schedule, responsible: text(r[9]), document: text(r[10]), status: text(r[11]),
                                doneOn: text(r[12]), overdue: open && dueDay.map { $0 < today } == true)
        }
        let district = try Replica.identity(of: database)?.district.rawValue ?? "district"
        return events.filter { !overdueOnly || $0.overdue }.sorted { a, b in
            if (a.orgId == district) != (b.orgId == district) { return a.orgId == district }
            if a.orgId != b.orgId { return a.orgId < b.orgId }
            let ca = codeKey(a.code), cb = codeKey(b.code)
            if ca != cb { return ca.lexicographicallyPrecedes(cb) }
            if (a.startsOn ?? "") != (b.startsOn ?? "") { return (a.startsOn ?? "") < (b.startsOn ?? "") }
            return (a.title, a.id) < (b.title, b.id)
        }
    }

    /// "1.10.2" → [1, 10, 2]: codes sort as numbers, parts that are not numbers last.
    static func codeKey(_ code: String?) -> [Int] {
        guard let code, !code.isEmpty else { return [Int.max] }
        return code.split(whereSeparator: { $0 == "." || $0 == " " }).map { Int($0) ?? Int.max - 1 }
    }

    /// The list as aligned text; overdue events are marked "ПРОСРОЧЕНО".
    /// `names`: organizations by id (`organizationNames`), shown for the owners' codes.
    public static func tableText(_ events: [RoadmapEvent], today: String = RoadmapEvent.today(), names: [String: String] = [:]) -> String {
        // The short id first, as `list` shows it: the one `put events --id` takes (the hint below).
        var t = TextTable(["Идентификатор", "ОО", "№", "Мероприятие", "Начало (сроки)", "Окончание", "Статус", "Ответственный", "Срок"],
                          alignments: [.left, .left, .left, .left, .left, .left, .left, .left, .left])
        for e in events {
            let title = e.title.count > 70 ? String(e.title.prefix(69)) + "…" : e.title
            t.add([ReferenceResolver.shortID(e.id), names[e.orgId] ?? e.orgId, e.code ?? "", title, e.startsOn.map(ReportText.date) ?? e.schedule ?? "",
                   e.endsOn.map(ReportText.date) ?? "", statusLabel(e.status), e.responsible ?? "", e.overdue ? "ПРОСРОЧЕНО" : ""])
        }
        let overdue = events.filter(\.overdue).count
        return t.render() + "\nМероприятий: \(events.count), просрочено на \(ReportText.date(today)): \(overdue)\n"
    }

    /// Each organization's short name (or name) by its id, as the registry holds them.
    public static func organizationNames(_ database: Database) throws -> [String: String] {
        var names: [String: String] = [:]
        for r in try database.rows("SELECT id, coalesce(short_name, name) FROM organizations") where !r[1].isNull { names[r[0].displayText] = r[1].displayText }
        return names
    }

    static func statusLabel(_ status: String?) -> String {
        switch status {
        case let status?: return Message.valueTitle(status, column: "status", table: "events").russian
        case nil: return "—"
        }
    }
}
