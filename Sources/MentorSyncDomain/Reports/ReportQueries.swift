import Foundation
import MentorSyncEngine

/// The report's SQL: a handful of set-based queries, each one pass grouped by `org_id`, so that a
/// district of a hundred schools and hundreds of thousands of rows reports in well under a second.
/// The registry has no indexes beyond primary keys; every join below goes through a primary key,
/// or lets SQLite build an automatic index for the query (https://www.sqlite.org/optoverview.html#autoindex).
///
/// Parameters: ?1 the period's first day, ?2 its last day, ?3 the birth date a person under 35 is
/// born after, ?4 the teaching start a teacher with less than 3 years started after, ?5 the day
/// plans are judged on (the report's date, or the period's last day for a past year), ?6 the calendar
/// year the period ends in (as an integer: contests).
struct ReportQueries {
    let db: Database
    let period: SchoolYear
    /// `YYYY-MM-DD`, within the period: a plan whose end is after this day is not due yet.
    let dueBy: String

    struct Organization { var name: String?; var shortName: String?; var kind: String? }
    struct Identity { var site: String; var role: String; var district: String }

    struct Result {
        var tallies: [String: ReportTally] = [:]
        var incomplete: [IncompleteRow] = []
        var organizations: [String: Organization] = [:]
        var targets: [IndicatorCode: Double] = [:]
        var identity: Identity?
        /// At the district: schools enrolled after the period ended, or revoked (see `notInPeriod`).
        var notInPeriod: Set<String> = []
    }

    var parameters: [DatabaseValue] {
        [.text(period.start), .text(period.end), .text(period.start(yearsBefore: 35)), .text(period.start(yearsBefore: 3)),
         .text(dueBy), .integer(Int64(period.startYear + 1))]
    }

    /// Present during the period (for persons aliased `pe`).
    static let present = "(pe.left_on IS NULL OR pe.left_on >= ?1) AND (pe.hired_on IS NULL OR pe.hired_on <= ?2)"
    /// Working during the period (for pairs aliased `p`).
    static let working = """
        p.status IN ('active', 'completed') AND (p.started_on IS NULL OR p.started_on <= ?2) \
        AND (p.ended_on IS NULL OR p.ended_on >= ?1)
        """
    /// A plan of the period (aliased `pl`): not a draft, dates overlapping the period.
    static let planOfPeriod = """
        pl.status IN ('active', 'done', 'failed') AND (pl.starts_on IS NULL OR pl.starts_on <= ?2) \
        AND (pl.ends_on IS NULL OR pl.ends_on >= ?1)
        """

    func run() throws -> Result {
        var r = Result()
        r.identity = try identity()
        r.organizations = try organizations()
        r.notInPeriod = try schoolsNotInPeriod()
        r.targets = try targets()
        try people(&r)
        try youngSpecialists(&r)
        try plans(&r)
        try pairs(&r)
        try counts(&r)
        try staff(&r)
        r.incomplete = try incomplete()
        var seen = Set<String>()
        for row in r.incomplete where seen.insert(row.table + "\u{0}" + row.id).inserted {
            r.tallies[row.orgId, default: ReportTally()].incomplete += 1
        }
        return r
    }

    /// The parameters a statement uses: SQLite refuses a binding beyond its largest `?N`.
    /// https://www.sqlite.org/c3ref/bind_parameter_count.html
    func parameters(for sql: String) -> [DatabaseValue] {
        let used = (1...6).filter { sql.contains("?\($0)") }.max() ?? 0
        return Array(parameters.prefix(used))
    }

    /// Calls `body` with each row of a grouped query.
    private func each(_ sql: String, _ body: ([DatabaseValue]) -> Void) throws {
        for row in try db.rows(sql, parameters(for: sql)) { body(row) }
    }

    private func int(_ v: DatabaseValue) -> Int { Int(v.integer ?? 0) }

    private func identity() throws -> Identity? {
        guard let id = try Replica.identity(of: db) else { return nil }
        return Identity(site: id.site.rawValue, role: id.role.rawValue, district: id.district.rawValue)
    }

