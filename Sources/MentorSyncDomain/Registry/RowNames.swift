import Foundation
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
        var n = Normalized(capacity: s.utf8.count)
        // In small letters as `lowercased()` makes them (each scalar's lowercase mapping), the
        // Latin and Russian letters without a trip through Unicode's tables.
        for u in s.unicodeScalars {
            switch u.value {
            case 0x41...0x5A, 0x410...0x42F: n.put(Unicode.Scalar(u.value + 0x20)!)
            case 0x400...0x40F: n.put(Unicode.Scalar(u.value + 0x50)!)
            case 0...0x7F, 0x430...0x45F: n.put(u)
            default: for l in u.properties.lowercaseMapping.unicodeScalars { n.put(l) }
            }
        }
        return String(decoding: n.bytes, as: UTF8.self)
    }

    /// `normalize`'s text as it is made, a scalar in small letters at a time.
    private struct Normalized {
        var bytes: [UInt8] = []
        var space = false
        var last: Unicode.Scalar = " "

        init(capacity: Int) { bytes.reserveCapacity(capacity) }

        mutating func put(_ u: Unicode.Scalar) {
            if RowNames.isWhitespace(u) { space = !bytes.isEmpty; return }
            if space { bytes.append(0x20); space = false; last = " " }
            let kept: Unicode.Scalar
            switch u.value {
            case 0x0451: kept = "е"                                        // ё
            case 0x0308 where last == "е": return                          // е with a combining diaeresis: ё
            case 0x2013, 0x2014: kept = "-"                                // en and em dash
            default: kept = u
            }
            last = kept
            if kept.isASCII { bytes.append(UInt8(kept.value)) } else { UTF8.encode(kept) { bytes.append($0) } }
        }
    }

    /// Unicode's White_Space (what `Character.isWhitespace` tells), without a table lookup per letter.
    fileprivate static func isWhitespace(_ u: Unicode.Scalar) -> Bool {
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
        // Each name normalized once (a district's tables name tens of thousands of rows), and
        // counted by their bytes (`ComposedKey`).
        let keys = items.map { ComposedKey(normalize($0.base)) }
        var counts: [ComposedKey: Int] = [:]
        counts.reserveCapacity(keys.count)
        for k in keys { counts[k, default: 0] += 1 }
        // A label left as it was has the key it had.
        let dated = zip(items, keys).map { i, key -> (label: String, key: ComposedKey) in
            guard counts[key]! > 1 else { return (i.base, key) }
            // A namesake without a date gets its short id, not the bare name: the bare name fits both.
            guard let d = i.date, !d.isEmpty else {
                let label = "\(i.base) [\(ReferenceResolver.shortID(i.id))]"
                return (label, ComposedKey(normalize(label)))
            }
            let label = dateLabel(i.base, d)
            return (label, ComposedKey(normalize(label)))
        }
        var withDate: [ComposedKey: Int] = [:]
        withDate.reserveCapacity(dated.count)
        for d in dated { withDate[d.key, default: 0] += 1 }
        return zip(items, dated).map { i, d in
            RowName(id: i.id, label: withDate[d.key]! > 1 ? "\(d.label) [\(ReferenceResolver.shortID(i.id))]" : d.label)
        }
    }
}
