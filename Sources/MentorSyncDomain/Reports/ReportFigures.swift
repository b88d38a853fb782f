import Foundation
import MentorSyncEngine

/// The figures of the last reports a web app made, kept while its registry is as it was: a district
/// of 60 schools and 338,000 rows takes a second and more to count (every school's figures at once),
/// and the methodologist looks at the municipality, then school after school, then the workbook —
/// each the same figures, told apart only when assembled (`IndicatorReport.assemble`).
/// The registry is as it was when no other connection committed since (SQLite's `data_version`) and
/// this one changed no row (`totalChanges`). Figures are kept by school year and the day plans are
/// judged on, for as many years as the report page offers.
public final class ReportFigures: @unchecked Sendable {
    struct Registry: Equatable { var database: ObjectIdentifier, dataVersion: Int64, changes: Int64 }
    struct Period: Equatable { var period: SchoolYear, dueBy: String }
    static let periodsKept = 5
    private let lock = NSLock()
    private var registry: Registry?
    /// The latest last.
    private var kept: [(period: Period, result: ReportQueries.Result)] = []
    /// The incomplete rows' names, by table and id, read in the registry as it is.
    private var labels: [String: String?] = [:]

    public init() {}

    /// The figures kept when the registry, the period and the day are the same; else counted by `compute` and kept.
    func result(of db: Database, period: SchoolYear, dueBy: String, _ compute: () throws -> ReportQueries.Result) throws -> ReportQueries.Result {
        lock.lock()
        defer { lock.unlock() }
        // Read before counting: a commit in between makes the next report count again, never keeps older figures.
        let now = Registry(database: ObjectIdentifier(db), dataVersion: try db.scalar("PRAGMA data_version")?.integer ?? 0, changes: db.totalChanges)
        if now != registry {
            registry = now
            kept = []
            labels = [:]
        }
        let asked = Period(period: period, dueBy: dueBy)
        if let i = kept.firstIndex(where: { $0.period == asked }) {
            let found = kept.remove(at: i)
            kept.append(found)
            return found.result
        }
        let result = try compute()
        kept.append((asked, result))
        if kept.count > Self.periodsKept { kept.removeFirst() }
        return result
    }

    /// The name of an incomplete row, read by `name` the first time in the registry as it is.
    func label(of id: String, in table: String, _ name: () -> String?) -> String? {
        lock.lock()
        defer { lock.unlock() }
        let key = table + "\u{0}" + id
        if let known = labels[key] { return known }
        let label = name()
        labels[key] = .some(label)
        return label
    }
}
