import Foundation
import MentorSyncEngine

/// Section 3: merging bundles into the district against `sqlite3changeset_apply` of the same rows.
///  - new rows: a school's bundle of N inserts into a fresh district, vs the changeset of the same
///    inserts applied to an equal empty database (the registry tables, no sync machinery);
///  - updates: a bundle of N one-column updates into a district that holds the rows, vs the
///    session changeset of the same updates applied with a REPLACE conflict handler to a database
///    holding the same rows; and, as a second reference, the rows' new state as a changeset of
///    inserts that conflicts on every row, each settled by the REPLACE handler.
enum MergeSection {
    struct Inputs {
        var newRows: URL        // bundle of N inserts from s001
        var updates: URL        // bundle of N one-column updates from s001
        var districtBase: String  // a closed district file holding the N rows
        var plainBase: String     // a closed plain registry holding the N rows
        var inserts: [UInt8]      // changeset of the inserts
        var delta: [UInt8]        // changeset of the updates (UPDATE records)
        var state: [UInt8]        // the updated rows as INSERT records
    }

    static func prepare(_ o: BenchOptions, _ scratch: Scratch) throws -> Inputs {
        Progress.note("merge: preparing bundles and changesets of \(Report.grouped(o.rows)) rows")
        let gen = PersonRows()
        let school = Sites.school(1)
        let key = Sites.key(for: school)
        let rows = gen.rows(0..<o.rows, org: school.rawValue)
        let newValues = (0..<o.rows).map { gen.updatedValue($0) }
        let mail = try scratch.folder("merge-mail")

        // The school: N inserts, exported; the district merges them and replies (so the school
        // knows what the district holds); then one column of every row is updated and exported.
        let schoolPath = scratch.path("merge-school.db")
        let schoolReplica = try Sites.createSchool(at: schoolPath, school)
        try Load.insert(rows, into: try RawDatabase(path: schoolPath))
        let newRows = try schoolReplica.exportBundle(to: mail, recipient: Sites.district, key: key).url
        let districtBase = scratch.path("merge-district-base.db")
        do {
            let district = try Sites.createDistrict(at: districtBase)
            let r = try district.importBundle(at: newRows, keyFor: Sites.keyFor, policy: MergePolicies.schoolsWriteOwnRows)
            guard r.rowsInserted == o.rows, r.refusals.isEmpty else {
                throw BenchError.unexpected("the district inserted \(r.rowsInserted) of \(o.rows) rows (\(r.refusals.first?.reason ?? "no refusals"))")
            }
            let reply = try district.exportBundle(to: mail, recipient: school, key: key).url
            _ = try schoolReplica.importBundle(at: reply, keyFor: Sites.keyFor)
            try district.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        }
        try Load.update(rows, values: newValues, in: try RawDatabase(path: schoolPath))
        let updates = try schoolReplica.exportBundle(to: mail, recipient: Sites.district, key: key)
        guard updates.header.rowCount == o.rows else {
            throw BenchError.unexpected("the update bundle holds \(updates.header.rowCount) rows, expected \(o.rows)")
        }

        // The same changes as SQLite changesets.
        let insertsPath = scratch.path("merge-cs-inserts.db")
        let plainBase = scratch.path("merge-plain-base.db")
        let statePath = scratch.path("merge-cs-state.db")
        defer { scratch.removeDatabase(insertsPath); scratch.removeDatabase(statePath) }
        let inserts: [UInt8]
        do {
            let db = try RawDatabase(path: insertsPath)
            try db.execute(PersonRows.createSQL())
            let session = try SessionRecorder(db, table: PersonRows.table.name)
            try Load.insert(rows, into: db)
            inserts = try session.changeset()
        }
        let delta: [UInt8]
        do {
            let db = try RawDatabase(path: plainBase)
            try Sites.createPlainRegistry(db)
            try Changeset.apply(inserts, to: db)
            try db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            let copy = scratch.path("merge-cs-delta.db")
            defer { scratch.removeDatabase(copy) }
            try scratch.copyDatabase(plainBase, to: copy)
            let d = try RawDatabase(path: copy)
            let session = try SessionRecorder(d, table: PersonRows.table.name)
            try Load.update(rows, values: newValues, in: d)
            delta = try session.changeset()
        }
        let state: [UInt8]
        do {
            let db = try RawDatabase(path: statePath)
            try db.execute(PersonRows.createSQL())
            let session = try SessionRecorder(db, table: PersonRows.table.name)
            var updated = rows
            for i in updated.indices { updated[i].values[PersonRows.updatedIndex] = newValues[i] }
            try Load.insert(updated, into: db)
            state = try session.changeset()
        }
        return Inputs(newRows: newRows, updates: updates.url, districtBase: districtBase, plainBase: plainBase,
                      inserts: inserts, delta: delta, state: state)
    }

