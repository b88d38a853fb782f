import Foundation
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// A registry written by hand for the report tests: every row is inserted with plain SQL through a
/// real replica, so the schema's CHECK constraints and capture triggers apply.
final class ReportFixture {
    let scratch = ScratchDirectory("report")
    let replica: Replica
    var db: Database { replica.database }

    init(site: String = "district", role: Replica.Role = .district) throws {
        let s = SiteID(site)!
        replica = try Replica.create(path: scratch.path("registry.db").path, site: s, role: role,
                                     district: SiteID("district")!, schema: RegistrySchema.schema)
    }

    private func values(_ pairs: [String: String?]) -> [String: DatabaseValue] {
        pairs.mapValues { $0.map { DatabaseValue.text($0) } ?? .null }
    }

    @discardableResult
    func organization(_ id: String, name: String, kind: String = "school") throws -> String {
        try replica.insert("organizations", values(["org_id": "district", "name": name, "short_name": name, "kind": kind]), id: id)
    }

    @discardableResult
    func person(_ site: String, _ name: String, role: String = "teacher", born: String?, teachingSince: String? = nil,
                hired: String? = nil, left: String? = nil, id: String? = nil) throws -> String {
        try replica.insert("persons", values(["org_id": site, "full_name": name, "role": role, "birth_date": born,
                                               "teaching_since": teachingSince, "hired_on": hired, "left_on": left]),
                           id: id ?? UUID().uuidString.lowercased())
    }

    @discardableResult
    func mentor(_ site: String, person: String, status: String = "active") throws -> String {
        try replica.insert("mentors", values(["org_id": site, "person_id": person, "status": status]))
    }

    @discardableResult
    func mentee(_ site: String, person: String, category: String, status: String = "in_pair") throws -> String {
        try replica.insert("mentees", values(["org_id": site, "person_id": person, "category": category, "status": status]))
    }

    @discardableResult
    func pair(_ site: String, mentor: String?, form: String, status: String, started: String?, ended: String? = nil,
              mentees: [String] = []) throws -> String {
        let id = try replica.insert("pairs", values(["org_id": site, "mentor_id": mentor, "form": form,
                                                     "kind": mentees.count > 1 ? "group" : "pair", "status": status,
                                                     "started_on": started, "ended_on": ended]))
        for m in mentees { try replica.insert("pair_mentees", values(["org_id": site, "pair_id": id, "mentee_id": m])) }
        return id
    }

    @discardableResult
    func plan(_ site: String, pair: String?, mentee: String?, status: String, starts: String?, ends: String?) throws -> String {
        try replica.insert("plans", values(["org_id": site, "pair_id": pair, "mentee_id": mentee, "title": "ИОМ",
                                            "status": status, "starts_on": starts, "ends_on": ends]))
    }

    @discardableResult
    func meeting(_ site: String, pair: String, kind: String, held: String?) throws -> String {
        try replica.insert("meetings", values(["org_id": site, "pair_id": pair, "kind": kind, "held_on": held]))
    }

    @discardableResult
    func survey(_ site: String, pair: String, respondent: String, score: Int64, answered: String?) throws -> String {
        var v = values(["org_id": site, "pair_id": pair, "respondent": respondent, "answered_on": answered])
        v["satisfaction"] = .integer(score)
        return try replica.insert("surveys", v)
    }

    func indicatorTarget(_ code: String, _ target: Double?) throws {
        var v = values(["org_id": "district", "code": code, "unit": "percent"])
        v["target_value"] = target.map { .real($0) } ?? .null
        try replica.insert("indicators", v)
    }

    /// A row id that no table holds: a reference to something that has not arrived.
    static func missing() -> String { UUID().uuidString.lowercased() }
}

/// The district of the indicator tests, for the school year 2024-2025 (start 2024-09-01; under 35 =
/// born after 1989-09-01; less than 3 years = teaching since after 2021-09-01). The right answers
/// are worked out beside each row and summed up in `IndicatorReportTests`.
final class DubnaFixture {
    let f: ReportFixture
    var ids: [String: String] = [:]

