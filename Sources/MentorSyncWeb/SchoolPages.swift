import Foundation
import MentorSyncDomain
import MentorSyncEngine

/// The school's pages: every table, status, sync with a stick or the shared folder, the school's report.
final class SchoolPages: WebPages {
    let home: SchoolHome
    let tables: TablePages
    let settings: WebSettings
    let importer: ImportPage
    /// The report's figures, counted once while nothing changes (the page, then its workbook).
    let reportFigures = ReportFigures()

    init(home: SchoolHome) {
        self.home = home
        tables = TablePages(replica: home.replica, tables: RegistrySchema.schema.tables)
        tables.refused = { [home] in try home.refusedRows(in: $0) }
        settings = WebSettings(home: home.url)
        importer = ImportPage(replica: home.replica, home: home.url)
    }

    var title: String { home.name }

    func nav(_ l: Language) -> [(href: String, label: String)] {
        [("/", Message.webHome.text(l)), ("/t/persons", Message.webTable("persons").text(l)), ("/t/mentors", Message.webTable("mentors").text(l)),
         ("/t/mentees", Message.webTable("mentees").text(l)), ("/t/pairs", Message.webTable("pairs").text(l)),
         ("/t/meetings", Message.webTable("meetings").text(l)), ("/t/plans", Message.webTable("plans").text(l)),
         ("/t/surveys", Message.webTable("surveys").text(l)), ("/import", Message.webImportNav.text(l)), ("/sync", Message.webSync.text(l)),
         ("/status", Message.webStatus.text(l)), ("/report", Message.webReport.text(l)), ("/help", Message.webHelp.text(l))]
    }

    func respond(_ r: HTTPRequest, _ ctx: PageContext) throws -> HTTPResponse? {
        // A list left unconfirmed goes after its day whatever page is opened (she may never import again).
        importer.removeOldFiles()
        switch (r.path, r.method) {
        case ("/", "GET"), ("/", "HEAD"):
            return HTTPResponse(html: ctx.page(try agenda(ctx) + TableCards.html(RegistrySchema.schema.tables, home.database, ctx)))
        case ("/agenda", "GET"), ("/agenda", "HEAD"): return try agendaItem(r, ctx)
        case ("/status", "GET"), ("/status", "HEAD"): return try status(ctx, notice: r.query["done"])
        case ("/rekey", "POST"): return try rekey(r, ctx)
        case ("/move-here", "POST"):
            let moved = try home.moveHere()
            return .redirect("/status?" + query([("done", (moved ? Message.movedHere : .alreadyHere).text(ctx.language))]))
        case ("/sync", "GET"), ("/sync", "HEAD"): return syncPage(ctx, folder: settings.shareFolder ?? "", result: nil)
        case ("/sync", "POST"): return try sync(r, ctx)
        case ("/help", "GET"), ("/help", "HEAD"): return HelpPage.respond(HelpPage.school, ctx, nav: nav(ctx.language))
        default:
            let report = { (period: SchoolYear, _: String?) in
                try IndicatorReport(database: self.home.database, period: period, site: self.home.site.rawValue,
                                    names: [self.home.site.rawValue: self.home.name], figures: self.reportFigures)
            }
            return try ReportPage.respond(r, ctx, report: report) ?? importer.respond(r, ctx) ?? tables.respond(r, ctx)
        }
    }

    /// «Что сделать»: the school's agenda, each row a link to its page, the rest to the list.
    func agenda(_ ctx: PageContext) throws -> String {
        let l = ctx.language
        let items = try home.agenda(language: l)
        var h = "<h2>\(ctx.t(.agendaHeading))</h2>"
        // A copy from another computer first: nothing leaves it until the status page's button is pressed.
        if let other = try home.copiedFrom() {
            h += "<div class=\"caution\">\(esc(Message.copiedFromAnotherComputer(other, webApp: true).text(l))) — <a href=\"/status\">\(ctx.t(.webStatus))</a></div>"
        }
        guard !items.isEmpty else { return h + "<p class=\"muted\">\(ctx.t(.agendaNothing))</p>" }
        h += "<ul class=\"agenda\">"
        for item in items {
            var line = esc(Message.agendaHead(item).text(l))
            if item.table != nil {
                line += ": " + item.rows.map { rowLinks(item, $0, ctx) }.joined(separator: ", ")
                if item.unnamed > 0 { line += " <a href=\"\(esc(Self.agendaPath(item)))\">\(esc(Message.agendaMore(item.unnamed).text(l)))</a>" }
            } else if item.kind == .noPairsYet {
                // Where to begin: the list from Excel, or the people one by one.
                line += " — <a href=\"/import\">\(ctx.t(.webImportNav))</a>, <a href=\"/t/persons\">\(ctx.t(.webTable("persons")))</a>"
            } else if item.kind == .replyOverdue {
                // Nothing to press: what was sent and answered when, on the status page.
                line += " — <a href=\"/status\">\(ctx.t(.webStatus))</a>"
            } else {
                line += " — <a href=\"/sync\">\(ctx.t(.webSync))</a>"
            }
            h += "<li>\(line)</li>"
        }
        return h + "</ul>"
    }

