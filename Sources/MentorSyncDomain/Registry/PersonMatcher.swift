import MentorSyncEngine

/// Finds the person a line of a list without ids means, by `full_name` and `birth_date`
/// (DESIGN.md: re-importing a list matches persons and updates them instead of adding
/// duplicates). Names compare as people read them: case, `ё`/`е` and extra spaces do not count.
/// Only rows this registry may write are candidates (a school's own people).
struct PersonMatcher {
    /// `namesake`: no one of that name and birth date, but someone of that name born on the dates
    /// given (stored form) — a slip in the date, or a line without one, far more often than a second
    /// person of the same name in one school.
    /// `byNameAlone`: the one person of that name, found for a line with no birth date — her
    /// stored date is kept, not cleared.
    enum Found: Equatable { case none, one(String), several([String]), namesake(dates: [String]), byNameAlone(String) }

    /// `listed`: added by this import (a line above), not found in the registry.
    private struct Person { var id: String; var org: String; var birth: String?; var listed = false; var shownName = "" }
    private var byName: [String: [Person]] = [:]
    /// The registry's persons by birth date, with their names as compared (`nearNamesake`).
    private var byBirth: [String: [(name: String, person: Person)]] = [:]

    init(database: Database, mayWrite: (String) -> Bool) throws {
        try database.forEachRow("SELECT id, org_id, full_name, birth_date FROM persons") { s in
            let org = s.string(at: 1) ?? ""
            guard mayWrite(org) else { return }
            let birth = s.string(at: 3)?.trimmingCharacters(in: .whitespaces)
            add(Person(id: s.string(at: 0) ?? "", org: org, birth: birth?.isEmpty == false ? birth : nil, shownName: s.string(at: 2) ?? ""), name: s.string(at: 2) ?? "")
        }
    }

    private mutating func add(_ p: Person, name: String) {
        byName[RowNames.normalize(name), default: []].append(p)
        // Only the registry's persons: two lines of one list a letter apart and born one day are
        // as often twins as a typo (a list of a class), and the form adds a refused one anyway.
        if !p.listed, let birth = p.birth { byBirth[birth, default: []].append((RowNames.normalize(name), p)) }
    }

    /// A row this import just added, so a line repeated later in the file finds it.
    mutating func add(id: String, fullName: String, birthDate: DatabaseValue?) {
        add(Person(id: id, org: "", birth: birthDate?.text, listed: true, shownName: fullName), name: fullName)
    }

    /// A person of the registry born on `birthDate` whose name is a letter or two off the line's
    /// («Петрова Марья Ивановна» for «Петрова Мария Ивановна»): a typo far more often than another
    /// person born the same day. Her name as stored is returned, or nil.
    func nearNamesake(fullName: String, birthDate: String?) -> (id: String, name: String)? {
        guard let birthDate, !birthDate.isEmpty else { return nil }
        let own = RowNames.normalize(fullName)
        for (name, p) in byBirth[birthDate] ?? [] where Self.isNearName(own, name) { return (p.id, p.shownName) }
        return nil
    }

    /// Whether two names (`RowNames.normalize`d) are a letter or two apart, and not the same: one
    /// of them a typo of the other, when both are born the same day. Short names are not compared
    /// («Ли Ан» and «Ли Ян» are two people). The one measure of a list's lines and of a person added by hand.
    static func isNearName(_ typed: String, _ registered: String) -> Bool {
        if isShortened(typed, of: registered) || isShortened(registered, of: typed) { return true }
        let a = Array(typed)
        guard a.count >= 12, typed != registered else { return false }
        return NameLookup.editDistance(a, Array(registered), limit: 2) != nil
    }

    /// The person a line names. `birthDate` is nil when the file has no birth date column: then the
    /// name alone decides. `org`, when the file gives one, limits the candidates to that site's rows.
    func match(fullName: String, birthDate: DatabaseValue?, org: String) -> Found {
        var candidates = byName[RowNames.normalize(fullName)] ?? []
        if !org.isEmpty { candidates = candidates.filter { $0.org == org || $0.org.isEmpty } }
        if let birthDate {
            let sameDay = candidates.filter { $0.birth == birthDate.text }
            if sameDay.isEmpty {
                // Two lines of one list with one name and two birth dates are two people (namesakes):
                // a slip in a date is told against the registry, not against the list's own lines.
                if birthDate.text != nil { candidates = candidates.filter { !($0.listed && $0.birth != nil) } }
                let dated = candidates.filter { $0.birth != nil }
                let undated = candidates.filter { $0.birth == nil }
                // A line giving the date of a person entered without one fills it in.
                if birthDate.text != nil && undated.count == 1 && dated.isEmpty { return .one(undated[0].id) }
                // A line without the date naming the one person of that name: her.
                if birthDate.text == nil && dated.count == 1 && undated.isEmpty { return .byNameAlone(dated[0].id) }
                if !dated.isEmpty && undated.isEmpty { return .namesake(dates: dated.compactMap(\.birth).sorted()) }
            }
            candidates = sameDay
        }
        switch candidates.count {
        case 0: return .none
        case 1: return .one(candidates[0].id)
        default: return .several(candidates.map(\.id))
        }
    }

    /// Whether `short` is `full` written shorter, as school documents and pupils' lists write names:
    /// with initials («иванова м.п.», «иванова м. п.», «м.п. иванова», «иванова м п») or without the
    /// patronymic («иванова мария», «иванова м.») for «иванова мария петровна» (names as
    /// `RowNames.normalize` leaves them): her surname, then her other names in order, each whole or
    /// its first letter, the last ones left out.
    static func isShortened(_ short: String, of full: String) -> Bool {
        let words = full.split(separator: " ")
        guard words.count >= 2, short != full else { return false }
        let surname = String(words[0]), others = words.dropFirst()
        // Initials after the surname or before it; the dots between them optional.
        let rest: Substring
        if short.hasPrefix(surname + " ") { rest = short.dropFirst(surname.count + 1) } else if short.hasSuffix(" " + surname) {
            rest = short.dropLast(surname.count + 1)
        } else { return false }
        let given = rest.split(whereSeparator: { $0 == " " || $0 == "." })
        return (1...others.count).contains(given.count)
            && zip(given, others).allSatisfy { g, w in g == w || (g.count == 1 && g.first == w.first) }
    }
}
