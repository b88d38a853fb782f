import Foundation
import MentorSyncDomain
import MentorSyncEngine

/// An edit form saved after its row changed elsewhere (the hourly exchange brought the district's
/// correction, another window saved it): the form keeps the values it showed (`was.` fields), and
/// only what she changed from them is written — a value that came meanwhile is not undone by a field
/// she left as it was, and one she changed that also changed meanwhile is asked about, not
/// overwritten unseen.
extension TablePages {
    /// The hidden fields of an edit form holding the row's values as the form showed them.
    static let shownPrefix = "was."

    /// The fields to write (only those the person changed, so an unchanged field never becomes a change
    /// to send), and those she changed that changed meanwhile too. A new row: every field filled in.
    func changes(_ t: TableSchema, _ f: [String: String], current: [String: DatabaseValue]?,
                 _ resolver: ReferenceResolver) throws -> (sets: [(String, String)], meanwhile: [ColumnSchema]) {
        var sets: [(String, String)] = [], meanwhile: [ColumnSchema] = []
        for c in t.columns {
            let typed = f[c.name] ?? ""
            func differs(_ stored: String) throws -> Bool { try typed != stored && !ReferenceField.showsStored(typed, c, stored, resolver) }
            if current == nil {
                if !typed.trimmingCharacters(in: .whitespaces).isEmpty { sets.append((c.name, typed)) }
            } else if let was = f[Self.shownPrefix + c.name] {
                guard try differs(was) else { continue }
                let now = fieldText(current?[c.name])
                if now != was, try differs(now) { meanwhile.append(c) }
                sets.append((c.name, typed))
            } else if try differs(fieldText(current?[c.name])) {  // a form from before `was.` fields
                sets.append((c.name, typed))
            }
        }
        return (sets, meanwhile)
    }

    /// Her form again, nothing written: what she typed where she changed it, the row as it is now
    /// elsewhere, and what changed; saved again, her values are written.
    func askAgain(_ t: TableSchema, _ r: HTTPRequest, current: [String: DatabaseValue], changedMeanwhile: [ColumnSchema],
                  _ resolver: ReferenceResolver, _ ctx: PageContext) throws -> HTTPResponse {
        let f = r.form
        var again = f
        for c in t.columns {
            let typed = f[c.name] ?? "", was = f[Self.shownPrefix + c.name] ?? ""
            if try typed == was || ReferenceField.showsStored(typed, c, was, resolver) { again[c.name] = nil }  // the row's value now
            again[Self.shownPrefix + c.name] = fieldText(current[c.name])
        }
        let changed = changedMeanwhile.map { c in
            (Message.webColumn(c.name, table: t.name).text(ctx.language),
             resolver.readable(current[c.name] ?? .null, column: c.name, table: t.name, language: ctx.language))
        }
        return try form(t, id: r.query["id"], values: again, mentees: r.formValues(PairMentees.field), ctx,
                        error: Message.webChangedMeanwhile(changed).text(ctx.language), backToPair: f["back"] == "pair", viaPair: f["pair"])
    }
}
