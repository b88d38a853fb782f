import MentorSyncEngine

/// Who is in a pair: the mentees `pair_mentees` links to it, in the order they were linked — one
/// lookup for the pair's page, the pairs list, its Excel file and the check of a pair's kind.
public enum PairMembers {
    /// The links of `pair`: each link row's id and its mentee's id.
    public static func links(of pair: String, database: Database) throws -> [(link: String, mentee: String)] {
        try database.rows("SELECT id, mentee_id FROM pair_mentees WHERE pair_id = ? ORDER BY rowid", [.text(pair)])
            .map { ($0[0].displayText, $0[1].displayText) }
    }

    /// What the persons of mentors or mentees teach (`persons.subject`), by the row's id, for those
    /// that have one: a mentor is chosen by subject (a village's physics teacher), and lists show it.
    public static func subjects(of ids: [String], in table: String, database: Database) throws -> [String: String] {
        guard ["mentors", "mentees"].contains(table), !ids.isEmpty else { return [:] }
        let rows = try database.rows("""
            SELECT r.id, p.subject FROM \(SQL.identifier(table)) r JOIN persons p ON p.id = r.person_id
            WHERE r.id IN (\(ids.map { _ in "?" }.joined(separator: ","))) AND coalesce(p.subject, '') <> ''
            """, ids.map { .text($0) })
        return Dictionary(rows.map { ($0[0].displayText, $0[1].displayText) }) { a, _ in a }
    }

    /// The mentee ids of each of `pairs` (of every pair when nil), in the order they were linked.
    public static func mentees(of pairs: [String]? = nil, database: Database) throws -> [String: [String]] {
        if let pairs, pairs.isEmpty { return [:] }
        let filter = pairs.map { " WHERE pair_id IN (\($0.map { _ in "?" }.joined(separator: ",")))" } ?? ""
        var out: [String: [String]] = [:]
        for r in try database.rows("SELECT pair_id, mentee_id FROM pair_mentees\(filter) ORDER BY rowid", (pairs ?? []).map { .text($0) }) {
            guard let pair = r[0].text, let mentee = r[1].text else { continue }
            out[pair, default: []].append(mentee)
        }
        return out
    }

    /// Of `pairs`, the network pairs (DESIGN.md, "Network mentoring"): each with the organization
    /// its mentor belongs to, another than the pair's own.
    public static func mentorsSchool(ofNetworkPairs pairs: [String], database: Database) throws -> [String: String] {
        guard !pairs.isEmpty else { return [:] }
        var out: [String: String] = [:]
        let sql = "SELECT p.id, m.org_id FROM pairs p JOIN mentors m ON m.id = p.mentor_id "
            + "WHERE p.id IN (\(pairs.map { _ in "?" }.joined(separator: ","))) AND m.org_id <> p.org_id"
        for r in try database.rows(sql, pairs.map { .text($0) }) {
            if let pair = r[0].text, let school = r[1].text { out[pair] = school }
        }
        return out
    }
}

/// A pair of the kind «пара» is one mentor and one mentee; several mentees make a «группа». A
/// second mentee linked to a «пара», or a pair with several mentees made a «пара», is refused where
/// it is entered (the pair's page, `put`, a list), saying how to do it instead.
enum PairKind {
    static func check(_ t: TableSchema, database: Database, row: String?, touches: ([String]) -> Bool,
                      _ value: (String) throws -> DatabaseValue?) throws {
        let names = ReferenceResolver(database: database)
        switch t.name {
        case "pair_mentees":
            guard touches(["pair_id", "mentee_id"]), let pair = try value("pair_id")?.text, !pair.isEmpty else { return }
            let mentee = try value("mentee_id")?.text
            // Her own mentor she is not: a mentor put in her pair as its mentee.
            if let mentee, let person = try database.scalar("""
                SELECT e.person_id FROM mentees e, pairs p JOIN mentors m ON m.id = p.mentor_id
                WHERE e.id = ? AND p.id = ? AND e.person_id = m.person_id
                """, [.text(mentee), .text(pair)])?.text {
                throw MessageError(.mentorOfHerOwnPair(try names.labelOrShortID(person, in: "persons")))
            }
            guard try database.scalar("SELECT kind FROM pairs WHERE id = ?", [.text(pair)])?.text == "pair" else { return }
            guard let other = try PairMembers.links(of: pair, database: database).first(where: { $0.link != row && $0.mentee != mentee }) else { return }
            throw MessageError(.pairTakesOneMentee(pair: try names.labelOrShortID(pair, in: "pairs"),
                                                   holds: try names.labelOrShortID(other.mentee, in: "mentees")))
        case "pairs":
            if let row, touches(["mentor_id"]), let mentor = try value("mentor_id")?.text, let person = try database.scalar("""
                SELECT e.person_id FROM pair_mentees l JOIN mentees e ON e.id = l.mentee_id JOIN mentors m ON m.person_id = e.person_id
                WHERE l.pair_id = ? AND m.id = ? LIMIT 1
                """, [.text(row), .text(mentor)])?.text {
                throw MessageError(.mentorOfHerOwnPair(try names.labelOrShortID(person, in: "persons")))
            }
            // Made a «пара»: every reason it cannot be one yet, told at once (they came one at a time,
            // the mentees only once the meetings were put right). A pair whose kind is cleared is
            // held to a pair's meetings, as a meeting entered on it is.
            guard let row, touches(["kind"]) else { return }
            let kind = try value("kind")?.text
            guard kind != "group" else { return }
            var obstacles = try MeetingOrder.obstaclesToAPair(row, database: database)
            let listed = try PairMembers.links(of: row, database: database).map(\.mentee).reduce(into: [String]()) { if !$0.contains($1) { $0.append($1) } }
            if kind == "pair", listed.count > 1 { obstacles.append(.mentees(try listed.map { try names.labelOrShortID($0, in: "mentees") })) }
            guard !obstacles.isEmpty else { return }
            throw MessageError(Obstacle.refusal(obstacles, pair: try names.labelOrShortID(row, in: "pairs")))
        default:
            return
        }
    }
}
