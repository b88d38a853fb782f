import Foundation
import MentorSyncDemo
import MentorSyncDomain
import MentorSyncEngine

/// `report`, `events`, `indicators` and `seed-demo`.
enum ReportCommands {
    static let reportOptions: Set<String> = ["period", "site", "format", "out"]

    /// The indicator report of DOMAIN.md, as a table, CSV for Excel, JSON or a printable HTML page.
    /// `names`: organizations' names known besides the registry's rows (a school's own, from its enrollment).
    static func report(_ args: Arguments, _ database: Database, _ console: Console, names: [String: String] = [:]) throws {
        guard args.words.count == 1 else { throw UsageError(syntax: "report [--period 2024-2025] [--site SITE] [--format table|csv|json|html|xlsx] [--out FILE]") }
        // A --period or --format the command does not take is a mistake in the command: exit 2.
        let period = try usage { try args.value("period").map { try SchoolYear.parse($0) } ?? .current }
        // The file's name chooses the format when none is given: `--out отчёт.xlsx` is a workbook.
        let implied = args.value("out").flatMap(ReportFormat.implied(byFile:))
        let format = args.has("json") ? .json : try usage { try args.value("format").map(ReportFormat.parse) } ?? implied ?? .table
        if let implied, implied != format, [implied, format].contains(.xlsx), let out = args.value("out") {
            throw ReportError.formatAndFileDisagree(format: format.rawValue, file: out)
        }
        let report = try IndicatorReport(database: database, period: period, site: args.value("site"), names: names)
        if let out = args.value("out") {
            let url = fileURL(out)
            try OutputPath.check(url, registry: URL(fileURLWithPath: database.path))
            try DurableFile.write(try report.renderedData(as: format), to: url)
            console.out(Message.reportWritten(period: "\(period)", path: url.path).text())
        } else {
            console.out(try report.rendered(as: format).trimmingCharacters(in: .newlines))
        }
    }

    /// A report error in an option's value, as the usage error it is.
    static func usage<T>(_ parse: () throws -> T) throws -> T {
        do { return try parse() } catch let e as ReportError { throw UsageError(e.description) }
    }

    /// `district`: the district changes any organization's events; a school its own.
    static func events(_ args: Arguments, _ database: Database, _ console: Console, district: Bool = false) throws {
        let period = try usage { try args.value("period").map { try SchoolYear.parse($0) } }
        let events = try RoadmapEvent.list(database: database, site: args.value("site"), period: period, overdueOnly: args.has("overdue"))
        if args.has("json") {
            console.out(try ReportJSON.text(events))
        } else {
            console.out(RoadmapEvent.tableText(events, names: try RoadmapEvent.organizationNames(database)).trimmingCharacters(in: .newlines))
            console.out((district ? Message.eventsHintAnyOrganization : Message.eventsHint).text())
        }
    }

    static func indicators(_ args: Arguments, _ database: Database, _ console: Console) throws {
        let targets = try IndicatorTarget.list(database: database)
        if args.has("json") {
            console.out(try ReportJSON.text(targets))
        } else {
            console.out(IndicatorTarget.tableText(targets).trimmingCharacters(in: .newlines))
            console.out(Message.indicatorsHint.text())
        }
    }

    /// Fills a district with realistic generated schools and mentoring data (for demos and trials).
    static func seedDemo(_ args: Arguments, _ home: DistrictHome, _ console: Console) throws {
        func number(_ name: String, _ fallback: Int, _ range: ClosedRange<Int>) throws -> Int {
            guard let v = args.value(name) else { return fallback }
            guard let n = Int(v), range.contains(n) else { throw UsageError(Message.optionNumber(name, range.lowerBound, range.upperBound)) }
            return n
        }
        let count = try number("schools", 5, 1...500)
        let scale = try number("scale", 20, 1...1000)
        let seed = UInt64(try number("seed", 1, 0...Int(Int32.max)))
        let schools = DemoData.schools(count)
        let enrollDir = fileURL(args.value("enroll-dir") ?? home.url.appendingPathComponent("enrollments").path)
        try FileManager.default.createDirectory(at: enrollDir, withIntermediateDirectories: true)
        for s in schools {
            guard let site = SiteID(s.site) else { continue }
            if try !home.isEnrolled(site) {
                try home.enroll(site: site, name: s.name, out: enrollDir.appendingPathComponent("\(s.site).enroll"))
            }
        }
        let summary = try DemoData.seed(database: home.database, schools: schools, seed: seed, scale: scale)
        if args.has("json") {
            console.json(["schools": schools.map(\.site), "rows": summary.rows, "total": summary.total, "enrollments": enrollDir.path])
        } else {
            console.out(Message.seeded(rows: summary.total, schools: schools.map(\.site)).text())
            console.out(Message.seededEnrollments(enrollDir.path).text())
        }
    }
}