    /// At the district, the schools a report of this period lists only if they hold rows it counts:
    /// enrolled after the period ended (a school enrolled in December changed last year's figures),
    /// or revoked (a code typed by mistake is revoked, never having sent a row).
    private func schoolsNotInPeriod() throws -> Set<String> {
        guard try db.tableExists("district_schools") else { return [] }
        // (A home opened by this version has the first enrollment's date; a report of a copy may not.)
        let hasFirst = try db.scalar("SELECT 1 FROM pragma_table_info('district_schools') WHERE name = 'first_enrolled_at'") != nil
        let first = hasFirst ? "coalesce(first_enrolled_at, enrolled_at)" : "enrolled_at"
        let sql = "SELECT site FROM district_schools WHERE revoked_at IS NOT NULL OR substr(\(first), 1, 10) > ?2"
        return Set(try db.rows(sql, parameters(for: sql)).map { $0[0].displayText })
    }

    private func organizations() throws -> [String: Organization] {
        var result: [String: Organization] = [:]
        for row in try db.rows("SELECT id, name, short_name, kind FROM organizations") {
            func text(_ v: DatabaseValue) -> String? {
                guard let t = v.text?.trimmingCharacters(in: .whitespaces), !t.isEmpty else { return nil }
                return t
            }
            result[row[0].displayText] = Organization(name: text(row[1]), shortName: text(row[2]), kind: text(row[3]))
        }
        return result
    }

    private func targets() throws -> [IndicatorCode: Double] {
        var result: [IndicatorCode: Double] = [:]
        for row in try db.rows("SELECT code, target_value FROM indicators WHERE target_value IS NOT NULL ORDER BY id") {
            guard let code = IndicatorCode(rawValue: row[0].displayText.trimmingCharacters(in: .whitespaces)),
                  result[code] == nil else { continue }
            switch row[1] {
            case .real(let d): result[code] = d
            case .integer(let i): result[code] = Double(i)
            default: continue   // REAL affinity keeps text that is not a number as text: not a target
            }
        }
        return result
    }

    /// Indicators 1, 2, 3 in one pass over persons. The participants (a UNION, so each person once)
    /// are joined rather than tested with IN: SQLite would build an IN list for every use of it.
    private func people(_ r: inout Result) throws {
        let sql = """
            WITH participants(person_id) AS (
              SELECT m.person_id FROM pairs p JOIN mentors m ON m.id = p.mentor_id
              WHERE \(Self.working) AND m.person_id IS NOT NULL
              UNION
              SELECT me.person_id FROM pair_mentees pm JOIN pairs p ON p.id = pm.pair_id JOIN mentees me ON me.id = pm.mentee_id
              WHERE \(Self.working) AND me.person_id IS NOT NULL
            )
            SELECT pe.org_id,
                   sum(ifnull(pe.role = 'teacher' AND pe.birth_date > ?3, 0)),
                   sum(ifnull(pe.role = 'teacher' AND pe.birth_date > ?3, 0) AND x.person_id IS NOT NULL),
                   sum(ifnull(pe.role = 'teacher' AND pe.teaching_since > ?4, 0)),
                   sum(ifnull(pe.role = 'teacher' AND pe.teaching_since > ?4, 0) AND x.person_id IS NOT NULL),
                   sum(pe.role = 'student'),
                   sum(pe.role = 'student' AND x.person_id IS NOT NULL)
            FROM persons pe LEFT JOIN participants x ON x.person_id = pe.id
            WHERE pe.role IN ('teacher', 'student') AND \(Self.present)
            GROUP BY pe.org_id
            """
        try each(sql) { row in
            var t = r.tallies[row[0].displayText] ?? ReportTally()
            t.shares[.teachersUnder35] = .init(numerator: int(row[2]), denominator: int(row[1]))
            t.shares[.teachersUnder3Years] = .init(numerator: int(row[4]), denominator: int(row[3]))
            t.shares[.studentsInMentoring] = .init(numerator: int(row[6]), denominator: int(row[5]))
            r.tallies[row[0].displayText] = t
        }
    }

