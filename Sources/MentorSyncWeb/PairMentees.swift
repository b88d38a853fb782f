import Foundation
import MentorSyncDomain
import MentorSyncEngine

/// A pair's form lists the mentees by name to tick: the mentor is chosen, then its mentees, and
/// saving the pair writes its `pair_mentees` rows (through `RegistryEditor`, like any other row):
/// the unticked unlinked first, then the pair, then the ticked linked.
enum PairMentees {
    static let field = "mentee"
    /// The mentees the form showed linked, their ids separated by spaces: a mentee linked meanwhile
    /// (an exchange, another window) is not unlinked by a form that never showed her.
    static let shownField = "was.mentees"

    static func shown(_ text: String?) -> Set<String>? { text.map { Set($0.split(separator: " ").map(String.init)) } }

    /// The checkboxes: every mentee by name, ticked when linked (or when ticked in a refused form).
    /// `shown`: what a refused form had shown linked (carried on), else the pair's links now.
    static func html(pair: String?, ticked typed: [String]?, shown: String? = nil, _ db: Database, _ ctx: PageContext) throws -> String {
        let saved = Set(try pair.map { try PairMembers.links(of: $0, database: db).map(\.mentee) } ?? [])
        // A refused form: a mentee linked since it was first shown (an exchange, another window) is
        // ticked, as she is linked — saving keeps her — and counts as shown, so unticking her unlinks.
        let shownBefore = Self.shown(shown)
        let linkedMeanwhile = shownBefore.map { saved.subtracting($0) } ?? []
        let linked = typed.map { Set($0).union(linkedMeanwhile) } ?? saved
        let mentees = ReferenceField.alphabetical(try ctx.names.resolver(db).choices(in: "mentees"))
        var h = "<fieldset class=\"choices\"><legend>\(ctx.t(.webTable("mentees")))</legend>"
        if pair != nil {
            h += "<input type=\"hidden\" name=\"\(shownField)\" value=\"\(esc((shownBefore.map { $0.union(linkedMeanwhile) } ?? saved).sorted().joined(separator: " ")))\">"
        }
        if mentees.isEmpty { h += "<p class=\"muted\">\(ctx.t(.webNoMenteesYet))</p>" }
        for (i, m) in mentees.enumerated() {
            // A mentee of the pair links to her record (her status is marked there when the pair closes).
            var card = ""
            if let pair, saved.contains(m.id) {
                card = " <a class=\"muted\" href=\"\(esc("/t/mentees/edit?" + query([("id", m.id), ("back", "pair"), ("pair", pair)])))\">\(ctx.t(.webMenteeRecord))</a>"
            }
            h += "<label class=\"choice\"><input type=\"checkbox\" id=\"mentee-\(i)\" name=\"\(field)\" value=\"\(esc(m.id))\"\(linked.contains(m.id) ? " checked" : "")> \(esc(m.label))\(card)</label>"
        }
        return h + "</fieldset>"
    }

    /// The names of each pair's mentees, for a page of pairs (one query).
    static func names(of pairs: [String], _ db: Database, _ resolver: ReferenceResolver) throws -> [String: String] {
        try PairMembers.mentees(of: pairs, database: db).mapValues { ids in
            try ids.map { try resolver.labelOrShortID($0, in: "mentees") }.joined(separator: ", ")
        }
    }

    /// Unlinks from `pair` the mentees not ticked: first, before the pair and its new mentees are
    /// saved, so one mentee of a «пара» swapped for another, or a group made a «пара» with the
    /// others unticked, is one save (`PairKind` counts the links there are).
    /// `shown`: the mentees the form showed linked (nil: a form without them, every link).
    static func unlinkUnticked(pair: String, ticked: [String], shown: Set<String>?, _ editor: RegistryEditor, _ db: Database) throws {
        let wanted = Set(ticked.filter { !$0.isEmpty })
        for l in try PairMembers.links(of: pair, database: db) where !wanted.contains(l.mentee) && shown?.contains(l.mentee) != false {
            try editor.delete(table: "pair_mentees", id: l.link)
        }
    }

    /// Links the ticked mentees to `pair` (those not linked yet).
    static func linkTicked(pair: String, ticked: [String], _ editor: RegistryEditor, _ db: Database) throws {
        let current = try PairMembers.links(of: pair, database: db)
        for m in ticked where !m.isEmpty && !current.contains(where: { $0.mentee == m }) {
            _ = try editor.put(table: "pair_mentees", sets: [("pair_id", pair), ("mentee_id", m)])
        }
    }
}
