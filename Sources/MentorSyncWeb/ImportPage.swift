import Foundation
import MentorSyncDomain
import MentorSyncEngine

/// Import of a CSV or Excel list: the file is kept in the home (never in registry.db), a dry run
/// of `CSVImporter` shows what each line would do, and only a confirmation writes.
struct ImportPage {
    let replica: Replica
    let folder: URL

    init(replica: Replica, home: URL) {
        self.replica = replica
        folder = home.appendingPathComponent("web-imports")
    }

    /// A list uploaded for a preview (the school's people, their birth dates) is kept a day for its
    /// confirmation, and no longer: one whose preview was not confirmed stayed in the home for good.
    static let keptSeconds: TimeInterval = 24 * 3600

    func respond(_ r: HTTPRequest, _ ctx: PageContext) throws -> HTTPResponse? {
        switch (r.path, r.method) {
        case ("/import", "GET"), ("/import", "HEAD"): return form(ctx, error: nil)
        case ("/import/preview", "POST"): return try preview(r, ctx)
        case ("/import/sheet", "POST"): return try sheet(r, ctx)
        case ("/import/confirm", "POST"): return try confirm(r, ctx)
        default: return nil
        }
    }

    func tableSelect(_ ctx: PageContext, chosen: String) -> String {
        var h = "<label for=\"table\">\(ctx.t(.webImportTable))</label><select id=\"table\" name=\"table\">"
        // A school loads lists of its own tables: the district alone keeps organizations and indicators.
        for t in RegistrySchema.schema.tables where replica.role != .school || t.ownership != .district { h += "<option value=\"\(esc(t.name))\"\(t.name == chosen ? " selected" : "")>\(ctx.t(.webTable(t.name)))</option>" }
        return h + "</select>"
    }

    func form(_ ctx: PageContext, error: String?) -> HTTPResponse {
        var ctx = ctx
        ctx.title = Message.webImportTitle.text(ctx.language)
        let body = ctx.form("/import/preview", tableSelect(ctx, chosen: "persons") + """
            <label for="file">\(ctx.t(.webImportFile))</label><input id="file" type="file" name="file" accept=".csv,.txt,.xlsx,.ods" required>
            <button>\(ctx.t(.webImportPreview))</button>
            """, multipart: true) + columnsHelp(ctx)
        return HTTPResponse(status: error == nil ? 200 : 422, html: ctx.page(body, error: error))
    }

    /// The headers each list is read by, in the person's words, one table a line, unfolded on demand.
    func columnsHelp(_ ctx: PageContext) -> String {
        var h = "<details><summary>\(ctx.t(.webImportColumnsHeading))</summary><p class=\"muted\">\(ctx.t(.webImportColumnsHint))</p><ul>"
        for t in RegistrySchema.schema.tables where replica.role != .school || t.ownership != .district {
            let needed = Set(RegistryEditor.neededForNewRow(t))
            var names = t.columns.map { c in
                let title = Message.columnTitle(c.name, table: t.name).text(ctx.language)
                return needed.contains(c.name) ? "<strong>\(esc(title))</strong>" : esc(title)
            }
            if t.name == "pairs" { names.append(esc(Message.importPairMenteesColumn.text(ctx.language))) }
            h += "<li>\(ctx.t(.webTable(t.name))): \(names.joined(separator: ", "))</li>"
        }
        return h + "</ul></details>"
    }