    /// Indicator 4: young specialists who stayed. Counted once per person, in the person's school.
    private func youngSpecialists(_ r: inout Result) throws {
        let sql = """
            SELECT pe.org_id, count(DISTINCT pe.id),
                   count(DISTINCT CASE WHEN pe.left_on IS NULL OR pe.left_on > ?2 THEN pe.id END)
            FROM mentees me JOIN persons pe ON pe.id = me.person_id
            WHERE me.category = 'young_specialist' AND \(Self.present)
            GROUP BY pe.org_id
            """
        try each(sql) { row in
            r.tallies[row[0].displayText, default: ReportTally()].shares[.youngSpecialistsRetained] =
                .init(numerator: int(row[2]), denominator: int(row[1]))
        }
    }

    /// Indicators 5a and 5b.
    private func plans(_ r: inout Result) throws {
        let withPlan = """
            WITH period_mentees(id) AS (
              SELECT DISTINCT pm.mentee_id FROM pair_mentees pm JOIN pairs p ON p.id = pm.pair_id
              WHERE \(Self.working)
            ),
            planned(id) AS (
              SELECT pl.mentee_id FROM plans pl WHERE pl.mentee_id IS NOT NULL AND \(Self.planOfPeriod)
              UNION
              SELECT pm.mentee_id FROM plans pl JOIN pair_mentees pm ON pm.pair_id = pl.pair_id
              WHERE pl.mentee_id IS NULL AND pm.mentee_id IS NOT NULL AND \(Self.planOfPeriod)
            )
            SELECT me.org_id, count(*), count(y.id)
            FROM period_mentees x JOIN mentees me ON me.id = x.id JOIN persons pe ON pe.id = me.person_id
                 LEFT JOIN planned y ON y.id = me.id
            WHERE \(Self.present)
            GROUP BY me.org_id
            """
        try each(withPlan) { row in
            r.tallies[row[0].displayText, default: ReportTally()].shares[.menteesWithPlan] =
                .init(numerator: int(row[2]), denominator: int(row[1]))
        }
        let done = """
            SELECT pl.org_id, count(*), sum(pl.status = 'done') FROM plans pl
            WHERE \(Self.planOfPeriod) AND (pl.status IN ('done', 'failed') OR pl.ends_on <= ?5)
            GROUP BY pl.org_id
            """
        try each(done) { row in
            r.tallies[row[0].displayText, default: ReportTally()].shares[.plansDone] =
                .init(numerator: int(row[2]), denominator: int(row[1]))
        }
    }

    /// Indicator 6 (per school: does it have a working pair) and the pair counts of indicator 7.
    private func pairs(_ r: inout Result) throws {
        let sql = """
            SELECT p.org_id, ifnull(p.form, ''), ifnull(p.status, ''), count(*), sum(\(Self.working))
            FROM pairs p
            WHERE (p.started_on IS NULL OR p.started_on <= ?2) AND (p.ended_on IS NULL OR p.ended_on >= ?1)
            GROUP BY 1, 2, 3
            """
        try each(sql) { row in
            var t = r.tallies[row[0].displayText] ?? ReportTally()
            t.pairs[.init(form: row[1].displayText, status: row[2].displayText), default: 0] += int(row[3])
            t.workingPairs += int(row[4])
            r.tallies[row[0].displayText] = t
        }
    }

