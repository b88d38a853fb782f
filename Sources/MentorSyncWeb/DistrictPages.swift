import Foundation
import MentorSyncDomain
import MentorSyncEngine

/// The coordinator's pages: every school at a glance, conflicts side by side, the indicator
/// report, the tables (roadmap events and indicator targets among them), resync, revoke, enroll.
final class DistrictPages: WebPages {
    let home: DistrictHome
    let tables: TablePages
    var enrollments: URL { home.webEnrollments }
    /// The report's figures, counted once for the municipality, each school and the workbook while nothing changes.
    let reportFigures = ReportFigures()

    init(home: DistrictHome) {
        self.home = home
        tables = TablePages(replica: home.replica, tables: RegistrySchema.schema.tables, owners: {
            [(home.site.rawValue, home.name)] + (try home.schools()).filter { $0.revokedAt == nil }.map { ($0.site.rawValue, "\($0.name) (\($0.site.rawValue))") }
        })
    }

    var title: String { home.name }

    func nav(_ l: Language) -> [(href: String, label: String)] {
        [("/", Message.webSchools.text(l)), ("/conflicts", Message.webConflicts.text(l)), ("/report", Message.webReport.text(l)),
         ("/t/mentors", Message.webTable("mentors").text(l)), ("/t/events", Message.webTable("events").text(l)), ("/t/indicators", Message.webTable("indicators").text(l)),
         ("/tables", Message.webAllTables.text(l)), ("/enroll", Message.webEnroll.text(l)), ("/help", Message.webHelp.text(l))]
    }

    func respond(_ r: HTTPRequest, _ ctx: PageContext) throws -> HTTPResponse? {
        let get = r.method == "GET" || r.method == "HEAD"
        let parts = r.path.split(separator: "/").map(String.init)
        switch (r.path, get) {
        case ("/", true): return try dashboard(r, ctx)
        case ("/tables", true):
            // Headed by what the menu calls it, as every other page is (not the district's name).
            var ctx = ctx
            ctx.title = Message.webAllTables.text(ctx.language)
            return HTTPResponse(html: ctx.page(TableCards.html(RegistrySchema.schema.tables, home.database, ctx)))
        case ("/conflicts", true): return try ConflictPage.list(home, r, ctx)
        case ("/conflicts/resolve", false): return try ConflictPage.resolve(home, r, ctx)
        case ("/help", true): return HelpPage.respond(HelpPage.district, ctx, nav: nav(ctx.language))
        case ("/conflicts/all", true): return try ConflictBatchPage.preview(home, r, ctx)
        case ("/conflicts/all", false): return try ConflictBatchPage.settle(home, r, ctx)
        case ("/enroll", true): return enrollForm(ctx, error: nil)
        case ("/enroll", false): return try enroll(r, ctx)
        default: break
        }
        if parts.count == 3, parts[0] == "schools", let site = SiteID(parts[1]), ["resync", "revoke"].contains(parts[2]) {
            return get ? try confirm(site, parts[2], ctx) : try act(site, parts[2], ctx)
        }
        if parts.count == 2, parts[0] == "enrollments", get, let site = SiteID(parts[1]) {
            let file = enrollments.appendingPathComponent("\(site.rawValue).enrollment")
            home.removeOldWebEnrollmentFiles()
            guard let data = try? Data(contentsOf: file) else {
                var ctx = ctx
                ctx.title = Message.webEnroll.text(ctx.language)
                return HTTPResponse(status: 404, html: ctx.page("", error: Message.webEnrollmentGone.text(ctx.language)))
            }
            return HTTPResponse(contentType: "application/octet-stream", body: Array(data),
                                headers: [("Content-Disposition", "attachment; filename=\"\(site.rawValue).enrollment\"")])
        }
        let schools = try home.schools().filter { $0.revokedAt == nil }.map { (site: $0.site.rawValue, name: $0.name) }
        if let report = try ReportPage.respond(r, ctx, schools: schools, report: {
            try IndicatorReport(database: self.home.database, period: $0, site: $1, figures: self.reportFigures)
        }) {
            return report
        }
        return try tables.respond(r, ctx)
    }