    static func run(_ o: BenchOptions, _ scratch: Scratch) throws -> Section {
        let input = try prepare(o, scratch)
        var conflictsSeen: [String: Int] = [:]

        let trials = try Alternation(rounds: o.rounds, label: "merge").run(sides: ["merge", "apply", "apply-state"]) { side, round, record in
            let path = scratch.path("merge-\(side)-\(round).db")
            defer { scratch.removeDatabase(path) }
            switch side {
            case "merge":
                do {
                    let district = try Sites.createDistrict(at: path)
                    var r: MergeReport?
                    record("new", try ThreadName.during("merge-new") { try Stopwatch.time {
                        r = try district.importBundle(at: input.newRows, keyFor: Sites.keyFor, policy: MergePolicies.schoolsWriteOwnRows)
                    } })
                    guard r?.rowsInserted == o.rows else { throw BenchError.unexpected("merge inserted \(r?.rowsInserted ?? 0) rows") }
                }
                scratch.removeDatabase(path)
                try scratch.copyDatabase(input.districtBase, to: path)
                let district = try Replica(path: path, schema: Sites.schema)
                var r: MergeReport?
                record("update", try ThreadName.during("merge-update") { try Stopwatch.time {
                    r = try district.importBundle(at: input.updates, keyFor: Sites.keyFor, policy: MergePolicies.schoolsWriteOwnRows)
                } })
                guard r?.rowsChanged == o.rows else { throw BenchError.unexpected("merge changed \(r?.rowsChanged ?? 0) rows") }
            case "apply":
                do {
                    let db = try RawDatabase(path: path)
                    try Sites.createPlainRegistry(db)
                    record("new", try Stopwatch.time { conflictsSeen["new", default: 0] += try Changeset.apply(input.inserts, to: db) })
                }
                scratch.removeDatabase(path)
                try scratch.copyDatabase(input.plainBase, to: path)
                let db = try RawDatabase(path: path)
                record("update", try Stopwatch.time { conflictsSeen["delta", default: 0] += try Changeset.apply(input.delta, to: db) })
            default:
                try scratch.copyDatabase(input.plainBase, to: path)
                let db = try RawDatabase(path: path)
                record("update", try Stopwatch.time { conflictsSeen["state", default: 0] += try Changeset.apply(input.state, to: db) })
            }
        }
        guard conflictsSeen["new", default: 0] == 0, conflictsSeen["delta", default: 0] == 0,
              conflictsSeen["state", default: 0] == o.rows * o.rounds else {
            throw BenchError.unexpected("changeset conflicts \(conflictsSeen), expected none for inserts and deltas and one per row for the state")
        }

        let n = o.rows
        var s = Section(number: 3, title: "merge",
                        method: "\(Report.grouped(n)) rows from one school bundle (verify, decode, merge, commit) vs sqlite3changeset_apply of the same rows; ratio = merge rate ÷ apply rate")
        s.figures.append(Figure(
            section: 3, key: "merge.new", name: "merge new rows",
            value: Quantity(trials.rate("merge", "new", rows: n), .rowsPerSecond),
            referenceName: "changeset apply", reference: Quantity(trials.rate("apply", "new", rows: n), .rowsPerSecond),
            ratio: Quantity(trials.timeRatio(("apply", "new"), over: ("merge", "new")), .times),
            target: .atLeast(1.0), note: nil))
        s.figures.append(Figure(
            section: 3, key: "merge.new.seconds", name: "merge new rows, time",
            value: Quantity(trials.time("merge", "new").map { $0 * 100_000 / Double(n) }, .seconds),
            referenceName: "per 100,000 rows", reference: nil, ratio: nil,
            target: .atMost(2.0, .seconds), note: nil))
        s.figures.append(Figure(
            section: 3, key: "merge.update", name: "merge updates",
            value: Quantity(trials.rate("merge", "update", rows: n), .rowsPerSecond),
            referenceName: "REPLACE apply of the state", reference: Quantity(trials.rate("apply-state", "update", rows: n), .rowsPerSecond),
            ratio: Quantity(trials.timeRatio(("apply-state", "update"), over: ("merge", "update")), .times),
            target: .atLeast(3.0),
            note: "the updated rows as a changeset of inserts: every row conflicts and the handler answers REPLACE"))
        s.figures.append(Figure(
            section: 3, key: "merge.update.delta", name: "merge updates",
            value: Quantity(trials.rate("merge", "update", rows: n), .rowsPerSecond),
            referenceName: "REPLACE apply of the delta", reference: Quantity(trials.rate("apply", "update", rows: n), .rowsPerSecond),
            ratio: Quantity(trials.timeRatio(("apply", "update"), over: ("merge", "update")), .times),
            target: nil,
            note: "the session changeset of the same UPDATE statements (no conflict arises, the handler is never called); for information: issue 14's target is against the state"))
        return s
    }
}
