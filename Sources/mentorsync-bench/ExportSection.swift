import Foundation
import MentorSyncEngine

/// Section 2: exporting N captured inserts into a bundle file, and the bundle's size against a
/// zlib-compressed SQLite changeset and zlib-compressed JSON lines of the same rows.
enum ExportSection {
    static func run(_ o: BenchOptions, _ scratch: Scratch) throws -> Section {
        let gen = PersonRows()
        let school = Sites.school(1)
        let rows = gen.rows(0..<o.rows, org: school.rawValue)
        let out = try scratch.folder("export-out")
        var bundleBytes = 0
        var changeset: [UInt8] = []
        var changesetZ1 = 0

        let trials = try Alternation(rounds: o.rounds, label: "export").run(sides: ["bundle", "changeset"]) { side, round, record in
            let path = scratch.path("export-\(side)-\(round).db")
            defer { scratch.removeDatabase(path) }
            if side == "bundle" {
                _ = try Sites.createSchool(at: path, school)
                try Load.insert(rows, into: try RawDatabase(path: path))
                let replica = try Replica(path: path, schema: Sites.schema)
                let fold = try ThreadName.during("export-fold") { try Stopwatch.time { try replica.fold() } }
                var summary: ExportSummary?
                let write = try ThreadName.during("export-write") { try Stopwatch.time {
                    summary = try replica.exportBundle(to: out, recipient: Sites.district, key: Sites.key(for: school))
                } }
                guard let summary, summary.header.rowCount == o.rows else {
                    throw BenchError.unexpected("the export holds \(summary?.header.rowCount ?? 0) rows, expected \(o.rows)")
                }
                bundleBytes = summary.bytes
                try FileManager.default.removeItem(at: summary.url)
                record("fold", fold)
                record("write", write)
                record("total", fold + write)
            } else {
                let db = try RawDatabase(path: path)
                try db.execute(PersonRows.createSQL())
                let session = try SessionRecorder(db, table: PersonRows.table.name)
                try Load.insert(rows, into: db)
                var z: [UInt8] = []
                let t = try Stopwatch.time {
                    changeset = try session.changeset()
                    z = try Zlib.compress(changeset, level: 1)
                }
                changesetZ1 = z.count
                record("total", t)
            }
        }

        let changesetZ6 = try Zlib.compress(changeset).count
        let jsonLines = JSONLines.encode(rows)
        let jsonZ6 = try Zlib.compress(jsonLines).count
        let n = Double(o.rows)
        func perRow(_ bytes: Int) -> Quantity { Quantity(single: Double(bytes) / n, .bytesPerRow) }

        var s = Section(number: 2, title: "export",
                        method: "\(Report.grouped(o.rows)) captured inserts folded and written into one bundle file as the engine writes it (compressed, authenticated, flushed); sizes of the same rows")
        s.figures.append(Figure(
            section: 2, key: "export.rate", name: "export (fold + write)",
            value: Quantity(trials.rate("bundle", "total", rows: o.rows), .rowsPerSecond),
            referenceName: "session changeset + zlib-1", reference: Quantity(trials.rate("changeset", "total", rows: o.rows), .rowsPerSecond),
            ratio: Quantity(trials.timeRatio(("changeset", "total"), over: ("bundle", "total")), .times),
            target: .atLeast(0.5),
            note: "fold \(Quantity(trials.rate("bundle", "fold", rows: o.rows), .rowsPerSecond).text), write \(Quantity(trials.rate("bundle", "write", rows: o.rows), .rowsPerSecond).text); ratio = rate ÷ reference rate"))
        s.figures.append(Figure(
            section: 2, key: "export.bytes", name: "bundle size",
            value: perRow(bundleBytes),
            referenceName: "changeset, zlib-6", reference: perRow(changesetZ6),
            ratio: Quantity(single: Double(bundleBytes) / Double(changesetZ6), .times),
            target: .atMost(1.1),
            note: "uncompressed changeset \(String(format: "%.1f", Double(changeset.count) / n)) B/row"))
        s.figures.append(Figure(
            section: 2, key: "export.bytes.changeset_z1", name: "bundle size",
            value: perRow(bundleBytes),
            referenceName: "changeset, zlib-1", reference: perRow(changesetZ1),
            ratio: Quantity(single: Double(bundleBytes) / Double(changesetZ1), .times),
            target: nil, note: nil))
        s.figures.append(Figure(
            section: 2, key: "export.bytes.jsonl", name: "bundle size",
            value: perRow(bundleBytes),
            referenceName: "JSON lines, zlib-6", reference: perRow(jsonZ6),
            ratio: Quantity(single: Double(bundleBytes) / Double(jsonZ6), .times),
            target: nil,
            note: "uncompressed JSON lines \(String(format: "%.1f", Double(jsonLines.count) / n)) B/row"))
        return s
    }
}

/// The rows as JSON lines, one object per row with every column (null included).
enum JSONLines {
    static func encode(_ rows: [PersonRow]) -> [UInt8] {
        let names = ["id"] + PersonRows.columns
        var out: [UInt8] = []
        out.reserveCapacity(rows.count * 400)
        for r in rows {
            out.append(UInt8(ascii: "{"))
            for (i, v) in ([r.id] + r.values).enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                string(names[i], &out)
                out.append(UInt8(ascii: ":"))
                if let v { string(v, &out) } else { out.append(contentsOf: Array("null".utf8)) }
            }
            out.append(contentsOf: Array("}\n".utf8))
        }
        return out
    }

    /// A JSON string (RFC 8259 section 7): quotes, backslashes and control characters escaped, UTF-8 kept.
    static func string(_ s: String, _ out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): out.append(UInt8(ascii: "\\")); out.append(b)
            case 0..<0x20: out.append(contentsOf: Array(String(format: "\\u%04x", b).utf8))
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