    init() throws {
        f = try ReportFixture()
        try f.organization("district", name: "ЦРО", kind: "district")
        try f.organization("s001", name: "Школа № 1")
        try f.organization("s002", name: "Школа № 2")
        // Indicator 1's target comes from the indicators table; a row without a value leaves the default.
        try f.indicatorTarget("teachers_under_35", 90)
        try f.indicatorTarget("students_in_mentoring", nil)
        try f.indicatorTarget("dubna_2", 90)

        let s = "s001"
        // Teachers of s001.
        let t1 = try f.person(s, "Т1", born: "1995-05-10", teachingSince: "2023-09-01")            // <35, <3y, mentee P1
        let t2 = try f.person(s, "Т2", born: "1989-09-02", teachingSince: "2012-09-01")            // turns 35 on 2 Sept: <35; mentee of PX
        let t2b = try f.person(s, "Т2б", born: "1989-09-01", teachingSince: "2010-09-01")          // 35 on 1 Sept: not <35
        let t3 = try f.person(s, "Т3", born: "1970-01-01", teachingSince: "1992-09-01")            // mentor of P1, P2, G1
        let t4 = try f.person(s, "Т4", born: "1998-03-03", teachingSince: "2023-09-01", left: "2024-06-30") // left before
        let t5 = try f.person(s, "Т5", born: "1997-01-01", teachingSince: "2022-01-10", left: "2025-01-15") // left during
        let t6 = try f.person(s, "Т6", born: "1996-02-02", teachingSince: "2021-09-01")            // <35, exactly 3y; forming pair
        try f.person(s, "Т7", born: "1999-04-04", teachingSince: "2025-09-10", hired: "2025-09-10") // comes after the period
        let t8 = try f.person(s, "Т8", born: nil, teachingSince: nil)                              // incomplete ×2
        try f.person(s, "Т9", born: "1980-05-05", teachingSince: "2023-02-01")                      // 44, <3y, not in mentoring
        ids["t8"] = t8
        // Pupils of s001.
        let s1 = try f.person(s, "У1", role: "student", born: "2010-01-01")
        let s2 = try f.person(s, "У2", role: "student", born: "2011-01-01")
        let s3 = try f.person(s, "У3", role: "student", born: "2007-01-01")   // mentor of P4
        let s4 = try f.person(s, "У4", role: "student", born: "2012-01-01")
        let s5 = try f.person(s, "У5", role: "student", born: "2012-02-01")   // terminated pair only
        try f.person(s, "У6", role: "student", born: "2013-01-01")            // not in mentoring
        let s7 = try f.person(s, "У7", role: "student", born: "2010-03-01", left: "2024-05-31") // left before, still in G1
        try f.person(s, "У8", role: "student", born: "2009-01-01", left: "2025-03-01")         // left during, not in mentoring

        // Mentors.
        let m1 = try f.mentor(s, person: t3)
        let m2 = try f.mentor(s, person: s3)
        try f.mentor(s, person: t2b, status: "candidate")
        let m4 = try f.mentor(s, person: t4)                               // active, but the person left before
        let mx = try f.mentor(s, person: ReportFixture.missing())          // incomplete: person not arrived
        ids["mx"] = mx

        // Mentees.
        let e1 = try f.mentee(s, person: t1, category: "young_specialist")
        try f.mentee(s, person: t1, category: "young_specialist", status: "waiting")   // a second row for the same person
        let e2 = try f.mentee(s, person: t2, category: "struggling")
        let e4 = try f.mentee(s, person: t4, category: "young_specialist", status: "completed")
        let e5 = try f.mentee(s, person: t5, category: "young_specialist")
        let e6 = try f.mentee(s, person: t6, category: "reserve")
        let es1 = try f.mentee(s, person: s1, category: "student")
        let es2 = try f.mentee(s, person: s2, category: "student")
        let es4 = try f.mentee(s, person: s4, category: "student", status: "completed")
        let es5 = try f.mentee(s, person: s5, category: "student", status: "left")
        let es7 = try f.mentee(s, person: s7, category: "student")
        let ex = try f.mentee(s, person: ReportFixture.missing(), category: "young_specialist")  // incomplete
        ids["ex"] = ex

        // Pairs.
        let p1 = try f.pair(s, mentor: m1, form: "teacher-teacher", status: "active", started: "2024-09-15", mentees: [e1])
        ids["p1"] = p1
        let p2 = try f.pair(s, mentor: m1, form: "teacher-teacher", status: "active", started: "2023-10-01", mentees: [e5])
        let g1 = try f.pair(s, mentor: m1, form: "teacher-student", status: "active", started: "2024-10-01", mentees: [es1, es2, es7])
        try f.pair(s, mentor: m1, form: "teacher-teacher", status: "forming", started: nil, mentees: [e6])
        let p4 = try f.pair(s, mentor: m2, form: "student-student", status: "completed", started: "2024-02-01", ended: "2024-12-20", mentees: [es4])
        let p5 = try f.pair(s, mentor: m1, form: "teacher-student", status: "terminated", started: "2024-10-01", ended: "2024-11-15", mentees: [es5])
        let pold = try f.pair(s, mentor: m4, form: "teacher-teacher", status: "completed", started: "2023-09-10", ended: "2024-05-20", mentees: [e4])
        let px = try f.pair(s, mentor: ReportFixture.missing(), form: "teacher-teacher", status: "active", started: "2024-09-20", mentees: [e2])
        ids["px"] = px

        // Plans.
        try f.plan(s, pair: p1, mentee: e1, status: "active", starts: "2024-10-01", ends: "2025-05-31")   // due, not done
        try f.plan(s, pair: p2, mentee: e5, status: "draft", starts: "2024-10-01", ends: "2025-05-31")    // a draft: no plan
        try f.plan(s, pair: g1, mentee: nil, status: "done", starts: "2024-10-01", ends: "2025-04-30")    // group plan, done
        try f.plan(s, pair: pold, mentee: e4, status: "done", starts: "2023-10-01", ends: "2024-05-31")   // last year
        try f.plan(s, pair: p5, mentee: es5, status: "failed", starts: "2024-10-01", ends: "2024-12-31")  // due, failed
        try f.plan(s, pair: nil, mentee: e6, status: "active", starts: "2024-11-01", ends: "2026-01-31")  // not due yet
        try f.plan(s, pair: px, mentee: e2, status: "active", starts: "2024-09-20", ends: "2025-06-30")   // due, not done

        // Meetings.
        try f.meeting(s, pair: p1, kind: "introduction", held: "2024-09-16")
        try f.meeting(s, pair: p1, kind: "trial", held: "2024-09-25")
        try f.meeting(s, pair: p1, kind: "planning", held: "2024-10-02")
        try f.meeting(s, pair: p1, kind: "joint_work", held: "2025-01-15")
        try f.meeting(s, pair: p4, kind: "final", held: "2024-12-20")
        try f.meeting(s, pair: pold, kind: "introduction", held: "2023-09-12")     // last year
        ids["undatedMeeting"] = try f.meeting(s, pair: p1, kind: "other", held: nil)   // incomplete
        ids["orphanMeeting"] = try f.meeting(s, pair: ReportFixture.missing(), kind: "joint_work", held: "2024-11-11") // counted, incomplete

        // Surveys.
        try f.survey(s, pair: p4, respondent: "mentor", score: 9, answered: "2024-12-20")
        try f.survey(s, pair: p4, respondent: "mentee", score: 7, answered: "2024-12-21")
        try f.survey(s, pair: p1, respondent: "mentee", score: 8, answered: "2025-01-20")
        try f.survey(s, pair: pold, respondent: "mentor", score: 3, answered: "2024-05-01")   // last year
        ids["undatedSurvey"] = try f.survey(s, pair: p1, respondent: "mentor", score: 10, answered: nil) // incomplete

        // s002: a school with no pairs at all.
        try f.person("s002", "Ш1", born: "1990-03-03", teachingSince: "2015-09-01")
        try f.person("s002", "Ш2", born: "1960-06-06", teachingSince: "1982-09-01")
        try f.person("s002", "Ш3", role: "student", born: "2012-05-05")
    }

    func report(site: String? = nil) throws -> IndicatorReport {
        try IndicatorReport(database: f.db, period: SchoolYear(startYear: 2024), site: site, asOf: "2025-08-31")
    }
}
