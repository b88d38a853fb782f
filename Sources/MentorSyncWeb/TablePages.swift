import Foundation
import MentorSyncDomain
import MentorSyncEngine

/// Browse, search, add, edit and delete in the registry's tables, through `RegistryEditor`
/// (every check of `put` and `delete`) and `ReferenceResolver` (names for references).
/// Paths: /t/TABLE (list), /t/TABLE/edit?id= (form), /t/TABLE/save (POST), /t/TABLE/delete?id= (confirm, POST).
final class TablePages {
    let replica: Replica
    let tables: [TableSchema]
    /// The organizations a new row may belong to (district: schools and itself); nil at a school.
    let owners: (() throws -> [(id: String, label: String)])?
    /// At a school: the rows of a table the district refused, with what it said (`SchoolHome.refusedRows`).
    var refused: ((String) throws -> [String: Message])?
    static let pageSize = 50
    /// Columns a list shows at most: a 1366-pixel screen without sideways scrolling.
    static let maxColumns = 6

    /// Free text, edited in a box of several lines: the first left out of a crowded list.
    static func isLongText(_ c: ColumnSchema) -> Bool {
        if case .text = c.kind { return longTextColumns.contains(c.name) }
        return false
    }
    static let longTextColumns: Set<String> = ["notes", "comment", "summary", "requests", "deficits", "goals", "competencies", "result", "minutes", "documents"]
    /// Columns a list shows first, where the table's own order would leave out what people look for
    /// (an event's status was only in its card; a mentor's «Сетевой», a plan's status likewise).
    static let listedFirst: [String: [String]] = [
        "events": ["title", "starts_on", "ends_on", "status", "responsible", "kind"],
        "mentors": ["person_id", "status", "network"],
        "plans": ["title", "pair_id", "mentee_id", "starts_on", "ends_on", "status"],
    ]

