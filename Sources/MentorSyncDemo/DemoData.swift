import MentorSyncDomain
import MentorSyncEngine

/// Realistic generated data for a demo district and for tests: the district's reference data
/// (its ЦРО and the schools in `organizations`, indicators with the targets of the source documents,
/// the municipal roadmap with some events overdue, practices) and, for each school, persons with
/// Russian names (teachers of every age and experience, pupils, managers, methodologists,
/// employers' representatives and college students, some of whom left before or during the year),
/// mentors, mentees, pairs and groups of every form and status, their members, plans, meetings of
/// every kind and satisfaction surveys, and the school's own roadmap.
///
/// Rows are written with plain SQL, so the capture triggers record them like any other edit and
/// every CHECK constraint of the schema applies. Each school's rows have `org_id` = its site and
/// the reference data the district's site. Organizations rows of the district and of the schools
/// (id = site id) are created or, if enrollment already made them, completed; indicators whose code
/// already has a row are left alone.
public enum DemoData {
    /// How many rows were written, per table.
    public struct Summary: Equatable, Sendable {
        public var rows: [String: Int]
        public var total: Int { rows.values.reduce(0, +) }
    }

    /// Fills a registry with a demo district.
    /// - Parameters:
    ///   - database: a registry (made by `Replica.create` or a district home).
    ///   - schools: the schools' site ids (`s001`) and names ("Средняя школа № 1").
    ///   - seed: the same seed (with the same schools, scale and year) gives the same rows.
    ///   - scale: teachers per school; a school also has about eight pupils per teacher, so it gets
    ///     about 33 rows per teacher (scale 60 ≈ 2,000 rows per school).
    ///   - year: the school year the pairs, meetings and events belong to (a few rows lie in the year before).
    ///   - unresolved: leave a few references dangling on purpose (a pair whose mentor "has not arrived",
    ///     a member of a group who is not there, a meeting of a pair that is not there), as a registry
    ///     in the middle of syncing has; reports list them as incomplete.
    @discardableResult
    public static func seed(database: Database, schools: [(site: String, name: String)], seed: UInt64, scale: Int,
                            year: SchoolYear = .current, unresolved: Bool = true) throws -> Summary {
        let writer = DemoWriter(database)
        let body = {
            let district = try districtSite(database)
            var rng = SplitMix64(seed: seed, stream: "district")
            try DemoDistrict(writer: writer, site: district, year: year).write(schools: schools, &rng)
            for school in schools {
                var srng = SplitMix64(seed: seed, stream: "school:" + school.site)
                var generator = DemoSchool(writer: writer, site: school.site, name: school.name, year: year,
                                           scale: max(1, scale), unresolved: unresolved)
                try generator.write(&srng)
            }
        }
        if database.isInTransaction { try body() } else { try database.transaction(.immediate, body) }
        return Summary(rows: writer.counts)
    }

    /// Default demo schools: `s001`… with plausible names.
    public static func schools(_ count: Int) -> [(site: String, name: String)] {
        (1...max(1, count)).map { n -> (site: String, name: String) in
            let site = "s" + String(repeating: "0", count: max(0, 3 - String(n).count)) + String(n)
            let name: String
            switch n % 7 {
            case 0: name = "Гимназия № \(n)"
            case 3: name = "Лицей № \(n)"
            case 5: name = "Основная школа с. \(DemoNames.villages[n % DemoNames.villages.count])"
            default: name = "Средняя школа № \(n)"
            }
            return (site, name)
        }
    }

    static func districtSite(_ db: Database) throws -> String {
        try Replica.identity(of: db)?.district.rawValue ?? "district"
    }
}

/// Inserts rows and counts them; one cached statement per table.
final class DemoWriter {
    let db: Database
    var counts: [String: Int] = [:]
    private var statements: [String: String] = [:]

    init(_ db: Database) { self.db = db }

    func insert(_ table: String, _ columns: [String], _ values: [DatabaseValue]) throws {
        let key = table + ":" + columns.joined(separator: ",")
        let sql: String
        if let s = statements[key] { sql = s } else {
            sql = "INSERT INTO \(SQL.identifier(table)) (\(columns.map(SQL.identifier).joined(separator: ", "))) VALUES ("
                + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
            statements[key] = sql
        }
        try db.execute(sql, values)
        counts[table, default: 0] += 1
    }
}

/// Text or NULL.
func demoText(_ s: String?) -> DatabaseValue { s.map { .text($0) } ?? .null }
/// A day number as a date, or NULL.
func demoDate(_ day: Int?) -> DatabaseValue { day.map { .text(DemoDay.string($0)) } ?? .null }

extension DemoRoadmap.YearDay {
    func number(_ year: SchoolYear) -> Int {
        let y = before || month >= 9 ? year.startYear : year.startYear + 1
        return DemoDay.number(y, month, day)
    }
}

extension DemoNames {
    static let villages = ["Захарвань", "Усть-Кулом", "Выльгорт", "Помоздино", "Керчомъя", "Дон", "Пожег", "Мордино"]
}
