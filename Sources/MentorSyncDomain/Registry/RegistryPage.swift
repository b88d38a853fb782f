import Foundation
import MentorSyncEngine

/// One page of a table as people browse it: the rows matching a search, counted and paged in
/// SQL (`LIMIT`/`OFFSET`), and only the columns that hold a value in some matching row — a
/// column empty everywhere tells nothing, as in `list`.
public struct RegistryPage {
    /// `id`, `org_id` (the owner), then the table's columns that hold a value in some matching row.
    public var columns: [String]
    /// The page's rows, one value per column of `columns`.
    public var rows: [[DatabaseValue]]
    /// Rows matching the search in the whole table.
    public var total: Int

    /// The date a dated table's rows are browsed by (the day they happened, the undated last): a
    /// pair's meetings listed as entered read out of the roadmap's order.
    static let browsedByDate = ["meetings": "held_on", "surveys": "answered_on", "events": "starts_on", "plans": "starts_on"]

    /// Reads rows `offset ..< offset + limit` of `table` — by their date (`browsedByDate`), else in the order they were written — that match
    /// `search`: a word found in a text, a date (as written or as ДД.ММ.ГГГГ), the name of a row a
    /// reference points at, or an enumeration value in either language.
    /// `names` may be a resolver kept between pages (its names are read once).
    /// `only`: rows whose column holds that value alone (the base of network mentors: `network` = 1).
    public init(database db: Database, table t: TableSchema, search: String, offset: Int, limit: Int, names: ReferenceResolver? = nil,
                only: (column: String, value: DatabaseValue)? = nil) throws {
        var (whereSQL, args) = try Self.matching(search.trimmingCharacters(in: .whitespaces), t, names ?? ReferenceResolver(database: db))
        if let only, t.column(named: only.column) != nil {
            whereSQL += (whereSQL.isEmpty ? " WHERE " : " AND ") + "\(SQL.identifier(only.column)) = ?"
            args.append(only.value)
        }
        let from = " FROM \(SQL.identifier(t.name))\(whereSQL)"
        // The rows matching and the columns they fill, in one pass over the table (a search reads every row).
        let counts = try db.rows("SELECT " + (["count(*)"] + t.columns.map { "count(NULLIF(\(SQL.identifier($0.name)), ''))" })
            .joined(separator: ", ") + from, args).first ?? []
        total = Int(counts.first?.integer ?? 0)
        columns = ["id", "org_id"] + zip(t.columns, counts.dropFirst()).filter { ($0.1.integer ?? 0) > 0 }.map(\.0.name)
        let order = Self.browsedByDate[t.name].map { c in "coalesce(\(SQL.identifier(c)), '') = '', \(SQL.identifier(c)), " } ?? ""
        rows = try db.rows("SELECT \(columns.map(SQL.identifier).joined(separator: ", "))\(from) ORDER BY \(order)rowid LIMIT ? OFFSET ?",
                           args + [.integer(Int64(max(1, limit))), .integer(Int64(max(0, offset)))])
    }

    /// The WHERE clause of a search: every word must be found in some column.
    static func matching(_ search: String, _ t: TableSchema, _ resolver: ReferenceResolver) throws -> (String, [DatabaseValue]) {
        let words = search.split(whereSeparator: \.isWhitespace).map(String.init)
        guard !words.isEmpty else { return ("", []) }
        var clauses: [String] = []
        var args: [DatabaseValue] = []
        for word in words {
            var any: [String] = []
            let key = word.lowercased()
            for c in t.columns {
                let column = SQL.identifier(c.name)
                switch c.kind {
                case .reference(let target):
                    let ids = try resolver.choices(in: target).filter { $0.label.lowercased().contains(key) }.map(\.id)
                    // A word in nearly every name narrows nothing (SQLite binds at most 32766 values):
                    // every row passes it, and the other words do the narrowing.
                    if ids.count > Self.maxBoundNames {
                        any.append("1")
                    } else if !ids.isEmpty {
                        any.append("\(column) IN (\(ids.map { _ in "?" }.joined(separator: ",")))"); args += ids.map { DatabaseValue.text($0) }
                    }
                    // A mentor or a mentee is also found by what its person teaches or does («физика», «завуч»):
                    // the district's base of mentors is searched by subject.
                    if target == "persons" {
                        for form in Self.forms(word) {
                            any.append("\(column) IN (SELECT id FROM persons WHERE subject LIKE ?1 ESCAPE '\\' OR position LIKE ?1 ESCAPE '\\')"
                                .replacingOccurrences(of: "?1", with: "?\(args.count + 1)"))
                            args.append(.text("%\(Self.escapeLike(form))%"))
                        }
                    }
                case .integer(let range) where range == 0...1:
                    // A yes/no column by its title (its first five letters): «сетевые» finds the mentors offered to network mentoring.
                    let titles = [Language.ru, Language.en].map { Message.columnTitle(c.name, table: t.name).text($0).lowercased() }
                    if key.count >= 5, titles.contains(where: { $0.count >= 5 && $0.prefix(5) == key.prefix(5) }) { any.append("\(column) = 1") }
                case .enumeration(let allowed):
                    let values = allowed.filter { v in
                        let said: [String] = [v] + [Language.ru, Language.en].map { Message.webValue(v, column: c.name, table: t.name).text($0) }
                        return said.contains { $0.lowercased().contains(key) }
                    }
                    if !values.isEmpty { any.append("\(column) IN (\(values.map { _ in "?" }.joined(separator: ",")))"); args += values.map { DatabaseValue.text($0) } }
                case .date:
                    any.append("\(column) LIKE ? ESCAPE '\\'")
                    args.append(.text("%\(Self.escapeLike(ValueParser.normalizeDate(word) ?? word))%"))
                default:
                    for form in Self.forms(word) {
                        any.append("\(column) LIKE ? ESCAPE '\\'")
                        args.append(.text("%\(Self.escapeLike(form))%"))
                    }
                }
            }
            // A pair is found by its mentees' names too, and a meeting, plan or survey by its pair's
            // (she knows a pair by her young teacher).
            let pairColumns = (t.name == "pairs" ? ["id"] : []) + t.columns.compactMap { c -> String? in
                if case .reference("pairs") = c.kind, t.name != "pair_mentees" { return SQL.identifier(c.name) }
                return nil
            }
            if !pairColumns.isEmpty {
                let mentees = try resolver.choices(in: "mentees").filter { $0.label.lowercased().contains(key) }.map(\.id)
                if !mentees.isEmpty, mentees.count <= Self.maxBoundNames / 2 {
                    for column in pairColumns {
                        any.append("\(column) IN (SELECT pair_id FROM pair_mentees WHERE mentee_id IN (\(mentees.map { _ in "?" }.joined(separator: ","))))")
                        args += mentees.map { DatabaseValue.text($0) }
                    }
                }
            }
            if word.count >= 8, word.allSatisfy({ $0.isHexDigit || $0 == "-" }) {
                any.append("id LIKE ? ESCAPE '\\'")
                args.append(.text("\(Self.escapeLike(key))%"))
            }
            clauses.append(any.isEmpty ? "0" : "(" + any.joined(separator: " OR ") + ")")
        }
        return (" WHERE " + clauses.joined(separator: " AND "), args)
    }

    /// SQLite's LIKE folds ASCII letters only: a Russian word is also tried as people capitalize it.
    static func forms(_ word: String) -> [String] {
        let key = word.lowercased()
        return Array(Set([word, key, key.prefix(1).uppercased() + key.dropFirst(), word.uppercased()])).sorted()
    }

    static let maxBoundNames = 20_000

    static func escapeLike(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}
