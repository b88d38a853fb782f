import MentorSyncEngine

/// The name people know a row of one table by (`NameLookup` finds rows by what people type).
/// A person: `full_name`, with its birth date when two share that name
/// ("Иванова Мария Петровна (12.03.1990)"); a mentor or mentee: its person's name; a pair: its
/// mentor's name, with `started_on` when that mentor has several pairs ("Петров И. И. — 01.09.2024");
/// an indicator: its code or title; a meeting or survey: its pair and day ("Петров И. И., 01.10.2024");
/// other tables: their name, code or title.
public struct RowName: Sendable, Equatable {
    public let id: String
    /// The shortest label that tells this row from the others of its table.
    public let label: String
}

/// The names of every row of one table, loaded once.
struct RowNames {
    let table: String
    let rows: [RowName]
    private let byID: [String: Int]

    init(table: String, rows: [RowName]) {
        self.table = table
        self.rows = rows
        var byID: [String: Int] = [:]
        for (i, r) in rows.enumerated() { byID[r.id] = i }
        self.byID = byID
    }

    func name(of id: String) -> RowName? { byID[id].map { rows[$0] } }

    /// Lower case, `ё` as `е`, runs of spaces as one, no spaces at the ends, one kind of dash:
    /// how a name is compared, so "иванова  мария" finds "Иванова Мария".
    /// One pass over the Unicode scalars (a name is compared this way a dozen times as a table's
    /// names are read: Foundation's search-and-replace made reading 500,000 names take a minute and a half).
    static func normalize(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var space = false
        var last: Unicode.Scalar = " "
        for u in s.lowercased().unicodeScalars {
            if isWhitespace(u) { space = !out.isEmpty; continue }
            if space { out.append(" "); space = false; last = " " }
            switch u.value {
            case 0x0451: out.append("е"); last = "е"                      // ё
            case 0x0308 where last == "е": continue                        // е with a combining diaeresis: ё
            case 0x2013, 0x2014: out.append("-"); last = "-"               // en and em dash
            default: out.append(u); last = u
            }
        }
        return String(out)
    }

    /// Unicode's White_Space (what `Character.isWhitespace` tells), without a table lookup per letter.
    private static func isWhitespace(_ u: Unicode.Scalar) -> Bool {
        switch u.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
        default: return false
        }
    }

    /// A stored `YYYY-MM-DD` as people write it: `DD.MM.YYYY`.
    static func russianDate(_ iso: String) -> String {
        let p = iso.split(separator: "-")
        guard p.count == 3 else { return iso }
        return "\(p[2]).\(p[1]).\(p[0])"
    }

    /// Makes labels unique: a name shared by several rows gets its date, then its short id.
    static func disambiguate(_ items: [(id: String, base: String, date: String?)],
                             dateLabel: (String, String) -> String) -> [RowName] {
        // Each name normalized once (a district's tables name tens of thousands of rows).
        let keys = items.map { normalize($0.base) }
        var counts: [String: Int] = [:]
        for k in keys { counts[k, default: 0] += 1 }
        let dated = zip(items, keys).map { i, key -> String in
            guard counts[key]! > 1 else { return i.base }
            // A namesake without a date gets its short id, not the bare name: the bare name fits both.
            guard let d = i.date, !d.isEmpty else { return "\(i.base) [\(ReferenceResolver.shortID(i.id))]" }
            return dateLabel(i.base, d)
        }
        // A label left as it was has the key it had.
        let datedKeys = zip(zip(items, keys), dated).map { pair, l in l == pair.0.base ? pair.1 : normalize(l) }
        var withDate: [String: Int] = [:]
        for k in datedKeys { withDate[k, default: 0] += 1 }
        return zip(zip(items, dated), datedKeys).map { pair, key in
            let (i, l) = pair
            let label = withDate[key]! > 1 ? "\(l) [\(ReferenceResolver.shortID(i.id))]" : l
            return RowName(id: i.id, label: label)
        }
    }
}