    /// A row of an agenda item: a link to its page and, for a mentee waiting (or marked «в паре» in
    /// none), to the pair to make for her.
    func rowLinks(_ item: AgendaItem, _ row: AgendaItem.Row, _ ctx: PageContext) -> String {
        var link = "<a href=\"/t/\(esc(item.table ?? ""))/edit?\(query([("id", row.id)]))\">\(esc(Message.agendaRow(row).text(ctx.language)))</a>"
        if [.menteesWaiting, .menteesWithoutPair].contains(item.kind) { link += " — <a href=\"/t/pairs/edit?\(query([("mentee", row.id)]))\">\(ctx.t(.webMakeAPair))</a>" }
        return link
    }

    /// The page behind «и ещё N»: one item of «Что сделать», every row of it.
    static func agendaPath(_ item: AgendaItem) -> String {
        "/agenda?" + query([("kind", item.kind.rawValue), ("table", item.table ?? "")])
    }

    func agendaItem(_ r: HTTPRequest, _ ctx: PageContext) throws -> HTTPResponse {
        let items = try home.agenda(language: ctx.language, shownRows: nil)
        // Put right since the home page was read: the item is gone, and the home page says what is left.
        guard let item = items.first(where: { $0.kind.rawValue == r.query["kind"] && ($0.table ?? "") == (r.query["table"] ?? "") }) else {
            return .redirect("/")
        }
        var ctx = ctx
        ctx.title = Message.agendaHeading.text(ctx.language)
        let rows = item.rows.map { "<li>\(rowLinks(item, $0, ctx))</li>" }.joined()
        let head = Message.agendaHead(item).text(ctx.language)  // a line of a list, here a heading: sentence-cased
        return HTTPResponse(html: ctx.page("<h2>\(esc(head.sentenceCased))</h2><ul class=\"agenda\">\(rows)</ul>"
                                           + "<p><a href=\"/\">\(ctx.t(.webHome))</a></p>"))
    }

    func status(_ ctx: PageContext, notice: String? = nil, error: String? = nil) throws -> HTTPResponse {
        var ctx = ctx
        ctx.title = Message.webStatus.text(ctx.language)
        let s = try home.status()
        let l = ctx.language
        func when(_ stamp: String?) -> String { stamp.map { LocalTime.readable($0, l) } ?? Message.never.text(l) }
        var rows: [[String]] = [
            [ctx.t(.webSchool), esc("\(s.name) (\(s.site))")],
            [ctx.t(.webDistrict), esc(s.districtName)],
            [ctx.t(.webNotAcknowledged), esc("\(s.waitingForDistrict)")],
            [ctx.t(.webLastExport), esc(when(s.lastExportAt))],
            [ctx.t(.webLastReply), esc(when(s.lastImportAt))],
        ]
        // Only when there are any: «0» of a thing she has never heard of read as a worry.
        if s.conflictsToHandOver > 0 { rows.append([ctx.t(.webConflictsRecorded), esc("\(s.conflictsToHandOver)")]) }
        for (table, n) in s.rowsByTable where n > 0 { rows.append([esc(Message.webTable(table).text(l)), esc("\(n)")]) }
        var body = ctx.table(["", ""], rows)
        // The same advice as `mentorsync-school status`.
        body += "<h2>\(ctx.t(.webWhatToKnow))</h2><ul>" + s.advice(webApp: true).map { "<li>\(esc($0.text(l)))</li>" }.joined()
        body += s.commands.prefix(5).map { "<li>\(esc(Message.commandCarriedOut($0.name, bundle: $0.bundle, at: $0.at).text(l)))</li>" }.joined() + "</ul>"
        // A copy of the registry found on this computer: the button that says the school works here now.
        if s.copiedFrom != nil { body += ctx.form("/move-here", "<button>\(ctx.t(.webMoveHere))</button>") }
        let corrections = try home.lastCorrections(language: l)
        if !corrections.isEmpty {
            body += "<h2>\(ctx.t(.webCorrectionsHeading))</h2><ul>" + corrections.map { "<li>\(esc($0))</li>" }.joined() + "</ul>"
        }
        // Enrolled again by the district (a lost computer, a new key): the new file is installed here.
        body += "<h2>\(ctx.t(.webNewEnrollment))</h2><p class=\"muted\">\(ctx.t(.webNewEnrollmentWhy))</p>"
            + ctx.form("/rekey", "<label for=\"enrollment\">\(ctx.t(.webEnrollmentFile))</label><input id=\"enrollment\" type=\"file\" name=\"file\" required>"
                       + "<button>\(ctx.t(.webInstallEnrollment))</button>", multipart: true)
        return HTTPResponse(status: error == nil ? 200 : 422, html: ctx.page(body, notice: notice, error: error))
    }

