import Foundation
import MentorSyncDomain
import MentorSyncEngine

/// Conflicts side by side (the district's value and the school's), each settled with `ConflictDesk`:
/// keep the district's, keep the school's, or a value typed by the coordinator.
enum ConflictPage {
    static func value(_ v: DatabaseValue, _ column: String, _ table: String, _ db: Database, _ l: Language) -> String {
        guard let text = v.text else { return "—" }
        if let t = RegistrySchema.schema.table(named: table), let c = t.column(named: column), case .reference(let target) = c.kind {
            return (try? ReferenceResolver(database: db).label(of: text, in: target)) ?? text
        }
        return text
    }

    static func list(_ home: DistrictHome, _ r: HTTPRequest, _ ctx: PageContext) throws -> HTTPResponse {
        var ctx = ctx
        let l = ctx.language
        ctx.title = Message.webConflicts.text(l)
        let conflicts = try home.conflicts()
        guard !conflicts.isEmpty else { return HTTPResponse(html: ctx.page("<p class=\"muted\">\(ctx.t(.webNoConflicts))</p>", notice: r.query["done"])) }
        let resolver = ReferenceResolver(database: home.database)
        let names = home.siteNames()
        var body = ""
        for c in conflicts {
            let districtWon = c.winnerStamp.site == home.site || c.loserStamp.site != home.site
            let mine = districtWon ? c.winnerValue : c.loserValue, theirs = districtWon ? c.loserValue : c.winnerValue
            let school = districtWon ? c.loserSite : c.winnerSite
            let rowName = (try? resolver.label(of: c.rowID, in: c.table)) ?? nil
            body += "<section><h2>\(esc(Message.webTable(c.table).text(l))): \(esc(rowName ?? "—")) — \(esc(Message.webColumn(c.column, table: c.table).text(l)))</h2>"
            body += "<div class=\"side\"><div><strong>\(esc(home.name))</strong><p>\(esc(value(mine, c.column, c.table, home.database, l)))</p></div>"
            body += "<div><strong>\(esc(Message.webConflictSchool(SiteID(school).flatMap { names[$0] } ?? school).text(l)))</strong><p>\(esc(value(theirs, c.column, c.table, home.database, l)))</p></div></div>"
            let action = "/conflicts/resolve?" + query([("id", c.id)])
            body += ctx.form(action, "<button name=\"keep\" value=\"mine\">\(ctx.t(.webKeepMine))</button><button name=\"keep\" value=\"theirs\">\(ctx.t(.webKeepTheirs))</button>"
                             + "<label for=\"v-\(esc(c.id))\">\(ctx.t(.webKeepValue))</label><input id=\"v-\(esc(c.id))\" name=\"value\"><button name=\"keep\" value=\"value\" class=\"secondary\">\(ctx.t(.webKeepValue))</button>")
            body += "</section>"
        }
        return HTTPResponse(html: ctx.page(body, notice: r.query["done"]))
    }

    static func resolve(_ home: DistrictHome, _ r: HTTPRequest, _ ctx: PageContext) throws -> HTTPResponse? {
        guard let id = r.query["id"] else { return nil }
        let f = r.form
        let choice: ConflictChoice
        switch f["keep"] {
        case "mine": choice = .mine
        case "theirs": choice = .theirs
        case "value": choice = .value(f["value"] ?? "")
        default: return nil
        }
        let note = try home.resolve(conflict: id, keep: choice)
        return .redirect("/conflicts?" + query([("done", note)]))
    }
}
