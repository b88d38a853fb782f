import XCTest
import MentorSyncDomain
import MentorSyncTestSupport
@testable import MentorSyncEngine

/// Network mentoring among the property test's random edits (issue 16): schools offer mentors and
/// take them off the network, pair their mentees with any mentor they hold (or, by chance, with one
/// they should not), re-point pairs, and write meetings on pairs they hold (or on pairs they are no
/// party to). A share oracle, written apart from the engine from DESIGN.md's rules, scans every
/// school after every step: no school may hold a row of another school outside its share, nor a
/// cell of such a row outside the columns a school receives.
extension ConvergenceRun {
    static let networkTables = ["persons", "mentors", "mentees", "pairs", "pair_mentees", "plans", "meetings", "surveys"]
    /// Columns of another school's row that must be NULL at a school (DESIGN.md, "Network mentoring").
    static let hiddenColumns = [
        "persons": ["birth_date", "role", "teaching_since", "hired_on", "left_on", "pd_consent_on", "notes"],
        "mentees": ["requests", "deficits"],
    ]

    func ids(_ r: Replica, _ sql: String, _ args: [DatabaseValue] = []) throws -> [String] {
        try r.database.rows(sql, args).map { $0[0].displayText }
    }

    /// A person of this school, its writes noted like any other (the final check follows them).
    func newPerson(_ r: Replica, _ values: [String: DatabaseValue]) throws -> String {
        let id = try r.insert("persons", values.merging(["org_id": .text(r.site.rawValue), "full_name": value()]) { a, _ in a }, id: newID("np"))
        try r.fold()
        for c in editableColumns { try noteWrite(r, id, c) }
        return id
    }

    func newID(_ prefix: String) -> String {
        counter += 1
        return "\(prefix)\(seed)-\(counter)"
    }

    func networkEdit(_ name: String) throws {
        let r = replica(name)
        let me = DatabaseValue.text(name)
        let roll = rng.below(100)
        let ownMentors = try ids(r, "SELECT id FROM mentors WHERE org_id = ? ORDER BY id", [me])
        let mentors = try ids(r, "SELECT id FROM mentors ORDER BY id")
        let ownPairs = try ids(r, "SELECT id FROM pairs WHERE org_id = ? ORDER BY id", [me])
        let pairs = try ids(r, "SELECT id FROM pairs ORDER BY id")
        if roll < 20 || mentors.isEmpty {
            let person = try newPerson(r, ["birth_date": "1980-01-01", "role": "teacher", "subject": "физика", "notes": .text("private-\(name)")])
            try r.insert("mentors", ["org_id": me, "person_id": .text(person), "status": "active",
                                     "network": .integer(rng.chance(0.6) ? 1 : 0)], id: newID("nm"))
        } else if roll < 32, !ownMentors.isEmpty {
            try r.update("mentors", rng.pick(ownMentors), ["network": .integer(rng.chance(0.5) ? 1 : 0)])
        } else if roll < 55 {
            // Mostly a mentor this school holds; sometimes any mentor of the district, offered or not.
            let all = try ids(world.district, "SELECT id FROM mentors ORDER BY id")
            let mentor = rng.chance(0.15) && !all.isEmpty ? rng.pick(all) : rng.pick(mentors)
            let person = try newPerson(r, ["birth_date": "2001-02-03", "role": "teacher"])
            let mentee = try r.insert("mentees", ["org_id": me, "person_id": .text(person), "category": "young_specialist",
                                                  "requests": .text("private-\(name)"), "status": "in_pair"], id: newID("ne"))
            let pair = try r.insert("pairs", ["org_id": me, "mentor_id": .text(mentor), "kind": "pair", "status": "active"], id: newID("nx"))
            try r.insert("pair_mentees", ["org_id": me, "pair_id": .text(pair), "mentee_id": .text(mentee)], id: newID("nj"))
            try r.insert("plans", ["org_id": me, "pair_id": .text(pair), "mentee_id": .text(mentee), "title": value()], id: newID("nl"))
        } else if roll < 63, !ownPairs.isEmpty {
            try r.update("pairs", rng.pick(ownPairs), ["mentor_id": .text(rng.pick(mentors))])
        } else if roll < 85 {
            let all = try ids(world.district, "SELECT id FROM pairs ORDER BY id")
            let pair = rng.chance(0.1) && !all.isEmpty ? rng.pick(all) : pairs.isEmpty ? nil : rng.pick(pairs)
            guard let pair else { return }
            let table = rng.chance(0.7) ? "meetings" : "surveys"
            let values: [String: DatabaseValue] = table == "meetings" ? ["kind": "joint_work", "minutes": value()] : ["respondent": "mentor", "comment": value()]
            try r.insert(table, values.merging(["org_id": me, "pair_id": .text(pair)]) { a, _ in a }, id: newID("nt"))
        } else if roll < 93, !ownPairs.isEmpty {
            try r.update("pairs", rng.pick(ownPairs), ["status": "completed", "result": value()])
        } else {
            let own = try ids(r, "SELECT id FROM meetings WHERE org_id = ? ORDER BY id", [me])
            if rng.chance(0.5), !ownPairs.isEmpty { try r.delete("pairs", rng.pick(ownPairs)) } else if !own.isEmpty { try r.delete("meetings", rng.pick(own)) }
        }
        try r.fold()
    }

