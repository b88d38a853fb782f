import MentorSyncEngine

/// An individual plan (ИОМ) hangs on a pair and one of its mentees: a mentee who is not in the
/// chosen pair is refused where the plan is entered (a form, `put`, a list), naming the pair's
/// mentees. A pair with no mentees linked yet takes any (they may be added after the plan).
enum PlanMentee {
    static func check(_ table: TableSchema, database: Database, _ value: (String) throws -> DatabaseValue?) throws {
        guard table.name == "plans", let pair = try value("pair_id")?.text, let mentee = try value("mentee_id")?.text,
              !pair.isEmpty, !mentee.isEmpty else { return }
        let linked = try database.rows("SELECT mentee_id FROM pair_mentees WHERE pair_id = ? ORDER BY rowid", [.text(pair)]).compactMap { $0[0].text }
        guard !linked.isEmpty, !linked.contains(mentee) else { return }
        let names = ReferenceResolver(database: database)
        throw MessageError(.menteeNotInPair(mentee: try names.labelOrShortID(mentee, in: "mentees"), pair: try names.labelOrShortID(pair, in: "pairs"),
                                            inPair: try linked.map { try names.labelOrShortID($0, in: "mentees") }))
    }
}

extension Message {
    static func menteeNotInPair(mentee: String, pair: String, inPair: [String]) -> Message {
        Message("registry.mentee_not_in_pair",
                en: "mentee “\(mentee)” is not in the pair “\(pair)” (its mentees: \(inPair.joined(separator: ", "))); choose one of them, or add the mentee to the pair first",
                ru: "«\(mentee)» нет среди наставляемых пары «\(pair)» (в паре: \(inPair.joined(separator: ", "))); выберите наставляемого этой пары или сначала добавьте этого человека в пару")
    }
}
