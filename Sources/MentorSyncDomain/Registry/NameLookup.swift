import Foundation
import MentorSyncEngine

/// Finds the rows a typed name selects, by the rules `RowNames.load` names rows with: a person by
/// the name (and birth date), a mentor or mentee by its person, a pair by its mentor (and start),
/// an organization, indicator, event, plan or practice by its name, code or title, a meeting or
/// survey by its pair and its day.
/// It keeps one normalized text per naming column and row — not the labels, not every spelling
/// of every date (a date typed after a name is read off the text, `TypedName`) — so the names of a
/// district's hundreds of thousands of persons are read once, in seconds, and then looked up.
final class NameLookup {
    private let database: Database
    /// Per naming table: its rows by each normalized name, and the names in the order rows were written.
    private var byName: [String: (rows: [String: [String]], order: [String])] = [:]
    /// Per referring column ("mentors.person_id"): the rows that name each row.
    private var byReference: [String: [String: [String]]] = [:]

    init(database: Database) { self.database = database }

    /// The rows of `table` that a normalized typed text names, in the order they were written.
    func rows(of table: String, named key: String) throws -> [String] {
        var seen: Set<String> = [], found: [String] = []
        for reading in TypedName.readings(of: key) {
            for id in try rows(of: table, reading) where seen.insert(id).inserted { found.append(id) }
        }
        return found
    }

    /// Up to `limit` rows whose names hold the typed text, or that the text holds (a name with a
    /// wrong date; a surname typed in full and nothing else): suggestions after a name found nothing.
    func similar(in table: String, to key: String, limit: Int) throws -> [String] {
        guard let (leaf, _) = Self.namingColumns(table) else { return [] }
        let names = try index(leaf)
        var found: [String] = []
        func add(_ name: String) throws -> Bool {
            for id in try rows(of: table, TypedName(base: name, dates: [])) where !found.contains(id) {
                found.append(id)
                if found.count == limit { return true }
            }
            return false
        }
        // A person named by her surname and initials («иванова м.п.»), as school documents write her.
        for name in names.order where leaf == "persons" && PersonMatcher.isShortened(key, of: name) {
            if try add(name) { return found }
        }
        for name in names.order where name.contains(key) || (key.count >= 4 && !name.isEmpty && key.contains(name)) {
            if try add(name) { return found }
        }
        // Then a name one or two letters off («Павлова» for «Павловна»), the nearest first.
        let typed = Array(key)
        let allowed = typed.count >= 12 ? 2 : typed.count >= 5 ? 1 : 0
        guard allowed > 0 else { return found }
        let near = names.order.compactMap { name -> (String, Int)? in
            guard !name.contains(key), let d = Self.editDistance(typed, Array(name), limit: allowed) else { return nil }
            return (name, d)
        }
        for (name, _) in near.sorted(by: { $0.1 < $1.1 }) {
            if try add(name) { return found }
        }
        return found
    }

    /// The number of letters to insert, delete or change to turn `a` into `b`, or nil when over `limit`.
    static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int? {
        guard abs(a.count - b.count) <= limit else { return nil }
        var previous = Array(0...b.count)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            var current = [i] + [Int](repeating: 0, count: b.count)
            var rowMin = i
            for j in 1...max(b.count, 1) where !b.isEmpty {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                rowMin = min(rowMin, current[j])
            }
            if rowMin > limit { return nil }
            previous = current
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }

    private func rows(of table: String, _ t: TypedName) throws -> [String] {
        switch table {
        case "persons": return try dated(index(table).rows[t.base] ?? [], t.dates, table, "birth_date")
        case "mentors", "mentees": return try referring(table, "person_id", to: rows(of: "persons", t))
        case "pairs":
            var found = try referring(table, "mentor_id", to: rows(of: "mentors", t))
            if let start = t.dates.last {
                let mentors = try rows(of: "mentors", TypedName(base: t.base, dates: Array(t.dates.dropLast())))
                found += try dated(referring(table, "mentor_id", to: mentors), [start], table, "started_on")
            }
            return found
        case "events": return try dated(index(table).rows[t.base] ?? [], t.dates, table, "starts_on")
        case "surveys" where Self.respondent(ending: t.base) != nil:
            // A survey is named by who answered too (`RowNames.load`): «…, 20.05.2026, наставник».
            let (rest, who) = Self.respondent(ending: t.base)!
            let found = try TypedName.readings(of: rest).flatMap { try rows(of: table, $0) }
            let s = try database.cachedStatement("SELECT respondent FROM surveys WHERE id = ?")
            return try found.filter { id in
                try s.bind(id, at: 1)
                defer { s.reset() }
                return try s.step() && s.string(at: 0) == who
            }
        case "meetings", "surveys":
            // Named by the pair and the day (`RowNames.load`): the last date is the day; one not dated,
            // by the pair alone (whose own label may end in a date: its start).
            let day = table == "meetings" ? "held_on" : "answered_on"
            var found = try undated(referring(table, "pair_id", to: rows(of: "pairs", t)), table, day)
            if let date = t.dates.last {
                let pairs = try rows(of: "pairs", TypedName(base: t.base, dates: Array(t.dates.dropLast())))
                found += try dated(referring(table, "pair_id", to: pairs), [date], table, day)
            }
            return found
        default:
            guard Self.namingColumns(table) != nil, t.dates.isEmpty else { return [] }
            return try index(table).rows[t.base] ?? []
        }
    }

