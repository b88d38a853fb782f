import Foundation
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// A hand-made district for indicators 8–12 (registry schema 2), school year 2024-2025
/// (1 September 2024 – 31 August 2025; contests of 2025). The right answers are worked out in
/// `StaffIndicatorTests`; each row says here what it counts for.
final class StaffIndicatorFixture {
    let f: ReportFixture
    var ids: [String: String] = [:]

    private func text(_ pairs: [String: String?]) -> [String: DatabaseValue] {
        pairs.mapValues { $0.map { DatabaseValue.text($0) } ?? .null }
    }

    @discardableResult
    func diagnostic(_ site: String, _ person: String, held: String?, level: String?) throws -> String {
        try f.replica.insert("diagnostics", text(["org_id": site, "person_id": person, "held_on": held, "level": level,
                                                 "tool": "анкета"]))
    }

    @discardableResult
    func training(_ site: String, _ person: String, topic: String, federal: Int64, passed: Int64, finished: String?) throws -> String {
        var v = text(["org_id": site, "person_id": person, "course": "Курс", "topic": topic, "finished_on": finished])
        v["federal_registry"] = .integer(federal)
        v["passed"] = .integer(passed)
        return try f.replica.insert("trainings", v)
    }

    @discardableResult
    func contest(_ site: String, _ person: String, year: Int64?) throws -> String {
        var v = text(["org_id": site, "person_id": person, "contest": "Учитель года", "level": "municipal"])
        v["year"] = year.map { .integer($0) } ?? .null
        return try f.replica.insert("contest_entries", v)
    }

    @discardableResult
    func event(_ site: String, kind: String?, starts: String?, ends: String? = nil, status: String = "done") throws -> String {
        try f.replica.insert("events", text(["org_id": site, "title": "Мероприятие", "kind": kind, "starts_on": starts,
                                            "ends_on": ends, "status": status]))
    }

    @discardableResult
    func took(_ site: String, _ person: String, part event: String, role: String = "participant") throws -> String {
        try f.replica.insert("event_participants", text(["org_id": site, "event_id": event, "person_id": person, "role": role]))
    }

