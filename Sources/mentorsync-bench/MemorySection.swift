import Foundation
import MentorSyncEngine

/// Section 4: peak resident memory while exporting, then merging, M rows. Each operation runs in
/// its own child process, which resets its peak and reports VmHWM above its RSS just before.
enum MemorySection {
    static func run(_ o: BenchOptions, _ scratch: Scratch) throws -> Section {
        let m = o.memoryRows
        let school = Sites.school(1)
        let schoolPath = scratch.path("memory-school.db")
        let districtPath = scratch.path("memory-district.db")
        let out = try scratch.folder("memory-out")
        Progress.note("memory: inserting \(Report.grouped(m)) captured rows")
        _ = try Sites.createSchool(at: schoolPath, school)
        try Load.insertStreaming(count: m, from: PersonRows(), org: school.rawValue, into: try RawDatabase(path: schoolPath))
        _ = try Sites.createDistrict(at: districtPath)
        if o.keep {
            // Untouched copies, to rerun (or profile) a child by hand: __memory-child export|merge …
            try scratch.copyDatabase(schoolPath, to: scratch.path("memory-school-unexported.db"))
            try scratch.copyDatabase(districtPath, to: scratch.path("memory-district-empty.db"))
        }

        Progress.note("memory: exporting \(Report.grouped(m)) rows in a child process")
        let export = try MemoryChild.spawn(["export", schoolPath, out.path])
        guard export.rows == m, let bundle = export.bundle else { throw BenchError.child("export wrote \(export.rows) rows, expected \(m)") }
        Progress.note("memory: merging \(Report.grouped(m)) rows in a child process")
        let merge = try MemoryChild.spawn(["merge", districtPath, bundle])
        guard merge.rows == m else { throw BenchError.child("merge changed \(merge.rows) rows, expected \(m)") }
        if !o.keep {
            scratch.removeDatabase(schoolPath)
            scratch.removeDatabase(districtPath)
            try? FileManager.default.removeItem(atPath: bundle)
        }

        var s = Section(number: 4, title: "memory",
                        method: "\(Report.grouped(m)) rows exported, then merged into an empty district, each in a child process; peak RSS (VmHWM) above the RSS just before")
        for (name, r) in [("export", export), ("merge", merge)] {
            s.figures.append(Figure(
                section: 4, key: "memory.\(name)", name: "\(name) peak above baseline",
                value: Quantity(single: r.aboveBaselineMiB, .mebibytes),
                referenceName: "baseline RSS \(String(format: "%.1f", Double(r.baselineKiB) / 1024)) MiB", reference: nil, ratio: nil,
                target: .atMost(64, .mebibytes),
                note: "\(name) of \(Report.grouped(m)) rows took \(Unit.seconds.format(r.seconds)) s (\(Unit.rowsPerSecond.format(Double(m) / r.seconds)) rows/s)"
                    + (r.bytes.map { ", bundle \(String(format: "%.1f", Double($0) / 1_048_576)) MiB" } ?? "")
                    + (r.peakWasReset ? "" : "; the kernel refused to reset VmHWM, so this peak may include start-up")))
        }
        return s
    }
}
