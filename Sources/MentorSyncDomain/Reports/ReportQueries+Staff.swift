import MentorSyncEngine

/// Indicators 8–12 (registry schema 2): what the school's teachers and managers did during the
/// period — diagnostics, courses, contests, events. One pass over persons, each person counted once
/// in their own school (`persons.org_id`), whichever school holds the diagnostic, course or event row;
/// none of them depends on pairs, so how pairs count per school (network mentoring) does not touch them.
///
/// Parameters as in `ReportQueries` (what was held counts up to ?5, the report's date: a later date is
/// a plan), and ?6 the calendar year the school year ends in (contests).
extension ReportQueries {
    /// Teachers and managers (for persons aliased `pe`).
    static let staff = "pe.role IN ('teacher', 'manager')"
    /// The event kinds of indicator 12b.
    static let professionalEventKinds = "'consultation', 'round_table', 'master_class', 'seminar'"
    /// An event held during the period (aliased `e`): its dates (starts_on … ends_on, or done_on)
    /// overlap the period up to the report's date (one that starts later is planned), and it was not
    /// cancelled. An event with no date at all is in no period.
    static let eventOfPeriod = """
        ifnull(e.status, '') <> 'cancelled' AND coalesce(e.starts_on, e.ends_on, e.done_on) <= ?5 \
        AND coalesce(e.ends_on, e.starts_on, e.done_on) >= ?1
        """

    func staff(_ r: inout Result) throws {
        let sql = """
            WITH diagnosed(person_id) AS (
              SELECT DISTINCT person_id FROM diagnostics WHERE held_on BETWEEN ?1 AND ?5 AND person_id IS NOT NULL
            ),
            last_level(person_id, level) AS (
              SELECT person_id, level FROM (
                SELECT person_id, level, row_number() OVER (PARTITION BY person_id ORDER BY held_on DESC, id DESC) AS n
                FROM diagnostics WHERE held_on BETWEEN ?1 AND ?5 AND level IS NOT NULL AND person_id IS NOT NULL
              ) WHERE n = 1
            ),
            federal(person_id) AS (
              SELECT DISTINCT person_id FROM trainings
              WHERE federal_registry = 1 AND passed = 1 AND finished_on BETWEEN ?1 AND ?5 AND person_id IS NOT NULL
            ),
            talents(person_id) AS (
              SELECT DISTINCT person_id FROM trainings
              WHERE topic = 'talents' AND passed = 1 AND finished_on <= ?5 AND person_id IS NOT NULL
            ),
            contestants(person_id) AS (
              SELECT DISTINCT person_id FROM contest_entries WHERE year = ?6 AND person_id IS NOT NULL
            ),
            sharing(person_id) AS (
              SELECT DISTINCT ep.person_id FROM event_participants ep JOIN events e ON e.id = ep.event_id
              WHERE e.kind = 'practice_sharing' AND \(Self.eventOfPeriod) AND ep.person_id IS NOT NULL
            ),
            professional(person_id) AS (
              SELECT DISTINCT ep.person_id FROM event_participants ep JOIN events e ON e.id = ep.event_id
              WHERE e.kind IN (\(Self.professionalEventKinds)) AND \(Self.eventOfPeriod) AND ep.person_id IS NOT NULL
            )
            SELECT pe.org_id,
                   count(*),
                   count(d.person_id),
                   count(l.person_id),
                   sum(ifnull(l.level IN ('high', 'elevated', 'basic'), 0)),
                   sum(pe.role = 'teacher'),
                   sum(pe.role = 'teacher' AND f.person_id IS NOT NULL),
                   sum(pe.role = 'teacher' AND c.person_id IS NOT NULL),
                   count(t.person_id),
                   count(s.person_id),
                   count(p.person_id)
            FROM persons pe
                 LEFT JOIN diagnosed d ON d.person_id = pe.id
                 LEFT JOIN last_level l ON l.person_id = pe.id
                 LEFT JOIN federal f ON f.person_id = pe.id
                 LEFT JOIN talents t ON t.person_id = pe.id
                 LEFT JOIN contestants c ON c.person_id = pe.id
                 LEFT JOIN sharing s ON s.person_id = pe.id
                 LEFT JOIN professional p ON p.person_id = pe.id
            WHERE \(Self.staff) AND \(Self.present)
            GROUP BY pe.org_id
            """
        for row in try db.rows(sql, parameters(for: sql)) {
            func n(_ i: Int) -> Int { Int(row[i].integer ?? 0) }
            let staff = n(1), teachers = n(5)
            var t = r.tallies[row[0].displayText] ?? ReportTally()
            t.shares[.staffDiagnosed] = .init(numerator: n(2), denominator: staff)
            t.shares[.diagnosedBasicOrAbove] = .init(numerator: n(4), denominator: n(3))
            t.shares[.teachersFederalCourse] = .init(numerator: n(6), denominator: teachers)
            t.shares[.teachersInContests] = .init(numerator: n(7), denominator: teachers)
            t.shares[.staffTrainedOnTalents] = .init(numerator: n(8), denominator: staff)
            t.shares[.staffInPracticeSharing] = .init(numerator: n(9), denominator: staff)
            t.shares[.staffInProfessionalEvents] = .init(numerator: n(10), denominator: staff)
            r.tallies[row[0].displayText] = t
        }
    }

    /// Empty references and values indicators 8–12 need (added to the report's incomplete rows).
    static let staffEmpties: [(table: String, column: String, problem: IncompleteRow.Problem, sql: String)] = [
        ("diagnostics", "person_id", .emptyReference, "SELECT id, org_id FROM diagnostics WHERE person_id IS NULL"),
        ("diagnostics", "held_on", .missingValue, "SELECT id, org_id FROM diagnostics WHERE held_on IS NULL"),
        ("diagnostics", "level", .missingValue,
         "SELECT id, org_id FROM diagnostics WHERE level IS NULL AND held_on BETWEEN ?1 AND ?5"),
        ("trainings", "person_id", .emptyReference, "SELECT id, org_id FROM trainings WHERE person_id IS NULL"),
        ("trainings", "finished_on", .missingValue, "SELECT id, org_id FROM trainings WHERE finished_on IS NULL AND passed = 1"),
        ("contest_entries", "person_id", .emptyReference, "SELECT id, org_id FROM contest_entries WHERE person_id IS NULL"),
        ("contest_entries", "year", .missingValue, "SELECT id, org_id FROM contest_entries WHERE year IS NULL"),
        ("event_participants", "event_id", .emptyReference, "SELECT id, org_id FROM event_participants WHERE event_id IS NULL"),
        ("event_participants", "person_id", .emptyReference, "SELECT id, org_id FROM event_participants WHERE person_id IS NULL"),
        // Events someone took part in, by a join from the participants (a correlated EXISTS would scan
        // every participant for every roadmap event: event_participants.event_id has no index).
        ("events", "kind", .missingValue, """
            SELECT DISTINCT e.id, e.org_id FROM event_participants ep JOIN events e ON e.id = ep.event_id WHERE e.kind IS NULL
            """),
        ("events", "starts_on", .missingValue, """
            SELECT DISTINCT e.id, e.org_id FROM event_participants ep JOIN events e ON e.id = ep.event_id
            WHERE e.starts_on IS NULL AND e.ends_on IS NULL AND e.done_on IS NULL
            """),
    ]
}