    init() throws {
        f = try ReportFixture()
        try f.organization("district", name: "ЦРО", kind: "district")
        try f.organization("s001", name: "Школа № 1")
        try f.organization("s002", name: "Школа № 2")
        // 8b's target comes from the indicators table (50 instead of 60).
        try f.indicatorTarget("diagnosed_basic_or_above", 50)

        let s = "s001"
        // Staff of s001: А1, А2, А4 teachers, А3 a manager. Not staff: А5 (left before), a pupil, a methodologist.
        let a1 = try f.person(s, "А1", born: "1980-01-01", teachingSince: "2000-09-01")
        let a2 = try f.person(s, "А2", born: "1985-01-01", teachingSince: "2008-09-01")
        let a3 = try f.person(s, "А3", role: "manager", born: "1975-01-01")
        let a4 = try f.person(s, "А4", born: "1990-01-01", teachingSince: "2014-09-01")
        let a5 = try f.person(s, "А5", born: "1992-01-01", teachingSince: "2016-09-01", left: "2024-06-30")
        let pupil = try f.person(s, "У1", role: "student", born: "2010-01-01")
        let methodologist = try f.person(s, "М1", role: "methodologist", born: "1970-01-01")
        ids["a4"] = a4

        // 8: А1 low then basic (last: basic, yes); А2 high then unacceptable (last: unacceptable, no);
        // А3 only before the period; А4 in the period without a level (8a yes, 8b left out, incomplete);
        // А5 left before the period; the methodologist is not staff; one diagnostic of a person not arrived.
        try diagnostic(s, a1, held: "2024-10-10", level: "low")
        try diagnostic(s, a1, held: "2025-03-01", level: "basic")
        try diagnostic(s, a2, held: "2024-12-01", level: "high")
        try diagnostic(s, a2, held: "2025-04-01", level: "unacceptable")
        try diagnostic(s, a3, held: "2024-08-31", level: "high")
        ids["levelless"] = try diagnostic(s, a4, held: "2025-02-02", level: nil)
        try diagnostic(s, a5, held: "2024-09-10", level: "high")
        try diagnostic(s, methodologist, held: "2024-11-11", level: "high")
        ids["orphanDiagnostic"] = try diagnostic(s, ReportFixture.missing(), held: "2024-11-11", level: "high")

        // 9: А1 passed a federal course in the period (yes); А2 failed one; А3 passed one but is a manager.
        // 11: А2 passed talents before the period (yes: trained), А3 in the period (yes), А4 with no finish date (incomplete).
        try training(s, a1, topic: "mentoring", federal: 1, passed: 1, finished: "2025-02-01")
        try training(s, a2, topic: "deficits", federal: 1, passed: 0, finished: "2025-01-10")
        try training(s, a3, topic: "other", federal: 1, passed: 1, finished: "2024-10-01")
        try training(s, a2, topic: "talents", federal: 0, passed: 1, finished: "2023-05-01")
        try training(s, a3, topic: "talents", federal: 0, passed: 1, finished: "2025-05-05")
        ids["undatedTraining"] = try training(s, a4, topic: "talents", federal: 0, passed: 1, finished: nil)
        try training(s, a1, topic: "talents", federal: 0, passed: 1, finished: "2025-09-15")   // after the period

        // 10: А1 in a 2025 contest (yes); А2 in 2024's (not this year); А4's entry has no year (incomplete).
        try contest(s, a1, year: 2025)
        try contest(s, a2, year: 2024)
        ids["yearlessContest"] = try contest(s, a4, year: nil)

        // 12: E1 practice sharing in November: А1, А3 (speaker), the pupil, and s002's Б1.
        // E2 a seminar: А2. E3 a master class, cancelled: А3. E4 a round table with no date: А4 (incomplete).
        let e1 = try event(s, kind: "practice_sharing", starts: "2024-11-20")
        let e2 = try event(s, kind: "seminar", starts: "2025-01-15", ends: "2025-01-16")
        let e3 = try event(s, kind: "master_class", starts: "2025-02-10", status: "cancelled")
        let e4 = try event(s, kind: "round_table", starts: nil)
        ids["undatedEvent"] = e4
        try took(s, a1, part: e1)
        try took(s, a3, part: e1, role: "speaker")
        try took(s, pupil, part: e1)
        try took(s, a2, part: e2)
        try took(s, a3, part: e3)
        try took(s, a4, part: e4)
        ids["orphanParticipant"] = try took(s, a1, part: ReportFixture.missing())

        // s002: Б1, Б2 teachers.
        let b1 = try f.person("s002", "Б1", born: "1991-01-01", teachingSince: "2015-09-01")
        let b2 = try f.person("s002", "Б2", born: "1988-01-01", teachingSince: "2011-09-01")
        try diagnostic("s002", b2, held: "2025-01-01", level: "elevated")
        try contest("s002", b2, year: 2025)
        try contest("s002", b2, year: 2025)                  // a second contest: one teacher still
        try took("s002", b1, part: e1)                       // s001's event counts in Б1's own school
        // E5 a consultation in June; E6 a practice sharing from late August into September.
        let e5 = try event("s002", kind: "consultation", starts: "2025-06-01", ends: "2025-06-02")
        let e6 = try event("s002", kind: "practice_sharing", starts: "2024-08-25", ends: "2024-09-05")
        try took("s002", b1, part: e5)
        try took("s002", b2, part: e6)
        // An event of schema 1 (no kind) that Б2 took part in: counted nowhere, listed as incomplete.
        let e7 = try event("s002", kind: nil, starts: "2025-02-01")
        ids["kindlessEvent"] = e7
        try took("s002", b2, part: e7)
    }

    func report(site: String? = nil) throws -> IndicatorReport {
        try IndicatorReport(database: f.db, period: SchoolYear(startYear: 2024), site: site, asOf: "2025-08-31")
    }
}
