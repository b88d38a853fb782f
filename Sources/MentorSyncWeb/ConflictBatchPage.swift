import Foundation
import MentorSyncDomain
import MentorSyncEngine

/// A school's conflicts settled at once (`ConflictBatch`): offered above the open conflicts for each
/// school with several, seen first — every record, its field, the value now and the value kept —
/// then confirmed. The confirmation carries the conflicts shown: one that came or went meanwhile
/// shows the page again, never settled unseen.
enum ConflictBatchPage {
    /// The offer above the open list: per school with two conflicts or more, its fields and the two sides.
    static func offers(_ home: DistrictHome, open: [Conflict], _ ctx: PageContext) throws -> String {
        let l = ctx.language
        var html = ""
        let schools = try home.schools().filter { school in open.filter { ConflictBatch.belongs($0, to: school.site) }.count >= 2 }
        for school in schools {
            let fields = try home.openConflictFields(of: school.site)
            let total = fields.reduce(0) { $0 + $1.count }
            let options = "<option value=\"\">\(ctx.t(.webBatchAllFields)) (\(total))</option>" + fields.map { f in
                "<option value=\"\(esc(f.field))\">\(esc(fieldName(f.field, l))) (\(f.count))</option>"
            }.joined()
            html += "<section class=\"batch\"><h2>\(ctx.t(.webBatchHeading))</h2><p>\(ctx.t(.webBatchIntro(total, school: school.name)))</p>"
            html += "<form method=\"get\" action=\"/conflicts/all\"><input type=\"hidden\" name=\"site\" value=\"\(esc(school.site.rawValue))\">"
            if fields.count > 1 {
                html += "<label for=\"f-\(esc(school.site.rawValue))\">\(ctx.t(.webBatchFieldLabel))</label><select id=\"f-\(esc(school.site.rawValue))\" name=\"field\">\(options)</select>"
            }
            // The two sides together under the field, not one beside the list and one below it.
            html += "<div class=\"actions\"><button name=\"keep\" value=\"school\">\(ctx.t(.webBatchKeepSchool))</button> "
            html += "<button name=\"keep\" value=\"district\" class=\"secondary\">\(ctx.t(.webBatchKeepDistrict))</button></div></form></section>"
        }
        return html
    }

    static func fieldName(_ field: String, _ l: Language) -> String {
        let parts = field.split(separator: ".", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return field }
        return "\(Message.rowTitle(parts[0]).text(l)) — \(Message.webColumn(parts[1], table: parts[0]).text(l))"
    }

    /// The decision's parts from the query: the school, the side, the field (nil: all).
    static func decision(_ home: DistrictHome, _ r: HTTPRequest) throws -> (SiteID, ConflictBatch.Keep, String?)? {
        guard let site = r.query["site"].flatMap(SiteID.init), try home.isEnrolled(site),
              let keep = r.query["keep"].flatMap(ConflictBatch.Keep.init(rawValue:)) else { return nil }
        let field = r.query["field"].flatMap { $0.isEmpty ? nil : $0 }
        return (site, keep, field)
    }

    /// GET /conflicts/all?site=&keep=&field=: what the decision would change, and its confirmation.
    static func preview(_ home: DistrictHome, _ r: HTTPRequest, _ ctx: PageContext, warning: String? = nil) throws -> HTTPResponse? {
        guard let (site, keep, field) = try decision(home, r) else { return nil }
        let batch = try home.conflictBatch(site: site, keep: keep, field: field)
        return try page(home, batch, ctx, warning: warning)
    }

