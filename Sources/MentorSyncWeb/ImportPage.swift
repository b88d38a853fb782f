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

    func respond(_ r: HTTPRequest, _ ctx: PageContext) throws -> HTTPResponse? {
        switch (r.path, r.method) {
        case ("/import", "GET"), ("/import", "HEAD"): return form(ctx, error: nil)
        case ("/import/preview", "POST"): return try preview(r, ctx)
        case ("/import/confirm", "POST"): return try confirm(r, ctx)
        default: return nil
        }
    }

    func tableSelect(_ ctx: PageContext, chosen: String) -> String {
        var h = "<label for=\"table\">\(esc(ctx.language.pick(en: "Table", ru: "Таблица")))</label><select id=\"table\" name=\"table\">"
        for t in RegistrySchema.schema.tables { h += "<option value=\"\(esc(t.name))\"\(t.name == chosen ? " selected" : "")>\(ctx.t(.webTable(t.name)))</option>" }
        return h + "</select>"
    }

    func form(_ ctx: PageContext, error: String?) -> HTTPResponse {
        var ctx = ctx
        ctx.title = ctx.language.pick(en: "Import a list", ru: "Загрузка списка")
        let body = ctx.form("/import/preview", tableSelect(ctx, chosen: "persons") + """
            <label for="file">\(esc(ctx.language.pick(en: "CSV or Excel file", ru: "Файл CSV или Excel")))</label><input id="file" type="file" name="file" accept=".csv,.txt,.xlsx" required>
            <button>\(esc(ctx.language.pick(en: "Preview", ru: "Посмотреть, что изменится")))</button>
            """, multipart: true)
        return HTTPResponse(status: error == nil ? 200 : 422, html: ctx.page(body, error: error))
    }

    func stored(_ token: String) -> URL? {
        guard token.count == 64, token.allSatisfy(\.isHexDigit) else { return nil }
        return folder.appendingPathComponent(token)
    }

    func preview(_ r: HTTPRequest, _ ctx: PageContext) throws -> HTTPResponse {
        guard let m = MultipartForm(r), let table = m.text("table"), let bytes = m.fields["file"], !bytes.isEmpty else {
            return form(ctx, error: ctx.language.pick(en: "choose a file to import", ru: "выберите файл для загрузки"))
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
            return form(ctx, error: WebApp.line(error, ctx.language))
        }
    }

    func page(_ result: CSVImportResult, table: String, token: String, name: String, _ ctx: PageContext) throws -> HTTPResponse {
        var ctx = ctx
        let l = ctx.language
        ctx.title = l.pick(en: "What will change", ru: "Что изменится") + ": " + Message.webTable(table).text(l)
        let words: [CSVLineOutcome.Kind: String] = [.added: l.pick(en: "will be added", ru: "будет добавлено"), .updated: l.pick(en: "will be updated", ru: "будет изменено"),
                                                    .unchanged: l.pick(en: "already so", ru: "уже так"), .refused: l.pick(en: "refused", ru: "отклонено")]
        let rows = result.outcomes.map { o -> [String] in
            let line = o.cells.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }.joined(separator: "; ")
            return [esc("\(o.line)"), esc(line), "<span class=\"\(o.kind == .refused ? "warn" : "ok")\">\(esc(words[o.kind] ?? ""))</span>", esc(o.reason ?? "")]
        }
        var body = "<p>\(esc(name)): \(esc(l.pick(en: "added \(result.inserted), updated \(result.updated), unchanged \(result.unchanged), refused \(result.badRows.count)", ru: "добавится \(result.inserted), изменится \(result.updated), без изменений \(result.unchanged), отклонено \(result.badRows.count)")))</p>"
        body += ctx.table([l.pick(en: "Line", ru: "Строка"), l.pick(en: "In the file", ru: "В файле"), "", ""], rows)
        body += ctx.form("/import/confirm?" + query([("file", token), ("table", table)]),
                         "<button>\(esc(l.pick(en: "Import the accepted lines", ru: "Загрузить принятые строки")))</button><a class=\"button secondary\" href=\"/import\">\(ctx.t(.webCancel))</a>")
        return HTTPResponse(html: ctx.page(body))
    }

    func confirm(_ r: HTTPRequest, _ ctx: PageContext) throws -> HTTPResponse? {
        guard let token = r.query["file"], let file = stored(token), let table = r.query["table"],
              FileManager.default.fileExists(atPath: file.path) else { return form(ctx, error: ctx.language.pick(en: "the file is gone; choose it again", ru: "файл уже не найден; выберите его снова")) }
        defer { try? FileManager.default.removeItem(at: file) }
        let result = try CSVImporter().import(table: table, file: file, into: replica, skipBad: true)
        let l = ctx.language
        let done = l.pick(en: "imported: added \(result.inserted), updated \(result.updated), refused \(result.badRows.count)",
                          ru: "загружено: добавлено \(result.inserted), изменено \(result.updated), отклонено \(result.badRows.count)")
        return .redirect("/t/\(table)?" + query([("done", done)]))
    }
}
