import Foundation
import MentorSyncDomain
import MentorSyncEngine

extension TablePages {
    /// Below a pair's form: its meetings, plans and surveys by day, each a link to its own form,
    /// and a link to add one to this pair (the form comes with the pair chosen).
    func pairCard(_ pair: String, editable: Bool, _ ctx: PageContext) throws -> String {
        var h = ""
        for (table, records) in try PairRecords.of(pair: pair, database: replica.database) {
            h += "<section class=\"pair-card\"><h2>\(ctx.t(.webTable(table)))</h2>"
            if records.isEmpty { h += "<p class=\"muted\">\(ctx.t(.webNoRows))</p>" } else {
                h += "<ul>"
                for r in records {
                    let day = r.day.map { ReferenceResolver.readableDate($0, ctx.language) } ?? ctx.t(.webNoDay)
                    let what = PairRecords.tables.first { $0.table == table }!.shown.compactMap { c -> String? in
                        guard let v = r.values[c], let text = v.text ?? (v.integer.map(String.init)), !text.isEmpty else { return nil }
                        if case .enumeration = RegistrySchema.schema.table(named: table)?.column(named: c)?.kind { return ctx.t(.webValue(text, column: c, table: table)) }
                        return text
                    }.joined(separator: ", ")
                    h += "<li><a href=\"\(esc("/t/\(table)/edit?" + query([("id", r.id), ("back", "pair")])))\">\(esc(day))</a>\(what.isEmpty ? "" : " — " + esc(what))</li>"
                }
                h += "</ul>"
            }
            if editable { h += "<p><a href=\"\(esc("/t/\(table)/edit?" + query([("pair_id", pair), ("back", "pair")])))\">\(ctx.t(.webAdd))</a></p>" }
            h += "</section>"
        }
        return h
    }
}