    /// The coordinator corrects a school's mentor, mentee or pair: a write of the district that
    /// every school hears of, so a row that enters a share later must still arrive with it.
    func coordinatorNetworkEdit() throws {
        let d = world.district
        let (table, column) = rng.pick([("mentors", "competencies"), ("mentees", "category"), ("pairs", "result"), ("persons", "subject")])
        let rows = try ids(d, "SELECT id FROM \(table) WHERE org_id <> 'district' ORDER BY id")
        guard !rows.isEmpty else { return }
        let id = rng.pick(rows)
        try d.update(table, id, [column: table == "mentees" ? .text(rng.pick(["new_arrival", "struggling", "reserve"])) : value()])
        try d.fold()
    }

    /// The rows of other schools `school` may hold now, by table, from the district's tables:
    /// offered mentors and their persons; pairs naming its mentors, with their pair_mentees and
    /// plans (by the pair's school), meetings and surveys (by the pair's school), the mentees of
    /// those pair_mentees and their persons; the other-school mentors its own pairs name, with their
    /// persons, and the meetings and surveys the mentor's school wrote on its pairs.
    func oracleShare(of school: String) throws -> [String: Set<String>] {
        let d = world.district
        let me = DatabaseValue.text(school)
        var share: [String: Set<String>] = [:]
        func add(_ table: String, _ sql: String) throws { share[table, default: []].formUnion(try ids(d, sql, [me])) }
        let other = "NOT IN (?, 'district')"
        try add("mentors", "SELECT id FROM mentors WHERE network = 1 AND org_id \(other)")
        try add("pairs", "SELECT p.id FROM pairs p JOIN mentors m ON m.id = p.mentor_id WHERE m.org_id = ?1 AND p.org_id NOT IN (?1, 'district')")
        try add("mentors", "SELECT m.id FROM pairs p JOIN mentors m ON m.id = p.mentor_id WHERE p.org_id = ?1 AND m.org_id NOT IN (?1, 'district')")
        for t in ["pair_mentees", "plans", "meetings", "surveys"] {
            try add(t, "SELECT a.id FROM \(t) a JOIN pairs p ON p.id = a.pair_id JOIN mentors m ON m.id = p.mentor_id WHERE m.org_id = ?1 AND a.org_id = p.org_id AND p.org_id NOT IN (?1, 'district')")
        }
        for t in ["meetings", "surveys"] {
            try add(t, "SELECT a.id FROM \(t) a JOIN pairs p ON p.id = a.pair_id JOIN mentors m ON m.id = p.mentor_id WHERE p.org_id = ?1 AND a.org_id = m.org_id AND m.org_id NOT IN (?1, 'district')")
        }
        for id in share["pair_mentees"] ?? [] {
            share["mentees", default: []].formUnion(try ids(d, "SELECT e.id FROM pair_mentees j JOIN mentees e ON e.id = j.mentee_id WHERE j.id = ? AND e.org_id = j.org_id", [.text(id)]))
        }
        for (table, ids) in [("mentors", share["mentors"] ?? []), ("mentees", share["mentees"] ?? [])] {
            for id in ids {
                share["persons", default: []].formUnion(try self.ids(d, "SELECT p.id FROM \(table) x JOIN persons p ON p.id = x.person_id WHERE x.id = ? AND p.org_id = x.org_id AND p.org_id NOT IN (?, 'district')", [.text(id), me]))
            }
        }
        return share
    }

    /// After every step: each school's rows of other schools lie in the share it has been given so
    /// far (a row stays in a share once it entered), with no cell outside what a school receives.
    func checkShares() throws {
        for name in schoolNames {
            for (table, ids) in try oracleShare(of: name) { everShared[name, default: [:]][table, default: []].formUnion(ids) }
            let r = replica(name)
            for t in r.schema.tables {
                let hidden = ConvergenceRun.hiddenColumns[t.name] ?? []
                let cols = (["id", "org_id"] + hidden).joined(separator: ", ")
                for row in try r.database.rows("SELECT \(cols) FROM \(t.name) WHERE org_id NOT IN (?, 'district')", [.text(name)]) {
                    let id = row[0].displayText
                    guard everShared[name]?[t.name]?.contains(id) == true else {
                        throw PropertyFailure("\(name) holds \(t.name)/\(id) of \(row[1].displayText), outside its share")
                    }
                    for (i, c) in hidden.enumerated() where row[i + 2] != .null {
                        throw PropertyFailure("\(name) holds \(t.name)/\(id).\(c) of \(row[1].displayText), a cell outside its share")
                    }
                }
            }
        }
    }

    /// At the end: each school holds every row its share has now, and every other school's row it
    /// holds is the district's row in the columns it receives (deleted ones gone).
    func checkSharesConverged() throws {
        for name in schoolNames {
            let r = replica(name)
            let now = try oracleShare(of: name)
            for t in r.schema.tables {
                let hidden = Set(ConvergenceRun.hiddenColumns[t.name] ?? [])
                let cols = (["id"] + t.cellNames).map { hidden.contains($0) ? "NULL" : $0 }.joined(separator: ", ")
                let sql = "SELECT \(cols) FROM \(t.name) WHERE org_id NOT IN (?, 'district') ORDER BY id"
                let held = try r.database.rows(sql, [.text(name)])
                for row in held {
                    let there = try world.district.database.rows("SELECT \(cols) FROM \(t.name) WHERE id = ?", [row[0]]).first
                    guard there == row else {
                        throw PropertyFailure("\(name) holds \(t.name)/\(row[0].displayText) as \(row.map(\.displayText)); the district: \(there.map { $0.map(\.displayText) } ?? ["nothing"])")
                    }
                }
                let heldIDs = Set(held.map { $0[0].displayText })
                for id in now[t.name] ?? [] where !heldIDs.contains(id) {
                    throw PropertyFailure("\(name) lacks \(t.name)/\(id) of its share")
                }
            }
        }
    }
}
