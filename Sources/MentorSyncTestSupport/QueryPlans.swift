import Foundation
import MentorSyncEngine

/// How a piece of code asks the database its questions: the statements it ran and their query
/// plans. Speed kept by tests without timing anything: a page or a command whose number of
/// questions, or of whole-table reads, grows with the district's schools or rows is slow at scale.
public enum QueryPlans {
    /// The statements `db` ran during `body` that read the whole of `table` (SQLite's plan says
    /// `SCAN` it, by its name or its alias in the statement, with or without an index, or builds an
    /// automatic index on it): each is returned with its plan.
    public static func fullScans(of table: String, in db: Database, during body: () throws -> Void) throws -> [String] {
        let statements = try db.statementsRun(during: body)
        return try statements.compactMap { sql -> String? in
            let head = sql.drop { $0 == " " || $0 == "\n" }.prefix(6).uppercased()
            guard head.hasPrefix("SELECT") || head.hasPrefix("WITH") else { return nil }
            let names = [table] + aliases(of: table, in: sql)
            let plan = try db.rows("EXPLAIN QUERY PLAN " + sql).map { $0.last?.displayText ?? "" }
            let scans = plan.contains { line in
                names.contains { line == "SCAN \($0)" || line.hasPrefix("SCAN \($0) ") || line.hasPrefix("SEARCH \($0) USING AUTOMATIC") }
            }
            return scans ? sql + "\n" + plan.joined(separator: "\n") : nil
        }
    }

    /// The names `table` goes by in `sql` (`FROM pairs x`, `JOIN "pairs" AS x`).
    static func aliases(of table: String, in sql: String) -> [String] {
        let keywords: Set<String> = ["WHERE", "JOIN", "ON", "LEFT", "INNER", "CROSS", "GROUP", "ORDER", "LIMIT", "USING",
                                     "INDEXED", "NOT", "UNION", "SET", "VALUES", "AND", "OR", "AS"]
        let pattern = "(?:FROM|JOIN)\\s+\"?\(NSRegularExpression.escapedPattern(for: table))\"?\\s+(?:AS\\s+)?([A-Za-z_][A-Za-z0-9_]*)"
        guard let re = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { return [] }
        let range = NSRange(sql.startIndex..., in: sql)
        return re.matches(in: sql, range: range).compactMap { m in
            Range(m.range(at: 1), in: sql).map { String(sql[$0]) }
        }.filter { !keywords.contains($0.uppercased()) }
    }
}