    /// `columns` in the order a list shows them: `listedFirst`, then the table's order.
    static func listOrder(_ columns: [ColumnSchema], table: String) -> [ColumnSchema] {
        let first = listedFirst[table] ?? []
        return columns.enumerated().sorted { a, b in
            let (x, y) = (first.firstIndex(of: a.element.name) ?? first.count, first.firstIndex(of: b.element.name) ?? first.count)
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
    }

    init(replica: Replica, tables: [TableSchema], owners: (() throws -> [(id: String, label: String)])? = nil) {
        self.replica = replica
        self.tables = tables
        self.owners = owners
    }

    var editor: RegistryEditor { RegistryEditor(replica: replica) }

    /// Whether this site may change a row owned by `owner`.
    func mayEdit(_ owner: String?) -> Bool { replica.role != .school || owner == replica.site.rawValue }

    func respond(_ r: HTTPRequest, _ ctx: PageContext) throws -> HTTPResponse? {
        let parts = r.path.split(separator: "/").map(String.init)
        guard parts.count >= 2, parts[0] == "t", let t = tables.first(where: { $0.name == parts[1] }) else { return nil }
        switch (parts.count == 2 ? "" : parts[2], r.method) {
        case ("", _): return try list(t, r, ctx)
        case ("edit", _):
            // A new row's form may come filled in by a link (an indicator of the report given its code).
            let given = r.query["id"] == nil ? r.query.filter { key, _ in t.columns.contains { $0.name == key } } : [:]
            // Opened from a pair's page (`back=pair`): saved or cancelled, it goes back there.
            // A new pair for a mentee waiting («составить пару» on the home page): she comes ticked.
            let ticked = t.name == "pairs" && r.query["id"] == nil ? r.query[PairMentees.field].map { [$0] } : nil
            return try form(t, id: r.query["id"], values: given.isEmpty ? nil : given, mentees: ticked, ctx, backToPair: r.query["back"] == "pair",
                            viaPair: r.query["pair"], notice: r.query["done"], warning: r.query["left"])
        case ("save", "POST"): return try save(t, r, ctx)
        case ("xlsx", "GET"), ("xlsx", "HEAD"): return try workbook(t, networkOnly: t.name == "mentors" && r.query["network"] == "1", ctx)
        case ("delete", "GET"), ("delete", "HEAD"): return try confirmDelete(t, r, ctx)
        case ("delete", "POST"): return try delete(t, r, ctx)
        default: return nil
        }
    }

    /// A stored value as people read it: a reference by its name, an enumeration in words, a date as DD.MM.YYYY.
    func shown(_ v: DatabaseValue, _ c: ColumnSchema, _ t: TableSchema, _ resolver: ReferenceResolver, _ language: Language) throws -> String {
        // A number as it is written: a target of 40 (stored 40.0) is «40», 42.5 in Russian «42,5».
        if case .real = v { return language == .ru ? fieldText(v).replacingOccurrences(of: ".", with: ",") : fieldText(v) }
        guard let text = v.text else { return "" }
        if case .reference(let target) = c.kind { return try resolver.label(of: text, in: target) ?? resolver.display(text, in: target) }
        return ReferenceResolver.word(for: text, column: c, table: t.name, language) ?? text
    }

    func list(_ t: TableSchema, _ r: HTTPRequest, _ ctx: PageContext) throws -> HTTPResponse {
        var ctx = ctx
        ctx.title = Message.webTable(t.name).text(ctx.language)
        let q = (r.query["q"] ?? "").trimmingCharacters(in: .whitespaces)
        let pageNumber = max(1, Int(r.query["page"] ?? "1") ?? 1)
        let start = (pageNumber - 1) * Self.pageSize
        // The base of network mentors: the mentors whose «Сетевой» is «да» (a search for the word also
        // found a mentor whose competencies mention «сетевой проект»).
        let networkOnly = t.name == "mentors" && r.query["network"] == "1"
        let page = try RegistryPage(database: replica.database, table: t, search: q, offset: start, limit: Self.pageSize,
                                    names: try ctx.names.resolver(replica.database), only: networkOnly ? ("network", .integer(1)) : nil)
        let resolver = try ctx.names.resolver(replica.database)
        var body = "<form class=\"search\" method=\"get\" action=\"/t/\(esc(t.name))\"><input name=\"q\" value=\"\(esc(q))\" aria-label=\"\(ctx.t(.webSearch))\">"
        // A search among the network mentors stays among them (it searched every mentor).
        if networkOnly { body += "<input type=\"hidden\" name=\"network\" value=\"1\">" }
        body += "<button>\(ctx.t(.webSearch))</button>"
        // A table the district alone keeps is read at a school, not added to (the entry is refused).
        if replica.role != .school || t.ownership != .district {
            body += "<a class=\"button secondary\" href=\"/t/\(esc(t.name))/edit\">\(ctx.t(.webAdd))</a>"
        }
        // The list as a workbook in the person's words: it opens in Excel and loads back through «Загрузка списка».
        body += "<a class=\"button secondary\" href=\"/t/\(esc(t.name))/xlsx\(networkOnly ? "?network=1" : "")\">\(ctx.t(.webListExcel))</a>"
        body += "</form>"
        if t.name == "indicators" && q.isEmpty && replica.role != .school { body += try DefaultTargets.html(replica.database, ctx) }
        if t.name == "events" && q.isEmpty && pageNumber == 1 { body += try OverdueEvents.html(replica.database, ctx) }
        if t.name == "mentors" {
            // The base of network mentors, one click away (and back), the words searched kept.
            let searched = q.isEmpty ? [] : [("q", q)]
            body += networkOnly ? "<p><a href=\"\(esc("/t/mentors" + (searched.isEmpty ? "" : "?" + query(searched))))\">\(ctx.t(.webAllMentors))</a></p>"
                : "<p><a href=\"\(esc("/t/mentors?" + query(searched + [("network", "1")])))\">\(ctx.t(.webNetworkMentorsOnly))</a></p>"
        }
        if page.rows.isEmpty {
            let empty: Message = page.total > 0 ? .webShown(page.total, page.total, page.total) : q.isEmpty ? .webNoRows : .webNothingFound(q)
            body += "<p class=\"muted\">\(ctx.t(empty))</p>"
            // A school looking for the district's network mentors before any reply brought them.
            if networkOnly, replica.role == .school {
                body += "<p>\(ctx.t(.webNoNetworkMentorsYet))</p>"
            }
            return HTTPResponse(html: ctx.page(body, notice: r.query["done"], warning: r.query["left"]))
        }
        // Only the columns holding a value somewhere, as many as fit a school laptop's screen (free
        // text goes first, the rest in the row's form); the first names the row and links to its form.
        let orgIndex = page.columns.firstIndex(of: "org_id")
        // At the district every row says whose it is.
        let ownerColumn = owners != nil && orgIndex != nil
        // The columns added beside the table's own (whose, a mentor's subject, a pair's mentees) take
        // the place of its columns: mentors at the district put «Удалить» off a 1200 px screen.
        let added = (ownerColumn ? 1 : 0) + (["mentors", "mentees"].contains(t.name) ? 1 : 0) + (t.name == "pairs" ? 1 : 0)
        let room = Self.maxColumns - max(0, added - 1)
        var shownColumns = Self.listOrder(page.columns.dropFirst(2).compactMap { t.column(named: $0) }, table: t.name)
        var hidden: [ColumnSchema] = []
        while shownColumns.count > room, let i = shownColumns.lastIndex(where: { Self.isLongText($0) }) { hidden.insert(shownColumns.remove(at: i), at: 0) }
        if shownColumns.count > room { hidden = Array(shownColumns[room...]) + hidden; shownColumns = Array(shownColumns.prefix(room)) }
        let names = ownerColumn ? Dictionary(try owners!().map { ($0.id, $0.label) }, uniquingKeysWith: { a, _ in a }) : [:]
        // A pair shows its mentees beside its mentor.
        let mentees = t.name == "pairs" ? try PairMentees.names(of: page.rows.map { $0[0].text ?? "" }, replica.database, resolver) : nil
        // A mentor or a mentee shows what its person teaches beside its name (the district's base of mentors).
        let subjects = try personSubjects(t, page.rows.map { $0[0].text ?? "" })
        let refusedRows = try refused?(t.name) ?? [:]
        // A network pair says whose its mentor is (the list read like any other pair).
        let networkMentors = t.name == "pairs" ? try PairMembers.mentorsSchool(ofNetworkPairs: page.rows.map { $0[0].text ?? "" }, database: replica.database) : [:]
        // A meeting's, plan's or survey's pair reads with its mentees, as the form offers it: one mentor's two pairs told apart.
        let pairColumn = t.name == "pair_mentees" ? nil : shownColumns.first { if case .reference("pairs") = $0.kind { return true } else { return false } }
        let pairMentees = try pairColumn.map { col in
            try PairMentees.names(of: page.rows.compactMap { $0[page.columns.firstIndex(of: col.name)!].text }, replica.database, resolver)
        }
        var headers = (shownColumns.isEmpty ? [""] : shownColumns.map { Message.webColumn($0.name, table: t.name).text(ctx.language) })
            + (mentees != nil ? [Message.webTable("mentees").text(ctx.language)] : [])
            + (ownerColumn ? [Message.webOwner.text(ctx.language)] : []) + [""]
        if subjects != nil { headers.insert(Message.webColumn("subject", table: "persons").text(ctx.language), at: 1) }
        let otherSchools = try RegistryEditor(replica: replica).otherSchoolsMarks(in: t.name)
        var cells: [[String]] = []
        for row in page.rows {
            let id = row[0].text ?? ""
            var c = try shownColumns.map { col -> String in
                let v = row[page.columns.firstIndex(of: col.name)!]
                let said = try shown(v, col, t, resolver, ctx.language)
                guard col.name == pairColumn?.name, let pair = v.text, let names = pairMentees?[pair], !names.isEmpty else { return esc(said) }
                return esc("\(said) → \(names)")
            }
            if c.isEmpty { c = [""] }
            let link = "/t/\(t.name)/edit?" + query([("id", id)])
            c[0] = "<a href=\"\(esc(link))\">\(c[0].isEmpty ? ctx.t(.webEdit) : c[0])</a>"
            if let said = refusedRows[id] {
                c[0] += " <span class=\"refused\" title=\"\(ctx.t(said))\">\(ctx.t(.webRefusedMark))</span>"
            }
            // (Another school's pair with this school's mentor is marked as that school's row.)
            if let school = networkMentors[id], school != replica.site.rawValue {
                let name = try names[school] ?? resolver.label(of: school, in: "organizations") ?? school
                c[0] += " <span class=\"muted mark\">\(ctx.t(.webNetworkPairMark(name)))</span>"
            }
            if let subjects { c.insert(esc(subjects[id] ?? ""), at: 1) }
            let owner = orgIndex.flatMap { row[$0].text }
            if let mentees { c.append(esc(mentees[id] ?? "")) }
            if ownerColumn { c.append(esc(owner.map { names[$0] ?? $0 } ?? "")) }
            if mayEdit(owner) {
                c.append("<a href=\"\(esc("/t/\(t.name)/delete?" + query([("id", id)])))\">\(ctx.t(.webDelete))</a>")
            } else if let owner, let mark = try otherSchools.mark(owner: owner, id: id, school: { try names[$0] ?? resolver.label(of: $0, in: "organizations") ?? $0 }) {
                // A row of another school held through network mentoring: shown, marked, not edited.
                c.append("<span class=\"muted\">\(ctx.t(mark))</span>")
            } else {
                c.append("")
            }
            cells.append(c)
        }
        body += ctx.table(headers, cells)
        if !hidden.isEmpty {
            body += "<p class=\"muted\">\(ctx.t(.webColumnsInForm(hidden.map { Message.webColumn($0.name, table: t.name).text(ctx.language) })))</p>"
        }
        body += "<p class=\"pager\">\(ctx.t(.webShown(start + 1, start + page.rows.count, page.total)))"
        let kept = networkOnly ? [("network", "1")] : []
        if start > 0 { body += " <a href=\"\(esc("/t/\(t.name)?" + query([("q", q), ("page", "\(pageNumber - 1)")] + kept)))\">\(ctx.t(.webPrevious))</a>" }
        if start + page.rows.count < page.total {
            body += " <a href=\"\(esc("/t/\(t.name)?" + query([("q", q), ("page", "\(pageNumber + 1)")] + kept)))\">\(ctx.t(.webNext))</a>"
        }
        return HTTPResponse(html: ctx.page(body + "</p>", notice: r.query["done"], warning: r.query["left"]))
    }

    /// The subjects of the persons of a page of mentors or mentees, by row; nil for other tables or
    /// when none of them has one (an empty column tells nothing).
    func personSubjects(_ t: TableSchema, _ ids: [String]) throws -> [String: String]? {
        let subjects = try PairMembers.subjects(of: ids, in: t.name, database: replica.database)
        return subjects.isEmpty ? nil : subjects
    }

    /// The text a form field holds for a stored value (ids for references, ISO dates).
    func fieldText(_ v: DatabaseValue?) -> String {
        guard let v else { return "" }
        if case .real(let r) = v { return r == r.rounded() && abs(r) < 1e15 ? String(Int64(r)) : String(r) }
        return v.text ?? ""
    }

    func currentRow(_ t: TableSchema, _ id: String) throws -> [String: DatabaseValue]? {
        let cols = t.cellNames
        let rows = try replica.database.rows("SELECT \(cols.map(SQL.identifier).joined(separator: ", ")) FROM \(SQL.identifier(t.name)) WHERE id = ?", [.text(id)])
        guard let row = rows.first else { return nil }
        return Dictionary(uniqueKeysWithValues: zip(cols, row))
    }

    func form(_ t: TableSchema, id: String?, values typed: [String: String]?, mentees typedMentees: [String]? = nil, _ ctx: PageContext, error: String? = nil,
              backToPair: Bool = false, viaPair: String? = nil, notice: String? = nil, warning: String? = nil,
              askAnotherPerson: Bool = false) throws -> HTTPResponse {
        var ctx = ctx
        ctx.title = (id == nil ? Message.webNewRow(t.name) : Message.webTable(t.name)).text(ctx.language)
        let current = try id.flatMap { try currentRow(t, $0) }
        if id != nil, current == nil { return HTTPResponse(status: 404, html: ctx.page("", error: Message.webNotFound.text(ctx.language))) }
        let resolver = try ctx.names.resolver(replica.database)
        // A row's own page says which row: «Пара: Кузнецов Виктор Павлович — 15.09.2026».
        if let id, let label = try resolver.label(of: id, in: t.name), !label.hasPrefix("[") {
            ctx.title = Message.rowTitle(t.name).text(ctx.language) + ": " + label
        }
        var fields = ""
        // The district's own tables (indicators, organizations) are the district's rows: no owner to choose.
        if current == nil, let owners, t.ownership != .district {
            let chosen = typed?["org_id"] ?? replica.site.rawValue
            fields += "<label for=\"f-org_id\">\(ctx.t(.webColumn("org_id", table: t.name)))</label><select id=\"f-org_id\" name=\"org_id\">"
            for o in try owners() { fields += "<option value=\"\(esc(o.id))\"\(o.id == chosen ? " selected" : "")>\(esc(o.label))</option>" }
            fields += "</select>"
        }
        let needed = Set(RegistryEditor.neededForNewRow(t))
        for c in t.columns {
            let value = typed?[c.name] ?? fieldText(current?[c.name])
            let fid = "f-\(c.name)"
            fields += "<label for=\"\(fid)\">\(ctx.t(.webColumn(c.name, table: t.name)))\(needed.contains(c.name) ? " *" : "")</label>"
            switch c.kind {
            case .enumeration(let allowed):
                fields += "<select id=\"\(fid)\" name=\"\(esc(c.name))\"><option value=\"\">\(ctx.t(.webNone))</option>"
                for v in allowed { fields += "<option value=\"\(esc(v))\"\(v == value ? " selected" : "")>\(ctx.t(.webValue(v, column: c.name, table: t.name)))</option>" }
                fields += "</select>"
            case .reference(let target):
                let rowOwner = current?["org_id"]?.text ?? typed?["org_id"] ?? replica.site.rawValue
                fields += try ReferenceField(column: c, target: target, id: fid, table: t.name, rowOwner: rowOwner).html(
                    typed: typed?[c.name], stored: current?[c.name]?.text, resolver, ctx)
            case .date: fields += "<input id=\"\(fid)\" type=\"date\" name=\"\(esc(c.name))\" value=\"\(esc(value))\">"
            case .integer(let range) where range == 0...1:
                // A yes/no column: a choice in words, not a number field.
                fields += "<select id=\"\(fid)\" name=\"\(esc(c.name))\">"
                if !c.required && c.defaultSQL == nil { fields += "<option value=\"\">\(ctx.t(.webNone))</option>" }
                for (v, word) in [("1", Message.yes), ("0", Message.no)] {
                    fields += "<option value=\"\(v)\"\(v == value || (value.isEmpty && c.defaultSQL == v) ? " selected" : "")>\(ctx.t(word))</option>"
                }
                fields += "</select>"
                if t.name == "mentors" && c.name == "network" { fields += "<p class=\"muted hint\">\(ctx.t(.webNetworkHint))</p>" }
            case .integer(let range):
                let bounds = range.map { " min=\"\($0.lowerBound)\" max=\"\($0.upperBound)\"" } ?? ""
                fields += "<input id=\"\(fid)\" type=\"number\"\(bounds) name=\"\(esc(c.name))\" value=\"\(esc(value))\">"
            case .real: fields += "<input id=\"\(fid)\" type=\"number\" step=\"any\" name=\"\(esc(c.name))\" value=\"\(esc(value))\">"
            case .text:
                if Self.longTextColumns.contains(c.name) {
                    fields += "<textarea id=\"\(fid)\" rows=\"3\" name=\"\(esc(c.name))\">\(esc(value))</textarea>"
                } else {
                    fields += "<input id=\"\(fid)\" name=\"\(esc(c.name))\" value=\"\(esc(value))\">"
                }
            }
            // What the form shows of the row, to tell on saving what she changed from what changed meanwhile.
            if let current { fields += "<input type=\"hidden\" name=\"\(esc(Self.shownPrefix + c.name))\" value=\"\(esc(typed?[Self.shownPrefix + c.name] ?? fieldText(current[c.name])))\">" }
            // A pair: the mentor first, then its mentees.
            if t.name == "pairs", c.name == "mentor_id" { fields += try PairMentees.html(pair: id, ticked: typedMentees, shown: typed?[PairMentees.shownField], replica.database, ctx) }
        }
        let editable = current == nil || mayEdit(current?["org_id"]?.text)
        let action = "/t/\(t.name)/save" + (id.map { "?" + query([("id", $0)]) } ?? "")
        // A row opened from a pair's page goes back there: its own pair, or the pair it was opened
        // from (a mentee's record, which names no pair).
        let pair = backToPair ? (typed?["pair_id"] ?? current?["pair_id"]?.text ?? viaPair) : nil
        let cancel = pair.map { "/t/pairs/edit?" + query([("id", $0)]) } ?? "/t/\(t.name)"
        if let pair {
            fields += "<input type=\"hidden\" name=\"back\" value=\"pair\"><input type=\"hidden\" name=\"pair\" value=\"\(esc(pair))\">"
        }
        // A near namesake's question (`NearNamesakeQuestion`): ticked, the person is added all the same.
        if askAnotherPerson { fields += "<label class=\"choice\"><input type=\"checkbox\" name=\"another_person\" value=\"1\"> \(ctx.t(.webAnotherPerson))</label>" }
        var body = editable ? ctx.form(action, fields + "<div class=\"actions\"><button>\(ctx.t(.webSave))</button><a class=\"button secondary\" href=\"\(esc(cancel))\">\(ctx.t(.webCancel))</a></div>")
                            : "<p class=\"muted\">\(ctx.t(.webMayNotWrite))</p><form>\(fields)</form>"
        if let id, editable {
            // Opened from its pair's page, its deletion goes back there too.
            let back: [(String, String)] = backToPair ? [("back", "pair")] : []
            body += "<p><a href=\"\(esc("/t/\(t.name)/delete?" + query([("id", id)] + back)))\">\(ctx.t(.webDelete))</a></p>"
        }
        if t.name == "pairs", let id { body += try pairCard(id, editable: editable, ctx) }
        if let id, let said = try refused?(t.name)[id] {
            body = "<p class=\"error\">\(ctx.t(said))</p>" + body
        }
        return HTTPResponse(status: error == nil ? 200 : 422, html: ctx.page(body, notice: notice, warning: warning, error: error))
    }

    func save(_ t: TableSchema, _ r: HTTPRequest, _ ctx: PageContext) throws -> HTTPResponse {
        let f = r.form
        let id = r.query["id"]
        let current = try id.flatMap { try currentRow(t, $0) }
        let resolver = ReferenceResolver(database: replica.database)
        let found = try changes(t, f, current: current, resolver)
        var sets = found.sets
        if let current, case let meanwhile = found.meanwhile, !meanwhile.isEmpty { return try askAgain(t, r, current: current, changedMeanwhile: meanwhile, resolver, ctx) }
        if current == nil, owners != nil, let o = f["org_id"], !o.isEmpty { sets.append(("org_id", o)) }
        do {
            // A pair and its mentees are saved together or not at all (a refused mentee leaves no new pair behind).
            let ticked = r.formValues(PairMentees.field)
            let rowID: String = try replica.database.transaction {
                var rowID = id ?? ""
                if t.name == "pairs", let id, current != nil { try PairMentees.unlinkUnticked(pair: id, ticked: ticked, shown: PairMentees.shown(f[PairMentees.shownField]), editor, replica.database) }
                // A new row is always put, so an empty one is refused where it is checked.
                if !sets.isEmpty || current == nil { rowID = try editor.put(table: t.name, sets: sets, id: id, anotherPerson: f["another_person"] == "1").id }
                if t.name == "pairs", !rowID.isEmpty { try PairMentees.linkTicked(pair: rowID, ticked: ticked, editor, replica.database) }
                return rowID
            }
            let name = (try? resolver.label(of: rowID, in: t.name)) ?? nil
            let done = Message.webSaved(said(t, name, ctx)).text(ctx.language)
            if t.name == "pairs", let left = try PairClosing.reminder(pair: rowID, database: replica.database) {
                // Closed with something still open: back to the pair's page, where each is a link, the
                // reminder in amber beside the green «saved».
                return .redirect("/t/pairs/edit?" + query([("id", rowID), ("done", done), ("left", left.text(ctx.language))]))
            }
            if f["back"] == "pair", let pair = try currentRow(t, rowID)?["pair_id"]?.text ?? f["pair"], try currentRow(RegistrySchema.pairs, pair) != nil {
                return .redirect("/t/pairs/edit?" + query([("id", pair), ("done", done)]))
            }
            return .redirect("/t/\(t.name)?" + query([("done", done)]))
        } catch let question as NearNamesakeQuestion {
            // Asked, with the box that answers it beside the button.
            return try form(t, id: id, values: f, ctx, error: question.message(.form).text(ctx.language), backToPair: f["back"] == "pair",
                            viaPair: f["pair"], askAnotherPerson: true)
        } catch {
            return try form(t, id: id, values: f, mentees: r.formValues(PairMentees.field), ctx, error: WebApp.line(error, ctx.language),
                            backToPair: f["back"] == "pair", viaPair: f["pair"])
        }
    }

    func confirmDelete(_ t: TableSchema, _ r: HTTPRequest, _ ctx: PageContext) throws -> HTTPResponse? {
        guard let id = r.query["id"], try currentRow(t, id) != nil else { return nil }
        var ctx = ctx
        ctx.title = Message.webTable(t.name).text(ctx.language)
        // What is deleted, with its kind: Встреча «Иванова Мария — 01.10.2026», Пара «Иванова Мария → Смирнова Анна».
        let label = try ctx.names.resolver(replica.database).label(of: id, in: t.name)
        let kind = Message.rowTitle(t.name).text(ctx.language)
        var name = label.map { $0.hasPrefix("[") ? "\(kind) \($0)" : "\(kind) «\($0)»" } ?? kind
        if t.name == "pairs", let mentees = try PairMembers.mentees(of: [id], database: replica.database)[id], !mentees.isEmpty {
            let resolver = ReferenceResolver(database: replica.database)
            let who = try mentees.map { try resolver.labelOrShortID($0, in: "mentees") }.joined(separator: ", ")
            name = label.map { $0.hasPrefix("[") ? "\(kind) \($0) → \(who)" : "\(kind) «\($0) → \(who)»" } ?? "\(kind) → \(who)"
        }
        let pair = r.query["back"] == "pair" ? try currentRow(t, id)?["pair_id"]?.text : nil
        let cancel = pair.map { "/t/pairs/edit?" + query([("id", $0)]) } ?? "/t/\(t.name)"
        let body = ctx.form("/t/\(t.name)/delete?" + query([("id", id)] + (pair != nil ? [("back", "pair")] : [])),
                            "<p>\(ctx.t(.webConfirmDelete(name)))</p><button class=\"danger\">\(ctx.t(.webDelete))</button><a class=\"button secondary\" href=\"\(esc(cancel))\">\(ctx.t(.webCancel))</a>")
        return HTTPResponse(html: ctx.page(body))
    }

    func delete(_ t: TableSchema, _ r: HTTPRequest, _ ctx: PageContext) throws -> HTTPResponse? {
        guard let id = r.query["id"] else { return nil }
        let pair = r.query["back"] == "pair" ? try currentRow(t, id)?["pair_id"]?.text : nil
        let name: String?
        do {
            name = try editor.deleting(table: t.name, id: id).name
        } catch let refused as MessageError {
            // Refused (other rows name it): said on the row's own form, where it can be changed instead.
            return try form(t, id: id, values: nil, ctx, error: refused.message.text(ctx.language), backToPair: pair != nil, viaPair: pair)
        }
        let done = Message.webDeleted(said(t, name, ctx, withKind: true)).text(ctx.language)
        // Deleted from its pair's page: back to the pair, which lists what is left.
        if let pair, try currentRow(RegistrySchema.pairs, pair) != nil {
            return .redirect("/t/pairs/edit?" + query([("id", pair), ("done", done)]))
        }
        return .redirect("/t/\(t.name)?" + query([("done", done)]))
    }

    /// A row as a notice names it: a row named by another's name (a meeting, a survey: its pair and
    /// day) or by its short id alone, with its table — «Встречи «Иванова Мария Петровна, 22.09.2025»».
    /// `withKind`: always with its kind (what went: a mentor's record, not the person of its name).
    func said(_ t: TableSchema, _ label: String?, _ ctx: PageContext, withKind: Bool = false) -> String {
        // One row, so one of its kind: «Встреча «Иванова Мария Петровна, 22.09.2025»».
        let table = Message.rowTitle(t.name).text(ctx.language)
        guard let label, !label.isEmpty else { return table }
        if label.hasPrefix("[") { return "\(table) \(label)" }
        return withKind || ["meetings", "surveys"].contains(t.name) ? "\(table) «\(label)»" : label
    }
}

extension TablePages {
    /// /t/TABLE/xlsx: the table as an Excel workbook, headers and values in the person's language
    /// (the same file `export-csv TABLE FILE.xlsx` writes), named by the table's title.
    /// `networkOnly`: the network mentors alone, as the list shows them.
    func workbook(_ t: TableSchema, networkOnly: Bool = false, _ ctx: PageContext) throws -> HTTPResponse {
        let (data, _) = try CSVExporter(language: ctx.language).encodeWorkbook(table: t.name, from: replica, namesForReferences: true,
                                                                               sheet: Message.webTable(t.name).text(ctx.language),
                                                                               only: networkOnly ? ("network", .integer(1)) : nil)
        let title = Message.webTable(t.name).text(ctx.language) + ".xlsx"
        let encoded = title.addingPercentEncoding(withAllowedCharacters: CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-_")) ?? "\(t.name).xlsx"
        return HTTPResponse(contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", body: Array(data),
                            headers: [("Content-Disposition", "attachment; filename=\"\(t.name).xlsx\"; filename*=UTF-8''\(encoded)")])
    }
}