    func dashboard(_ r: HTTPRequest, _ ctx: PageContext) throws -> HTTPResponse {
        home.removeOldWebEnrollmentFiles()
        var ctx = ctx
        ctx.title = Message.webSchools.text(ctx.language)
        let l = ctx.language
        let headers = Message.webDashboardColumns.map { $0.text(l) } + [""]
        let statuses = try home.status()
        let rows = statuses.map { s -> [String] in
            let actions = s.revoked ? "" : "<a href=\"/schools/\(esc(s.site))/resync\">\(ctx.t(.webResync))</a> · <a href=\"/schools/\(esc(s.site))/revoke\">\(ctx.t(.webRevoke))</a>"
            // The advice is `mentorsync-district status`'s own, worded for the page (SchoolStatus.webAdviceMessage).
            return [esc("\(s.name) (\(s.site))"), esc(s.lastBundleAt.map { LocalTime.readable($0, l) } ?? "—"), esc(s.daysSinceContact.map(String.init) ?? "—"),
                    esc("\(s.rows)"), s.openConflicts > 0 ? "<a href=\"/conflicts?site=\(esc(s.site))\">\(s.openConflicts)</a>" : "0",
                    // Refused lately: the list below says what and why.
                    s.rejections + s.refusedFiles > 0 ? "<a href=\"#refused\">\(s.rejections + s.refusedFiles)</a>" : "0",
                    esc(s.clockSkewDays.map { Message.skewDays($0).text(l) } ?? "—"),
                    advice(s, l), actions]
        }
        // The same overview as `status`: the headline, then what needs the coordinator.
        let overview = try home.overview(schools: rows.count)
        var body = "<p>\(esc(overview[0].text(l)))</p>" + overview.dropFirst().map { "<p class=\"warn\">\(esc($0.text(l)))</p>" }.joined()
        // The schools that need something first, each with its advice: among 60 rows two silent schools were hard to find.
        let asking = statuses.filter { !$0.isOK }
        if !asking.isEmpty {
            body += "<h2>\(ctx.t(.webDashboardToDo))</h2><ul class=\"to-do\">"
                + asking.map { "<li>\(esc("\($0.name) (\($0.site))")): \(advice($0, l))</li>" }.joined() + "</ul>"
        }
        body += rows.isEmpty ? "<p class=\"muted\">\(ctx.t(.webNoRows))</p>" : ctx.table(headers, rows)
        // What was refused lately and why, as `status` tells it.
        let refused = try home.recentRefusals()
        if !refused.lines.isEmpty {
            body += "<h2 id=\"refused\">\(esc(Message.recentRefusalsHeading(shown: refused.lines.count, total: refused.total).text(l)))</h2><ul>"
                + refused.lines.map { "<li>\(esc($0.text(l)))</li>" }.joined() + "</ul>"
        }
        return HTTPResponse(html: ctx.page(body + "<p><a class=\"button\" href=\"/enroll\">\(ctx.t(.webEnroll))</a></p>", notice: r.query["done"]))
    }

    /// A school's advice; conflicts waiting link to the page where they are settled.
    func advice(_ s: SchoolStatus, _ l: Language) -> String {
        let text = esc(s.webAdviceMessage.text(l))
        // To that school's conflicts (among 22 schools', hers were to be found on a long page).
        let shown = s.advisesConflicts ? "<a href=\"/conflicts?site=\(esc(s.site))\">\(text)</a>" : text
        return "<span class=\"\(s.isOK ? "ok" : "warn")\">\(shown)</span>"
    }

    func confirm(_ site: SiteID, _ action: String, _ ctx: PageContext) throws -> HTTPResponse? {
        guard let school = try home.schools().first(where: { $0.site == site }) else { return nil }
        var ctx = ctx
        // Named: a coordinator with 22 schools sees which one she is about to cut off.
        ctx.title = Message.webSchoolActionTitle(resync: action == "resync", school: school.name).text(ctx.language)
        let l = ctx.language
        let explain = (action == "resync" ? Message.webResyncExplained : Message.webRevokeExplained).text(l)
        let body = ctx.form("/schools/\(site.rawValue)/\(action)", "<p><strong>\(esc("\(school.name) (\(site.rawValue))"))</strong></p><p>\(esc(explain))</p><button class=\"\(action == "revoke" ? "danger" : "")\">\(ctx.t(.webConfirm))</button><a class=\"button secondary\" href=\"/\">\(ctx.t(.webCancel))</a>")
        return HTTPResponse(html: ctx.page(body))
    }

