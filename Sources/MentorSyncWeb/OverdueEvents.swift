import MentorSyncDomain
import MentorSyncEngine

/// On the events' page, above the list: the roadmap's events past their end and not done, each
/// with whose it is, its dates, who answers for it and a link to its form (the same list as `events --overdue`).
enum OverdueEvents {
    static func html(_ db: Database, _ ctx: PageContext) throws -> String {
        let late = try RoadmapEvent.list(database: db, overdueOnly: true)
        guard !late.isEmpty else { return "" }
        let l = ctx.language
        // Whose each event is, by name: at the district the same roadmap line comes from many schools.
        let names = try RoadmapEvent.organizationNames(db)
        let rows = late.map { e -> [String] in
            // The dates, or the «сроки» as written when the event has none («ноябрь 2026»).
            let dates = [e.startsOn, e.endsOn].compactMap { $0.map { ReferenceResolver.readableDate($0, l) } }.joined(separator: " – ")
            let when = dates.isEmpty ? (e.schedule ?? "") : dates
            let status = e.status.map { Message.valueTitle($0, column: "status", table: "events").text(l) } ?? ""
            return ["<a href=\"\(esc("/t/events/edit?" + query([("id", e.id)])))\">\(esc(e.title))</a>", esc(names[e.orgId] ?? e.orgId),
                    esc(when), esc(e.responsible ?? ""), esc(status)]
        }
        return "<h2 class=\"warn\">\(ctx.t(.webOverdueEvents(late.count)))</h2>"
            + ctx.table([Message.webColumn("title", table: "events").text(l), Message.webColumn("org_id", table: "events").text(l),
                         Message.webEventDates.text(l),
                         Message.webColumn("responsible", table: "events").text(l), Message.webColumn("status", table: "events").text(l)], rows)
            + "<h2>\(ctx.t(.webAllEvents))</h2>"
    }
}
