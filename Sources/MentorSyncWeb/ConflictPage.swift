import Foundation
import MentorSyncDomain
import MentorSyncEngine

/// Conflicts side by side (the value held now and the value lost, each with its writer), each settled
/// with `ConflictDesk`: keep one of them, or a value typed by the coordinator.
enum ConflictPage {
    /// /conflicts: the open ones; /conflicts?settled=1: the settled ones, each with what was decided
    /// and the same choices, to change one's mind (the school is told again).
    /// How many settled conflicts a page shows.
    static let settledPerPage = 100

    /// `error`: a decision refused, said above the list it was made on (the page stays hers to act on).
    static func list(_ home: DistrictHome, _ r: HTTPRequest, _ ctx: PageContext, error: String? = nil) throws -> HTTPResponse {
        let status = error == nil ? 200 : 422
        var ctx = ctx
        let l = ctx.language
        ctx.title = Message.webConflicts.text(l)
        let settledShown = r.query["settled"] == "1"
        let all = try home.conflicts(includeResolved: true)
        let settled = all.filter { $0.status == .resolved }
        // The settled ones, the latest first, a page of them (a district settles conflicts for years),
        // the earlier ones on the next pages.
        let from = settledShown ? min(max(0, Int(r.query["from"] ?? "") ?? 0), max(0, settled.count - 1)) : 0
        // One school's open conflicts, from its line on the dashboard (`site`).
        let school = settledShown ? nil : r.query["site"].flatMap(SiteID.init).flatMap { site in try? home.schools().first { $0.site == site } }
        let openShown = all.filter { c in c.status == .open && (school.map { ConflictBatch.belongs(c, to: $0.site) } ?? true) }
        let conflicts = settledShown ? Array(settled.sorted { ($0.resolvedAt ?? "") > ($1.resolvedAt ?? "") }.dropFirst(from).prefix(Self.settledPerPage)) : openShown
        if let school { ctx.title = Message.webSchoolConflicts(school.name).text(l) }
        var body = "<p>" + (settledShown || school != nil ? "<a href=\"/conflicts\">\(ctx.t(.webOpenConflicts))</a>"
                                         : settled.isEmpty ? "" : "<a href=\"/conflicts?settled=1\">\(ctx.t(.webSettledConflicts(settled.count)))</a>") + "</p>"
        var pages = ""
        if settledShown, settled.count > Self.settledPerPage {
            body += "<p class=\"muted\">\(ctx.t(.webSettledShown(from: from + 1, to: from + conflicts.count, of: settled.count)))</p>"
            if from > 0 { pages += "<a href=\"/conflicts?settled=1&amp;from=\(max(0, from - Self.settledPerPage))\">\(ctx.t(.webPrevious))</a> " }
            if from + conflicts.count < settled.count { pages += "<a href=\"/conflicts?settled=1&amp;from=\(from + conflicts.count)\">\(ctx.t(.webNext))</a>" }
            pages = "<p>\(pages)</p>"
            body += pages
        }
        guard !conflicts.isEmpty else {
            return HTTPResponse(status: status, html: ctx.page(body + "<p class=\"muted\">\(ctx.t(settledShown ? .webNoSettledConflicts : .webNoConflicts))</p>",
                                                               notice: r.query["done"], error: error))
        }
        // A school with many: one decision for all of them (or a field of them), seen before it is made.
        if !settledShown { body += try ConflictBatchPage.offers(home, open: conflicts, ctx) }
        let view = ConflictView(home)
        for c in conflicts {
            // The same view as `conflicts list`: the row by name, both writers by name and when they wrote.
            let sides = view.details(c, language: l)
            let deletion = sides.first { $0.isDeletion }
            let label = view.rowLabel(c) ?? (c.rowDeleted ? Message.conflictRowDeleted.text(l) : "—")
            body += "<section><h2>\(esc(Message.rowTitle(c.table).text(l))): \(esc(label)) — \(esc(Message.webColumn(c.column, table: c.table).text(l)))</h2>"
            // Its field changed after both sides: neither is there to keep (kept, it would undo that change).
            let replaced = view.replacedWith(c, language: l)
            if let resolution = c.resolution {
                let at = c.resolvedAt.map { LocalTime.readable($0, l) } ?? ""
                body += "<p class=\"notice\">\(ctx.t(.webSettledAs(.conflictResolution(resolution), at: at, replaced: replaced != nil)))</p>"
            }
            if let replaced {
                body += "<p>\(esc(Message.conflictHeldAfter(replaced).text(l).sentenceCased))</p>"
            }
            // Each side with its writer, its value and when it was written; under each, the button keeping it.
            var boxes = "<div class=\"side\">"
            for side in sides {
                boxes += "<div><strong>\(esc(side.writer))</strong><p>\(esc(side.value.isEmpty ? "—" : side.value))\(side.held ? " <span class=\"muted\">(\(ctx.t(.webHeldNow)))</span>" : "")</p>"
                boxes += "<p class=\"muted\">\(esc(Message.conflictWrittenAt(side.writtenAt, writer: side.writer).text(l)))</p>"
                if deletion == nil, replaced == nil { boxes += "<button name=\"keep\" value=\"\(esc(side.choice))\">\(ctx.t(.webKeepThis))</button>" }
                boxes += "</div>"
            }
            boxes += "</div>"
            let action = "/conflicts/resolve?" + query([("id", c.id)])
            if let deletion {
                body += boxes
                // The row is gone here and at the school: a value has nowhere to go. Agree to the
                // deletion, or add the row again by hand.
                body += "<p>\(ctx.t(.webConflictRowGone(deletedBy: deletion.writer)))</p>"
                body += ctx.form(action, "<button name=\"keep\" value=\"\(esc(deletion.choice))\">\(ctx.t(.webKeepDeletion))</button>"
                                 + "<a class=\"button secondary\" href=\"/t/\(esc(c.table))/edit\">\(ctx.t(.webAddAgain))</a>")
                body += "</section>"
                continue
            }
            // The typed value has a form of its own: Enter in its box submits it, not the first
            // side's button (the value typed was dropped and the side kept).
            body += ctx.form(action, boxes)
            body += ctx.form(action, "<label for=\"v-\(esc(c.id))\">\(ctx.t(.webTypeValue))</label><input id=\"v-\(esc(c.id))\" name=\"value\"><button name=\"keep\" value=\"value\" class=\"secondary\">\(ctx.t(.webKeepValue))</button>")
            body += "</section>"
        }
        return HTTPResponse(status: status, html: ctx.page(body + pages, notice: r.query["done"], error: error))
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
        let note: String
        do {
            note = try home.resolve(conflict: id, keep: choice)
        } catch let refused as MessageError {
            // Refused: the list it was decided on again (open, or settled when it is settled now), the
            // reason above it — not a page with nothing but the reason.
            var again = r
            again.query = (try? home.conflict(id))?.status == .resolved ? ["settled": "1"] : [:]
            return try list(home, again, ctx, error: WebApp.line(refused, ctx.language))
        }
        return .redirect("/conflicts?" + query([("done", Message.conflictResolved(.conflictResolution(note)).text(ctx.language))]))
    }
}