    func act(_ site: SiteID, _ action: String, _ ctx: PageContext) throws -> HTTPResponse {
        if action == "resync" { try home.orderResync(site) } else { try home.revoke(site) }
        let name = home.siteNames()[site] ?? site.rawValue
        let done = Message.webActionDone(resync: action == "resync", school: name).text(ctx.language)
        return .redirect("/?" + query([("done", done)]))
    }

    /// `again`: the school is enrolled already — the form asks, with a box to tick, to issue a new key.
    func enrollForm(_ ctx: PageContext, error: String?, site: String = "", name: String = "", again: Bool = false, revoked: Bool = false) -> HTTPResponse {
        var ctx = ctx
        ctx.title = Message.webEnroll.text(ctx.language)
        let confirm = again ? "<label class=\"choice\"><input type=\"checkbox\" name=\"again\" value=\"1\"> \(ctx.t(.webEnrollAgainConfirm(revoked: revoked)))</label>" : ""
        let body = ctx.form("/enroll", """
            <label for="site">\(ctx.t(.webSite))</label><input id="site" name="site" value="\(esc(site))" placeholder="\(esc((try? home.freeSchoolCode()) ?? "s017"))" required>
            <label for="name">\(ctx.t(.webName))</label><input id="name" name="name" value="\(esc(name))" required>
            \(confirm)<button>\(ctx.t(.webEnroll))</button>
            """)
        return HTTPResponse(status: error == nil ? 200 : 422, html: ctx.page(body, error: error))
    }

    func enroll(_ r: HTTPRequest, _ ctx: PageContext) throws -> HTTPResponse {
        let f = r.form
        let siteText = (f["site"] ?? "").trimmingCharacters(in: .whitespaces), name = (f["name"] ?? "").trimmingCharacters(in: .whitespaces)
        let l = ctx.language
        guard let site = SiteID(siteText) else {
            let error = siteText.isEmpty ? Message.webEnrollNeedsCodeAndName : Message.badSchoolCode(siteText, example: try home.freeSchoolCode())
            return enrollForm(ctx, error: error.text(l), site: siteText, name: name)
        }
        guard !name.isEmpty else { return enrollForm(ctx, error: Message.webEnrollNeedsCodeAndName.text(l), site: siteText, name: name) }
        // A school enrolled already gets a new key only when that is what is meant (a code typed twice
        // renamed a school and replaced its key without a word).
        if try home.isEnrolled(site), f["again"] != "1" {
            let current = try home.schools().first { $0.site == site }
            return enrollForm(ctx, error: Message.webEnrollAlready(site.rawValue, name: current?.name ?? site.rawValue).text(l),
                              site: siteText, name: name, again: true, revoked: current?.revokedAt != nil)
        }
        do {
            try FileManager.default.createDirectory(at: enrollments, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let file = enrollments.appendingPathComponent("\(site.rawValue).enrollment")
            let again = try home.isEnrolled(site)
            try home.enroll(site: site, name: name, out: file)
            var ctx = ctx
            ctx.title = Message.webEnroll.text(l)
            let body = "<p>\(esc("\(name) (\(site.rawValue))"))</p><p><a class=\"button\" href=\"/enrollments/\(esc(site.rawValue))\">\(ctx.t(.webDownload))</a></p>"
                + "<p>\(ctx.t(.webAtTheSchool(file.lastPathComponent, again: again)))</p>"
                + "<p class=\"muted\">\(ctx.t(.webEnrollmentSecret))</p>"
            return HTTPResponse(html: ctx.page(body))
        } catch {
            return enrollForm(ctx, error: WebApp.line(error, l), site: siteText, name: name)
        }
    }
}
