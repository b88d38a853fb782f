import Foundation
import MentorSyncDemo
import MentorSyncDomain
import MentorSyncEngine

/// Section 6: the coordinator's indicator report on a large district (issue 7): 100 schools and
/// about 200,000 rows of generated data, reported from a fresh connection each round.
enum ReportSection {
    static func run(_ o: BenchOptions, _ scratch: Scratch) throws -> Section {
        let schools = o.quick ? 10 : 100
        let scale = o.quick ? 10 : 60
        let path = scratch.path("report-district.db")
        let site = SiteID("district")!
        _ = try Replica.create(path: path, site: site, role: .district, district: site, schema: RegistrySchema.schema)
        let seeded = try DemoData.seed(database: try Database(path: path), schools: DemoData.schools(schools), seed: 2024, scale: scale,
                                       year: SchoolYear(startYear: 2024))
        Progress.note("report: \(seeded.total) rows seeded for \(schools) schools")
        var seconds: [Double] = []
        for _ in 0..<o.rounds {
            let db = try Database(path: path)
            seconds.append(try Stopwatch.time {
                let report = try IndicatorReport(database: db, period: SchoolYear(startYear: 2024))
                _ = try report.rendered(as: .table)
            })
        }
        var section = Section(number: 6, title: "report — the indicator report of \(schools) schools and \(Report.grouped(seeded.total)) rows",
                              method: "DemoData.seed into a district registry, then IndicatorReport for 2024-2025 rendered as a table, from a fresh connection each round")
        section.figures.append(Figure(section: 6, key: "report_seconds", name: "report, \(Report.grouped(seeded.total)) rows",
                                      value: Quantity(Summary(seconds), .seconds), referenceName: nil, reference: nil, ratio: nil,
                                      target: o.quick ? nil : .atMost(5, .seconds),
                                      note: "issue 7: \"finishes in seconds\" for 100 schools and 200,000 rows; the target here is 5 s"))
        return section
    }
}
