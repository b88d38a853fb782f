import MentorSyncDomain
import MentorSyncEngine

/// A form's field for a reference (a mentor's person, a pair's mentor): a choice from a list when
/// the table is short; a name typed, with the browser suggesting the names as one types, when the
/// list would be too long to scroll; a name typed alone when even the suggestions would make the
/// page too heavy (a district's hundreds of thousands of persons). A typed name is found on save
/// by `ReferenceResolver`, as `put` finds it, and a name that fits no row, or several, is told there.
struct ReferenceField {
    let column: ColumnSchema
    let target: String
    let id: String
    /// The table of the form, and the organization its row belongs to: a school's row is offered
    /// only the other schools' rows it may name (a network mentor), marked with their school.
    var table: String
    var rowOwner: String
    /// Up to this many rows, a list to choose from.
    static let maxChoices = 300
    /// Up to this many, a typed name with suggestions (about 60 bytes of page a row).
    static let maxSuggestions = 5_000

    func html(typed: String?, stored: String?, _ resolver: ReferenceResolver, _ ctx: PageContext) throws -> String {
        let rows = try Self.rowCount(target, upTo: Self.maxSuggestions + 1, resolver.database)
        let name = esc(column.name)
        if rows <= Self.maxChoices {
            let chosen = typed ?? stored ?? ""
            var h = "<select id=\"\(id)\" name=\"\(name)\"><option value=\"\">\(ctx.t(.webNone))</option>"
            let choices = try OtherSchoolReferences.choices(Self.alphabetical(try resolver.choices(in: target)), table: table,
                                                            column: column.name, target: target, rowOwner: rowOwner, database: resolver.database)
            // A reference to a row not held here (not arrived yet, or deleted) stays what it is: offered
            // as it is shown, so a form saved for another field does not send it back empty. So does
            // one the row holds that would not be offered now (a mentor withdrawn from the network).
            if !chosen.isEmpty, !choices.contains(where: { $0.row.id == chosen }) {
                h += "<option value=\"\(esc(chosen))\" selected>\(try notOffered(chosen, resolver, ctx))</option>"
            }
            // A pair is named by its mentor; its mentees, beside it, tell her two pairs of one mentor apart.
            let mentees = target == "pairs" ? try PairMembers.mentees(of: choices.map(\.row.id), database: resolver.database) : [:]
            // A mentor is chosen by what the mentor teaches too (a network mentor for physics).
            let subjects = try PairMembers.subjects(of: choices.map(\.row.id), in: target, database: resolver.database)
            for (row, school) in choices {
                let named = subjects[row.id].map { "\(row.label) (\($0))" } ?? row.label
                var shown = school.map { "\(named) — \($0)" } ?? named
                if let ids = mentees[row.id], !ids.isEmpty {
                    shown += " → " + (try ids.map { try resolver.labelOrShortID($0, in: "mentees") }.joined(separator: ", "))
                }
                h += "<option value=\"\(esc(row.id))\"\(row.id == chosen ? " selected" : "")>\(esc(shown))</option>"
            }
            return h + "</select>"
        }
        let value = try typed ?? stored.map { try Self.shown($0, in: target, resolver) } ?? ""
        let suggests = rows <= Self.maxSuggestions
        let list = "\(id)-names"
        var h = "<input id=\"\(id)\" name=\"\(name)\" value=\"\(esc(value))\" autocomplete=\"off\"\(suggests ? " list=\"\(list)\"" : "")>"
        if suggests {
            h += "<datalist id=\"\(list)\">"
            for row in try resolver.choices(in: target) { h += "<option value=\"\(esc(row.label))\">" }
            h += "</datalist>"
        }
        return h + "<p class=\"muted hint\">\(ctx.t(.webTypeAName(target, suggested: suggests)))</p>"
    }

    /// A chosen row held here but not offered now, named as the lists name it: a mentor with the
    /// subject, and another school's one with that school, no longer in network mentoring (never
    /// with its id). A row not held here is told so.
    private func notOffered(_ chosen: String, _ resolver: ReferenceResolver, _ ctx: PageContext) throws -> String {
        guard let label = try resolver.label(of: chosen, in: target), !label.hasPrefix("[") else {
            return esc(try resolver.display(chosen, in: target))
        }
        let subject = try PairMembers.subjects(of: [chosen], in: target, database: resolver.database)[chosen]
        var shown = esc(subject.map { "\(label) (\($0))" } ?? label)
        let owner = try resolver.database.scalar("SELECT org_id FROM \(SQL.identifier(target)) WHERE id = ?", [.text(chosen)])?.text
        if let owner, owner != rowOwner, try OtherSchoolReferences.isSchool(owner, database: resolver.database) {
            shown += " — " + ctx.t(.otherSchoolsFormerRow(try resolver.label(of: owner, in: "organizations") ?? owner))
        }
        return shown
    }

    /// The text a typed-name field shows for a stored reference (`ReferenceResolver.typableName`).
    static func shown(_ stored: String, in target: String, _ resolver: ReferenceResolver) throws -> String {
        try resolver.typableName(of: stored, in: target)
    }

    /// Whether what came back in a reference field is just what the form showed for the stored
    /// value: nothing the person changed, so nothing to write.
    static func showsStored(_ typed: String, _ column: ColumnSchema, _ stored: String?, _ resolver: ReferenceResolver) throws -> Bool {
        guard case .reference(let target) = column.kind, let stored else { return false }
        return typed == (try shown(stored, in: target, resolver))
    }

    /// Choices as a list to scan is read: by name, in the alphabet's order (ё with е, case aside).
    static func alphabetical(_ rows: [RowName]) -> [RowName] {
        let keyed = rows.map { ($0.label.lowercased().replacingOccurrences(of: "ё", with: "е"), $0) }
        return keyed.sorted { $0.0 < $1.0 }.map(\.1)
    }

    private static func rowCount(_ table: String, upTo limit: Int, _ db: Database) throws -> Int {
        Int(try db.scalar("SELECT count(*) FROM (SELECT 1 FROM \(SQL.identifier(table)) LIMIT \(limit))")?.integer ?? 0)
    }
}