    /// The other counts of indicator 7.
    private func counts(_ r: inout Result) throws {
        try each("""
            SELECT m.org_id, count(*) FROM mentors m JOIN persons pe ON pe.id = m.person_id
            WHERE m.status = 'active' AND \(Self.present) GROUP BY m.org_id
            """) { row in r.tallies[row[0].displayText, default: ReportTally()].activeMentors = int(row[1]) }
        try each("""
            SELECT me.org_id, count(*) FROM mentees me JOIN persons pe ON pe.id = me.person_id
            WHERE \(Self.present) GROUP BY me.org_id
            """) { row in r.tallies[row[0].displayText, default: ReportTally()].mentees = int(row[1]) }
        // A pair's meetings and surveys count for the pair's school, whoever entered them (the
        // mentor's school adds its own to a network pair); for their own when the pair is not here.
        // Held by the report's date: one dated later is planned (a May report does not count June's).
        try each("""
            SELECT coalesce(p.org_id, mt.org_id), ifnull(mt.kind, ''), count(*) FROM meetings mt LEFT JOIN pairs p ON p.id = mt.pair_id
            WHERE mt.held_on BETWEEN ?1 AND ?5 GROUP BY 1, 2
            """) { row in r.tallies[row[0].displayText, default: ReportTally()].meetings[row[1].displayText] = int(row[2]) }
        try each("""
            SELECT coalesce(p.org_id, sv.org_id), ifnull(sv.respondent, ''), count(sv.satisfaction), ifnull(sum(sv.satisfaction), 0)
            FROM surveys sv LEFT JOIN pairs p ON p.id = sv.pair_id WHERE sv.answered_on BETWEEN ?1 AND ?5 GROUP BY 1, 2
            """) { row in
            r.tallies[row[0].displayText, default: ReportTally()].surveys[row[1].displayText] = (int(row[2]), int(row[3]))
        }
    }

    /// Every row the report cannot use in full, named.
    private func incomplete() throws -> [IncompleteRow] {
        var rows: [IncompleteRow] = []
        // References to rows that are not here: every reference column of every table, whatever its dates.
        for table in RegistrySchema.schema.tables {
            for column in table.columns {
                guard case .reference(let target) = column.kind else { continue }
                let t = SQL.identifier(table.name), c = SQL.identifier(column.name), x = SQL.identifier(target)
                let sql = """
                    SELECT r.id, r.org_id, r.\(c) FROM \(t) r
                    WHERE r.\(c) IS NOT NULL AND NOT EXISTS (SELECT 1 FROM \(x) x WHERE x.id = r.\(c))
                    """
                for row in try db.rows(sql) {
                    rows.append(IncompleteRow(table: table.name, id: row[0].displayText, orgId: row[1].displayText,
                                              column: column.name, problem: .missingReference,
                                              refersToTable: target, refersToId: row[2].displayText))
                }
            }
        }
        // Empty references and values the figures need.
        let empties: [(table: String, column: String, problem: IncompleteRow.Problem, sql: String)] = [
            ("mentors", "person_id", .emptyReference, "SELECT id, org_id FROM mentors WHERE person_id IS NULL"),
            ("mentees", "person_id", .emptyReference, "SELECT id, org_id FROM mentees WHERE person_id IS NULL"),
            ("pair_mentees", "pair_id", .emptyReference, "SELECT id, org_id FROM pair_mentees WHERE pair_id IS NULL"),
            ("pair_mentees", "mentee_id", .emptyReference, "SELECT id, org_id FROM pair_mentees WHERE mentee_id IS NULL"),
            ("pairs", "mentor_id", .emptyReference, "SELECT id, org_id FROM pairs p WHERE p.mentor_id IS NULL AND \(Self.working)"),
            ("persons", "birth_date", .missingValue,
             "SELECT id, org_id FROM persons pe WHERE pe.role = 'teacher' AND pe.birth_date IS NULL AND \(Self.present)"),
            ("persons", "teaching_since", .missingValue,
             "SELECT id, org_id FROM persons pe WHERE pe.role = 'teacher' AND pe.teaching_since IS NULL AND \(Self.present)"),
            ("meetings", "held_on", .missingValue, "SELECT id, org_id FROM meetings WHERE held_on IS NULL"),
            ("surveys", "answered_on", .missingValue, "SELECT id, org_id FROM surveys WHERE answered_on IS NULL"),
        ]
        for e in empties + Self.staffEmpties {
            for row in try db.rows(e.sql, parameters(for: e.sql)) {
                rows.append(IncompleteRow(table: e.table, id: row[0].displayText, orgId: row[1].displayText,
                                          column: e.column, problem: e.problem))
            }
        }
        return rows.sorted { ($0.orgId, $0.table, $0.id, $0.column) < ($1.orgId, $1.table, $1.id, $1.column) }
    }
}
