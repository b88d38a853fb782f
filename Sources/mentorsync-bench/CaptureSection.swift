import Foundation
import MentorSyncEngine

/// Section 1: what capture costs a writer. The same rows are inserted, then one column of each is
/// updated, then each is deleted — into the synced `persons` table (capture triggers on), into a
/// plain copy of the table, and into a plain table with a SQLite session object attached.
/// Every side writes through the same bare SQLite statements, in a fresh database file per round.
enum CaptureSection {
    static let phases = ["insert", "update", "delete"]

    static func run(_ o: BenchOptions, _ scratch: Scratch) throws -> Section {
        let gen = PersonRows()
        let rows = gen.rows(0..<o.rows, org: Sites.school(1).rawValue)
        let updates = (0..<o.rows).map { gen.updatedValue($0) }
        var loggedPerRound: [Int64] = []

        let trials = try Alternation(rounds: o.rounds, label: "capture").run(sides: ["plain", "capture", "session"]) { side, round, record in
            let path = scratch.path("capture-\(side)-\(round).db")
            defer { scratch.removeDatabase(path) }
            var table = PersonRows.table.name
            switch side {
            case "capture":
                _ = try Sites.createSchool(at: path, Sites.school(1))  // creates tables and triggers, then closes
            case "plain":
                table = "persons_plain"
                let db = try RawDatabase(path: path)
                try db.execute(PersonRows.createSQL(named: table))
            default:
                let db = try RawDatabase(path: path)
                try db.execute(PersonRows.createSQL())
            }
            let db = try RawDatabase(path: path)
            let session = side == "session" ? try SessionRecorder(db, table: table) : nil
            // The session must stay attached for the whole run (ARC could end it after its last use).
            try withExtendedLifetime(session) {
                record("insert", try Stopwatch.time { try Load.insert(rows, into: db, table: table) })
                record("update", try Stopwatch.time { try Load.update(rows, values: updates, in: db, table: table) })
                record("delete", try Stopwatch.time { try Load.delete(rows, in: db, table: table) })
            }
            if side == "capture" {
                loggedPerRound.append(try db.scalarInt("SELECT count(*) FROM msync_log"))
            }
        }
        // Capture must have logged every write, or the comparison is void.
        guard loggedPerRound.allSatisfy({ $0 == Int64(3 * o.rows) }) else {
            throw BenchError.unexpected("capture logged \(loggedPerRound) writes, expected \(3 * o.rows) per round")
        }

        var s = Section(number: 1, title: "capture",
                        method: "\(Report.grouped(o.rows)) rows in one transaction per phase; updates (one column) and deletes are single-row statements by id through a prepared statement, as applications write; ratio = time ÷ plain time")
        let targets: [String: Target] = ["insert": .atMost(1.5), "update": .atMost(2.0)]
        for phase in phases {
            s.figures.append(Figure(
                section: 1, key: "capture.\(phase)", name: "\(phase), capture on",
                value: Quantity(trials.rate("capture", phase, rows: o.rows), .rowsPerSecond),
                referenceName: "plain", reference: Quantity(trials.rate("plain", phase, rows: o.rows), .rowsPerSecond),
                ratio: Quantity(trials.timeRatio(("capture", phase), over: ("plain", phase)), .times),
                target: targets[phase],
                note: nil))
            s.figures.append(Figure(
                section: 1, key: "capture.\(phase).session", name: "\(phase), session attached",
                value: Quantity(trials.rate("session", phase, rows: o.rows), .rowsPerSecond),
                referenceName: "plain", reference: Quantity(trials.rate("plain", phase, rows: o.rows), .rowsPerSecond),
                ratio: Quantity(trials.timeRatio(("session", phase), over: ("plain", phase)), .times),
                target: nil, note: nil))
        }
        return s
    }
}