    /// The district's new enrollment file for this school: its key installed, its data kept (`rekey`).
    func rekey(_ r: HTTPRequest, _ ctx: PageContext) throws -> HTTPResponse {
        guard let m = MultipartForm(r), let bytes = m.fields["file"], !bytes.isEmpty else {
            return try status(ctx, error: Message.webImportChooseFile.text(ctx.language))
        }
        do {
            let enrollment = try Enrollment.decode(Data(bytes), fileName: m.fileNames["file"] ?? "")
            try home.rekey(enrollment)
            return .redirect("/status?" + query([("done", Message.schoolRekeyed(enrollment.site).text(ctx.language))]))
        } catch {
            return try status(ctx, error: WebApp.line(error, ctx.language))
        }
    }

    func syncPage(_ ctx: PageContext, folder: String, result: String?, error: String? = nil) -> HTTPResponse {
        var ctx = ctx
        ctx.title = Message.webSync.text(ctx.language)
        // What is plugged in first: one button for each exchange folder found on a stick.
        var found = ""
        if result == nil {
            for share in ShareFinder.mounted() where share.url.path != folder {
                found += ctx.form("/sync", "<input type=\"hidden\" name=\"share\" value=\"\(esc(share.url.path))\">"
                                  + "<button>\(ctx.t(.webSyncWithFound(share.url.path)))</button>")
            }
        }
        let form = ctx.form("/sync", """
            <label for="share">\(ctx.t(.webShareFolder))</label><input id="share" name="share" value="\(esc(folder))" placeholder="/media/usb" required>
            <button>\(ctx.t(.webSyncNow))</button>
            """)
        return HTTPResponse(status: error == nil ? 200 : 422, html: ctx.page(found + form + (result ?? ""), error: error))
    }

    func sync(_ r: HTTPRequest, _ ctx: PageContext) throws -> HTTPResponse {
        let folder = (r.form["share"] ?? "").trimmingCharacters(in: .whitespaces)
        let l = ctx.language
        // A copy of the registry from another computer sends nothing: said with the button to press.
        if let other = try home.copiedFrom() {
            return syncPage(ctx, folder: folder, result: nil, error: Message.copiedFromAnotherComputer(other, webApp: true).text(l))
        }
        do {
            let share = try Share.open(URL(fileURLWithPath: folder).standardizedFileURL)
            try settings.setShareFolder(folder)
            let result = try SchoolSync(home: home).sync(share: share)
            let e = result.export, i = result.imports
            // The same receipt as `mentorsync-school sync`, one sentence a line.
            let lines = home.syncReceipt(e, i, language: l)
            // What could not be sent or read stands apart, marked as a problem, under a heading that says so.
            let held = e.held.map { Message.webNotSent($0.table, $0.reason).text(l) }
            var told = "<h2>\(ctx.t(i.problems.isEmpty ? .webSyncDone : .webSyncDoneWithProblems))</h2>"
            if !i.problems.isEmpty { told += "<div class=\"error\"><ul>" + i.problems.map { "<li>\(esc($0))</li>" }.joined() + "</ul></div>" }
            // Rows held back (a value too large for a bundle): nothing failed to read; they go once fixed.
            if !held.isEmpty { told += "<div class=\"caution\"><ul>" + held.map { "<li>\(esc($0))</li>" }.joined() + "</ul></div>" }
            told += "<ul class=\"receipt\">" + lines.map { "<li>\(esc($0))</li>" }.joined() + "</ul>"
            if let m = result.manifestProblem { told += "<p class=\"caution\">\(ctx.t(m))</p>" }
            return syncPage(ctx, folder: folder, result: told)
        } catch HomeError.notAShare(let why) where why.key == "files.share_not_prepared" {
            // A stick the district has not prepared: said without the district's command.
            return syncPage(ctx, folder: folder, result: nil, error: Message.shareNotPrepared(folder, webApp: true).text(l))
        } catch {
            return syncPage(ctx, folder: folder, result: nil, error: WebApp.line(error, l))
        }
    }
}

/// The start page: one card per table with its number of rows.
enum TableCards {
    static func html(_ tables: [TableSchema], _ db: Database, _ ctx: PageContext) -> String {
        var h = "<div class=\"cards\">"
        for t in tables {
            let n = (try? db.scalar("SELECT count(*) FROM \(SQL.identifier(t.name))")?.integer) ?? 0
            h += "<a href=\"/t/\(esc(t.name))\"><strong>\(ctx.t(.webTable(t.name)))</strong><br><span class=\"muted\">\(n ?? 0)</span></a>"
        }
        return h + "</div>"
    }
}

/// Small settings of the web app kept in the home beside registry.db (never in it): the share folder last used.
struct WebSettings {
    let file: URL
    init(home: URL) { file = home.appendingPathComponent("web-settings.json") }

    var shareFolder: String? {
        guard let d = try? Data(contentsOf: file), let o = try? JSONSerialization.jsonObject(with: d) as? [String: Any] else { return nil }
        return o["share_folder"] as? String
    }

    func setShareFolder(_ path: String) throws {
        let d = try JSONSerialization.data(withJSONObject: ["share_folder": path], options: [.sortedKeys])
        try d.write(to: file, options: .atomic)
    }
}