    static func page(_ home: DistrictHome, _ batch: ConflictBatch, _ ctx: PageContext, warning: String? = nil) throws -> HTTPResponse {
        var ctx = ctx
        let l = ctx.language
        let name = home.siteNames()[batch.site] ?? batch.site.rawValue
        ctx.title = Message.webBatchTitle(name).text(l)
        let changed = batch.changes.filter(\.changesValue).count
        var body = "<p><a href=\"/conflicts\">\(ctx.t(.webOpenConflicts))</a></p>"
        guard !batch.changes.isEmpty || !batch.replaced.isEmpty else {
            body += "<p class=\"muted\">\(ctx.t(.conflictBatchNone(school: name, field: batch.field)))</p>"
            if !batch.leftAlone.isEmpty { body += "<p>\(ctx.t(.conflictBatchLeft(batch.leftAlone.count, cli: false)))</p>" }
            return HTTPResponse(html: ctx.page(body, warning: warning))
        }
        body += "<p><strong>\(esc(Message.conflictBatchSettled(batch.changes.count, changed: changed, keep: batch.keep, school: name, field: batch.field, dryRun: false, preview: true).text(l).sentenceCased))</strong></p>"
        if !batch.replaced.isEmpty { body += "<p>\(ctx.t(.conflictBatchReplaced(batch.replaced.count)))</p>" }
        if !batch.leftAlone.isEmpty { body += "<p>\(ctx.t(.conflictBatchLeft(batch.leftAlone.count, cli: false)))</p>" }
        let ids = (batch.changes.map(\.conflict.id) + batch.replaced.map(\.id)).joined(separator: ",")
        let action = "/conflicts/all?" + query([("site", batch.site.rawValue), ("keep", batch.keep.rawValue)] + (batch.field.map { [("field", $0)] } ?? []))
        let confirm = ctx.form(action, "<input type=\"hidden\" name=\"ids\" value=\"\(esc(ids))\"><button>\(ctx.t(.webBatchConfirm(batch.changes.count + batch.replaced.count)))</button>"
                               + "<a class=\"button secondary\" href=\"/conflicts\">\(ctx.t(.webCancel))</a>")
        body += confirm
        let rows = ConflictView(home).batchRows(batch, language: l).map { row in
            [esc(row.row), esc(row.field), esc(row.now.isEmpty ? "—" : row.now),
             row.changes ? "<strong>\(esc(row.kept.isEmpty ? "—" : row.kept))</strong>" : "\(esc(row.kept.isEmpty ? "—" : row.kept)) <span class=\"muted\">(\(ctx.t(.webBatchStays)))</span>"]
        }
        body += ctx.table([Message.webBatchRow.text(l), Message.webBatchFieldLabel.text(l), Message.webBatchNow.text(l), Message.webBatchAfter.text(l)], rows)
        if batch.changes.count > 10 { body += confirm }
        return HTTPResponse(html: ctx.page(body, warning: warning))
    }

    /// POST /conflicts/all: settles the conflicts the preview showed — when they are still what it
    /// showed; else the preview again, as things are now, with a word that they changed.
    static func settle(_ home: DistrictHome, _ r: HTTPRequest, _ ctx: PageContext) throws -> HTTPResponse? {
        guard let (site, keep, field) = try decision(home, r) else { return nil }
        let shown = Set((r.form["ids"] ?? "").split(separator: ",").map(String.init))
        let now = try home.conflictBatch(site: site, keep: keep, field: field)
        guard !shown.isEmpty, Set(now.changes.map(\.conflict.id) + now.replaced.map(\.id)) == shown else {
            return try page(home, now, ctx, warning: Message.webBatchChanged.text(ctx.language))
        }
        let settled: Int
        do { settled = try home.settle(now) } catch let e as MessageError where e.message == .conflictBatchChangedMeanwhile {
            return try page(home, try home.conflictBatch(site: site, keep: keep, field: field), ctx, warning: Message.webBatchChanged.text(ctx.language))
        }
        let name = home.siteNames()[site] ?? site.rawValue
        let done = Message.conflictBatchSettled(settled, changed: now.changes.filter(\.changesValue).count, keep: keep, school: name, field: field, dryRun: false)
        return .redirect("/conflicts?" + query([("done", done.text(ctx.language))]))
    }
}