    /// A survey's name read as what comes before «, наставник» (or another respondent's word) and that respondent.
    private static func respondent(ending base: String) -> (rest: String, value: String)? {
        guard let comma = base.range(of: ", ", options: .backwards) else { return nil }
        let word = String(base[comma.upperBound...])
        guard let value = EnumerationAliases.value(word, column: "respondent", table: "surveys", values: ["mentor", "mentee"]) else { return nil }
        return (String(base[..<comma.lowerBound]), value)
    }

    /// The table whose columns name `table`'s rows, and those columns (nil: rows people do not name).
    private static func namingColumns(_ table: String) -> (String, [String])? {
        switch table {
        case "persons", "mentors", "mentees", "pairs": return ("persons", ["full_name"])
        case "organizations": return (table, ["short_name", "name"])
        case "indicators": return (table, ["code", "title"])
        case "events": return (table, ["title", "code"])
        case "plans", "practices": return (table, ["title"])
        default: return nil
        }
    }

    private func index(_ table: String) throws -> (rows: [String: [String]], order: [String]) {
        if let known = byName[table] { return known }
        guard let (_, columns) = Self.namingColumns(table) else { return ([:], []) }
        var rows: [String: [String]] = [:], order: [String] = []
        try database.forEachRow("SELECT id, \(columns.map(SQL.identifier).joined(separator: ", ")) FROM \(SQL.identifier(table)) ORDER BY rowid") { s in
            guard let id = s.string(at: 0) else { return }
            for c in 1...columns.count {
                guard let text = s.string(at: c) else { continue }
                let name = RowNames.normalize(text)
                guard !name.isEmpty else { continue }
                if rows[name] == nil { order.append(name) }
                if rows[name, default: []].last != id { rows[name, default: []].append(id) }
            }
        }
        byName[table] = (rows, order)
        return (rows, order)
    }

    /// The rows of `table` whose `column` names one of `targets`, in the order of `targets`.
    private func referring(_ table: String, _ column: String, to targets: [String]) throws -> [String] {
        guard !targets.isEmpty else { return [] }
        let key = "\(table).\(column)"
        if byReference[key] == nil {
            var map: [String: [String]] = [:]
            try database.forEachRow("SELECT id, \(SQL.identifier(column)) FROM \(SQL.identifier(table)) ORDER BY rowid") { s in
                if let id = s.string(at: 0), let target = s.string(at: 1) { map[target, default: []].append(id) }
            }
            byReference[key] = map
        }
        return targets.flatMap { byReference[key]?[$0] ?? [] }
    }

    /// The rows among `ids` with no date in `column`.
    private func undated(_ ids: [String], _ table: String, _ column: String) throws -> [String] {
        let s = try database.cachedStatement("SELECT coalesce(trim(\(SQL.identifier(column))), '') = '' FROM \(SQL.identifier(table)) WHERE id = ?")
        return try ids.filter { id in
            try s.bind([.text(id)])
            defer { s.reset() }
            return try s.step() && s.int64(at: 0) == 1
        }
    }

    /// The rows among `ids` whose `column` holds the one date typed (all of them when none was).
    private func dated(_ ids: [String], _ dates: [String], _ table: String, _ column: String) throws -> [String] {
        guard let date = dates.first else { return ids }
        guard dates.count == 1, !ids.isEmpty else { return [] }
        let s = try database.cachedStatement("SELECT \(SQL.identifier(column)) FROM \(SQL.identifier(table)) WHERE id = ?")
        return try ids.filter { id in
            try s.bind(id, at: 1)
            defer { s.reset() }
            return try s.step() && s.string(at: 0)?.trimmingCharacters(in: .whitespacesAndNewlines) == date
        }
    }
}