    /// Removes the kept lists (and the marks of loaded ones) older than `keptSeconds`.
    func removeOldFiles(now: Date = Date()) {
        let files = (try? FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: [.contentModificationDateKey])) ?? []
        for f in files {
            let written = (try? f.resourceValues(forKeys: [.contentModificationDateKey]).contentModificationDate) ?? .distantPast
            if now.timeIntervalSince(written) > Self.keptSeconds { try? FileManager.default.removeItem(at: f) }
        }
    }

    func stored(_ token: String) -> URL? {
        guard token.count == 64, token.allSatisfy(\.isHexDigit) else { return nil }
        return folder.appendingPathComponent(token)
    }

    func preview(_ r: HTTPRequest, _ ctx: PageContext) throws -> HTTPResponse {
        // A file chosen may be empty (then the import says so); none chosen is sent with no name.
        guard let m = MultipartForm(r), let table = m.text("table"), let bytes = m.fields["file"], !bytes.isEmpty || m.fileNames["file"]?.isEmpty == false else {
            return form(ctx, error: Message.webImportChooseFile.text(ctx.language))
        }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let token = WebRandom.token()
        let file = folder.appendingPathComponent(token)
        try Data(bytes).write(to: file)
        do {
            let result = try CSVImporter().import(table: table, file: file, into: replica, dryRun: true)
            return try page(result, table: table, token: token, name: m.fileNames["file"] ?? "", ctx)
        } catch {
            try? FileManager.default.removeItem(at: file)
            // The file is kept under a random name: the person is told of it by the name she chose.
            let chosen = m.fileNames["file"].flatMap { $0.isEmpty ? nil : $0 } ?? Message.webImportFile.text(ctx.language)
            return form(ctx, error: WebApp.line(error, ctx.language).replacingOccurrences(of: token, with: chosen))
        }
    }

    /// Another sheet of the workbook uploaded, chosen on its preview: previewed the same way.
    func sheet(_ r: HTTPRequest, _ ctx: PageContext) throws -> HTTPResponse {
        guard let token = r.query["file"], let file = stored(token), FileManager.default.fileExists(atPath: file.path),
              let table = r.query["table"], let sheet = r.form["sheet"] else {
            return form(ctx, error: Message.webImportFileGone.text(ctx.language))
        }
        let name = r.query["name"] ?? ""
        do {
            let result = try CSVImporter(sheet: sheet).import(table: table, file: file, into: replica, dryRun: true)
            return try page(result, table: table, token: token, name: name, ctx)
        } catch {
            let chosen = name.isEmpty ? Message.webImportFile.text(ctx.language) : name
            return form(ctx, error: WebApp.line(error, ctx.language).replacingOccurrences(of: token, with: chosen))
        }
    }

    /// A workbook of several sheets: which one this preview read, and the others to choose.
    func sheetChoice(_ result: CSVImportResult, table: String, token: String, name: String, _ ctx: PageContext) -> String {
        guard result.sheets.count > 1 else { return "" }
        let options = result.sheets.map { "<option value=\"\(esc($0))\"\($0 == result.sheet ? " selected" : "")>\(esc($0))</option>" }.joined()
        return ctx.form("/import/sheet?" + query([("file", token), ("table", table), ("name", name)]),
                        "<label for=\"sheet\">\(ctx.t(.webImportOtherSheet))</label><select id=\"sheet\" name=\"sheet\">\(options)</select>"
                        + "<button class=\"secondary\">\(ctx.t(.webImportShowSheet))</button>")
    }

    func page(_ result: CSVImportResult, table: String, token: String, name: String, _ ctx: PageContext) throws -> HTTPResponse {
        var ctx = ctx
        let l = ctx.language
        ctx.title = Message.webImportWillChange(table).text(l)
        let words: [CSVLineOutcome.Kind: Message] = [.added: .webImportAdded, .updated: .webImportUpdated, .unchanged: .webImportUnchanged, .refused: .webImportRefused,
                                                        .skipped: .webImportSkipped]
        let resolver = ReferenceResolver(database: replica.database)
        let rows = result.outcomes.map { o -> [String] in
            // An empty cell stands as «—», so a value keeps its place under its column (an empty deficit
            // left «ожидает» reading as one); empty cells at the end are left off.
            var cells = o.shownCells(l).map { $0.trimmingCharacters(in: .whitespaces) }
            while cells.last?.isEmpty == true { cells.removeLast() }
            let line = cells.map { $0.isEmpty ? "—" : $0 }.joined(separator: "; ")
            // A row updated: what changes in it, old → new, so nothing is overwritten unseen.
            // A value the district corrected, set back by an old list: told, so it is not undone unseen.
            let undone = o.id.map { id in o.changes.compactMap { c -> String? in
                guard let day = try? DistrictCorrectedCells.day(table: table, rowID: id, column: c.column, holding: c.old, database: replica.database) else { return nil }
                return Message.importUndoesCorrection(Message.columnTitle(c.column, table: table).text(l), day: ReferenceResolver.readableDate(day, l)).text(l)
            } } ?? []
            let said = [o.repeats.map { Message.importRepeatsLine($0).text(l) }, o.changes.isEmpty ? nil : CSVChange.said(o.changes, table: table, resolver, l),
                        o.menteesSaid(resolver)?.text(l)] + undone
            let why = o.reason ?? said.compactMap { $0 }.joined(separator: "; ")
            return [esc("\(o.line)"), esc(line), "<span class=\"\(o.kind == .refused || o.kind == .skipped ? "warn" : "ok")\">\(esc(words[o.kind]?.text(l) ?? ""))</span>", esc(why)]
        }
        let read = result.sheet.map { "\(name), \(Message.webImportSheet($0).text(l))" } ?? name
        let summary = Message.webImportSummary(added: result.inserted, updated: result.updated, unchanged: result.unchanged, refused: result.badRows.count,
                                               skipped: result.skipped)
        var body = "<p>\(esc(read)): \(ctx.t(summary))</p>"
        body += sheetChoice(result, table: table, token: token, name: name, ctx)
        // How the file was read (columns left out, people without a role): to heed, in amber.
        for note in result.notes { body += "<p class=\"caution\">\(ctx.t(note))</p>" }
        body += ctx.table([Message.webImportLine.text(l), Message.webImportInFile.text(l), Message.webImportOutcome.text(l), Message.webImportReason.text(l)], rows)
        body += ctx.form("/import/confirm?" + query([("file", token), ("table", table)] + (result.sheets.count > 1 ? [("sheet", result.sheet ?? "")] : [])),
                         "<button>\(ctx.t(.webImportConfirm))</button><a class=\"button secondary\" href=\"/import\">\(ctx.t(.webCancel))</a>")
        return HTTPResponse(html: ctx.page(body))
    }

    func confirm(_ r: HTTPRequest, _ ctx: PageContext) throws -> HTTPResponse? {
        guard let token = r.query["file"], let file = stored(token), let table = r.query["table"] else {
            return form(ctx, error: Message.webImportFileGone.text(ctx.language))
        }
        // Loaded once already (the button pressed again, the page gone back to): said so, not «not found».
        let loaded = file.appendingPathExtension("loaded")
        guard FileManager.default.fileExists(atPath: file.path) else {
            let said: Message = FileManager.default.fileExists(atPath: loaded.path) ? .webImportAlreadyLoaded : .webImportFileGone
            return form(ctx, error: said.text(ctx.language))
        }
        let result = try CSVImporter(sheet: r.query["sheet"]).import(table: table, file: file, into: replica, skipBad: true)
        // Loaded: the file goes, a mark that it was loaded stays (a load that failed leaves the file to try again).
        try? FileManager.default.removeItem(at: file)
        FileManager.default.createFile(atPath: loaded.path, contents: nil)
        let l = ctx.language
        let done = Message.webImported(added: result.inserted, updated: result.updated, refused: result.badRows.count).text(l)
        // Which lines were refused and why, and which were left out (hidden in Excel, a total): the
        // preview said so; the page keeps it after loading, in amber beside the green «loaded».
        let leftOut = result.linesLeftOut.map { $0.text(l) }
        guard !result.badRows.isEmpty || !leftOut.isEmpty else { return .redirect("/t/\(table)?" + query([("done", done)])) }
        let refused = result.badRows.prefix(3).map { Message.importLine($0.line, $0.reason).text(l) }
            + (result.badRows.count > 3 ? [Message.webImportMoreRefused(result.badRows.count - 3).text(l)] : [])
        return .redirect("/t/\(table)?" + query([("done", done), ("left", (refused + leftOut).joined(separator: "; "))]))
    }
}
