import Foundation
import MentorSyncEngine

/// Section 7: the daily case at a district a few years on. The district already holds M rows (one
/// school's first bundle); each round a new school's bundle of R new rows and a bundle of R updates
/// from the first school are merged into it. Write amplification = bytes the process wrote while
/// merging (database and WAL, `wchar` of /proc/self/io) ÷ bytes of the bundle file merged.
enum LargeDistrictSection {
    static func run(_ o: BenchOptions, _ scratch: Scratch) throws -> Section {
        let gen = PersonRows(seed: 0x6c61726765)
        let (held, batch) = (o.districtRows, o.schoolRows)
        let mail = try scratch.folder("large-mail")
        Progress.note("large district: loading \(Report.grouped(held)) rows into the district")
        let first = Sites.school(1)
        let firstPath = scratch.path("large-s001.db")
        let firstSchool = try Sites.createSchool(at: firstPath, first)
        try Load.insertStreaming(count: held, from: gen, org: first.rawValue, into: try RawDatabase(path: firstPath))
        let district = try Sites.createDistrict(at: scratch.path("large-district.db"))
        let load = try firstSchool.exportBundle(to: mail, recipient: Sites.district, key: Sites.key(for: first)).url
        _ = try district.importBundle(at: load, keyFor: Sites.keyFor, policy: MergePolicies.schoolsWriteOwnRows)
        _ = try firstSchool.importBundle(at: try district.exportBundle(to: mail, recipient: first, key: Sites.key(for: first)).url,
                                         keyFor: Sites.keyFor)
        try district.database.execute("PRAGMA wal_checkpoint(TRUNCATE)")

        var newSeconds: [Double] = [], newAmp: [Double] = []
        var updSeconds: [Double] = [], updAmp: [Double] = []
        for round in 0..<o.rounds {
            Progress.note("large district: round \(round + 1)/\(o.rounds), \(Report.grouped(batch)) new rows and \(Report.grouped(batch)) updates")
            // New rows from a school the district has not heard from yet.
            let site = Sites.school(2 + round)
            let path = scratch.path("large-\(site).db")
            let school = try Sites.createSchool(at: path, site)
            try Load.insertStreaming(count: batch, from: gen, firstIndex: held + round * batch, org: site.rawValue, into: try RawDatabase(path: path))
            let fresh = try school.exportBundle(to: mail, recipient: Sites.district, key: Sites.key(for: site)).url
            let (t1, w1) = try merge(fresh, into: district, rows: batch)
            newSeconds.append(t1); newAmp.append(w1)
            scratch.removeDatabase(path)

            // Updates of rows the district holds, spread over the whole key range.
            let st = try firstSchool.database.prepare("UPDATE persons SET notes = ? WHERE id = ?")
            try firstSchool.database.transaction {
                for j in 0..<batch {
                    let i = (j * (held / batch) + round) % held
                    try st.execute([.text(gen.updatedValue(i, pass: round + 1)), .text(gen.row(i, org: "").id)])
                }
            }
            let updates = try firstSchool.exportBundle(to: mail, recipient: Sites.district, key: Sites.key(for: first)).url
            let (t2, w2) = try merge(updates, into: district, rows: batch)
            updSeconds.append(t2); updAmp.append(w2)
            _ = try firstSchool.importBundle(at: try district.exportBundle(to: mail, recipient: first, key: Sites.key(for: first)).url,
                                             keyFor: Sites.keyFor)
        }

        var s = Section(number: 7, title: "large district",
                        method: "a district holding \(Report.grouped(held)) rows merges a bundle of \(Report.grouped(batch)) new rows and one of \(Report.grouped(batch)) updates; amplification = bytes written ÷ bundle bytes")
        s.figures.append(Figure(
            section: 7, key: "large.new", name: "merge \(Report.grouped(batch)) new rows into \(Report.grouped(held))",
            value: Quantity(Summary(newSeconds.map { Double(batch) / $0 }), .rowsPerSecond),
            referenceName: "write amplification", reference: Quantity(Summary(newAmp), .times), ratio: nil, target: nil,
            note: "time \(Unit.seconds.format(Summary(newSeconds).median)) s"))
        s.figures.append(Figure(
            section: 7, key: "large.update", name: "merge \(Report.grouped(batch)) updates into \(Report.grouped(held))",
            value: Quantity(Summary(updSeconds.map { Double(batch) / $0 }), .rowsPerSecond),
            referenceName: "write amplification", reference: Quantity(Summary(updAmp), .times), ratio: nil, target: nil,
            note: "time \(Unit.seconds.format(Summary(updSeconds).median)) s"))
        return s
    }

    /// Merges one bundle; returns its time and the bytes written ÷ the bundle's size.
    static func merge(_ bundle: URL, into district: Replica, rows: Int) throws -> (Double, Double) {
        let size = try FileManager.default.attributesOfItem(atPath: bundle.path)[.size] as? Int ?? 0
        let before = PeakMemory.bytesWritten()
        var r: MergeReport?
        let t = try Stopwatch.time {
            r = try district.importBundle(at: bundle, keyFor: Sites.keyFor, policy: MergePolicies.schoolsWriteOwnRows)
        }
        let after = PeakMemory.bytesWritten()
        guard r?.rowsChanged == rows, r?.refusals.isEmpty == true else {
            throw BenchError.unexpected("the large district changed \(r?.rowsChanged ?? 0) of \(rows) rows (\(r?.refusals.first?.reason ?? "no refusals"))")
        }
        guard let a = before, let b = after, size > 0 else { return (t, .nan) }
        return (t, Double(b - a) / Double(size))
    }
}
