import XCTest
import MentorSyncDomain
import MentorSyncTestSupport
@testable import MentorSyncEngine

/// Network mentoring routed by the engine (Protocol/shares.md): each school receives its
/// own rows, the district's, the network mentors' reduced rows, and the rows of the network pairs
/// it is a party to; nothing else of another school, and the district refuses the rest.
final class NetworkShareTests: XCTestCase {
    var t: TestDistrict!
    var s1: Replica { t.school("s001") }
    var s2: Replica { t.school("s002") }
    var s3: Replica { t.school("s003") }

    override func setUpWithError() throws { t = try TestDistrict(schools: ["s001", "s002", "s003"], label: "network") }

    /// s001 offers a mentor; s002 has a young specialist.
    func offerAndMentee() throws -> (mentor: String, mentorPerson: String, mentee: String, menteePerson: String) {
        let p1 = try s1.insert("persons", ["org_id": "s001", "full_name": "Иванова Мария Петровна", "birth_date": "1975-03-14",
                                            "role": "teacher", "position": "учитель", "subject": "физика", "notes": "личное"])
        let m1 = try s1.insert("mentors", ["org_id": "s001", "person_id": .text(p1), "status": "active", "network": 1, "notes": "сетевой"])
        let p2 = try s2.insert("persons", ["org_id": "s002", "full_name": "Петров Олег Ильич", "birth_date": "2000-01-02",
                                            "role": "teacher", "position": "учитель", "subject": "физика"])
        let e2 = try s2.insert("mentees", ["org_id": "s002", "person_id": .text(p2), "category": "young_specialist",
                                            "requests": "методика", "deficits": "дисциплина", "status": "in_pair"])
        return (m1, p1, e2, p2)
    }

    func pair(_ mentor: String, _ mentee: String) throws -> String {
        let pair = try s2.insert("pairs", ["org_id": "s002", "mentor_id": .text(mentor), "form": "teacher-teacher",
                                            "kind": "pair", "started_on": "2025-09-01", "status": "active"])
        try s2.insert("pair_mentees", ["org_id": "s002", "pair_id": .text(pair), "mentee_id": .text(mentee)])
        return pair
    }

    func sync(_ rounds: Int = 2) throws { for _ in 0..<rounds { try t.syncAll() } }

    func testANetworkPairReachesTheMentorsSchoolAndNothingMore() throws {
        let (m1, p1, e2, p2) = try offerAndMentee()
        try sync()
        // Every school holds the offered mentor, and her person reduced.
        for s in [s2, s3] {
            XCTAssertEqual(try s.value("mentors", m1, "notes"), .text("сетевой"))
            XCTAssertEqual(try s.value("persons", p1, "full_name"), .text("Иванова Мария Петровна"))
            XCTAssertEqual(try s.value("persons", p1, "subject"), .text("физика"))
            XCTAssertEqual(try s.value("persons", p1, "birth_date"), .null)
            XCTAssertEqual(try s.value("persons", p1, "notes"), .null)
            XCTAssertEqual(try s.value("persons", p1, "role"), .null)
        }
        XCTAssertNil(try s1.value("persons", p2, "full_name"), "no pair yet: s002's person stays at s002")

        let x = try pair(m1, e2)
        let meeting2 = try s2.insert("meetings", ["org_id": "s002", "pair_id": .text(x), "kind": "introduction", "held_on": "2025-09-05"])
        try sync()
        XCTAssertEqual(try s1.value("pairs", x, "mentor_id"), .text(m1))
        XCTAssertEqual(try s1.value("meetings", meeting2, "kind"), .text("introduction"))
        XCTAssertEqual(try s1.value("mentees", e2, "category"), .text("young_specialist"))
        XCTAssertEqual(try s1.value("mentees", e2, "requests"), .null)
        XCTAssertEqual(try s1.value("mentees", e2, "deficits"), .null)
        XCTAssertEqual(try s1.value("persons", p2, "full_name"), .text("Петров Олег Ильич"))
        XCTAssertEqual(try s1.value("persons", p2, "birth_date"), .null)
        // A third school holds only the reduced mentor rows.
        XCTAssertEqual(try s3.database.scalar("SELECT count(*) FROM persons WHERE org_id <> 's003'")?.integer, 1)
        XCTAssertEqual(try s3.database.scalar("SELECT count(*) FROM mentors WHERE org_id <> 's003'")?.integer, 1)
        for table in ["pairs", "pair_mentees", "mentees", "meetings"] {
            XCTAssertEqual(try s3.database.scalar("SELECT count(*) FROM \(table)")?.integer, 0, table)
        }

        // The mentor's school writes a meeting on the pair: it reaches the pair's school.
        let meeting1 = try s1.insert("meetings", ["org_id": "s001", "pair_id": .text(x), "kind": "planning", "held_on": "2025-09-12"])
        try sync()
        XCTAssertEqual(try s2.value("meetings", meeting1, "kind"), .text("planning"))
        XCTAssertNil(try s3.value("meetings", meeting1, "kind"))
        // An edit of the pair at its school reaches the mentor's school.
        try s2.update("pairs", x, ["status": "completed", "result": "итог"])
        try sync()
        XCTAssertEqual(try s1.value("pairs", x, "result"), .text("итог"))
        // A deleted meeting is deleted at the other party too.
        try s2.delete("meetings", meeting2)
        try sync()
        XCTAssertNil(try s1.value("meetings", meeting2, "kind"))
    }

    /// A pair made after months of meetings with the school's own mentor arrives whole at the
    /// network mentor's school, its meetings too, though every cell was acknowledged long ago.
    func testARowThatEntersTheShareLaterArrivesWhole() throws {
        let (m1, _, e2, _) = try offerAndMentee()
        let own = try s2.insert("persons", ["org_id": "s002", "full_name": "Сидорова Анна", "role": "teacher"])
        let m2 = try s2.insert("mentors", ["org_id": "s002", "person_id": .text(own), "status": "active"])
        let x = try pair(m2, e2)
        let meeting = try s2.insert("meetings", ["org_id": "s002", "pair_id": .text(x), "kind": "trial", "held_on": "2025-10-01", "minutes": "протокол"])
        try sync()
        // The coordinator corrects the pair; s001 then hears from the district, so what it knows
        // covers that write, though it never held the row.
        try t.district.update("pairs", x, ["form": "methodist-teacher"])
        try sync(2)
        XCTAssertNil(try s1.value("pairs", x, "status"))
        try s2.update("pairs", x, ["mentor_id": .text(m1)])
        try sync()
        XCTAssertEqual(try s1.value("pairs", x, "started_on"), .text("2025-09-01"))
        XCTAssertEqual(try s1.value("pairs", x, "status"), .text("active"))
        XCTAssertEqual(try s1.value("pairs", x, "form"), .text("methodist-teacher"))
        XCTAssertEqual(try s1.value("meetings", meeting, "minutes"), .text("протокол"))
        XCTAssertNil(try s1.value("persons", own, "full_name"), "s002's own mentor is not in s001's share")
        XCTAssertEqual(try t.district.snapshot(owners: ["s002"])["meetings"], try s1.snapshot(owners: ["s002"])["meetings"])
    }

    /// The district refuses, with a reason the school hears: a pair with another school's mentor
    /// who is not offered, and a meeting on a pair the school is no party to.
    func testWritesOutsideWhatASchoolMayWriteAreRefused() throws {
        let (m1, _, e2, _) = try offerAndMentee()
        let p3 = try s3.insert("persons", ["org_id": "s003", "full_name": "Кузнецова Ольга", "role": "teacher"])
        let m3 = try s3.insert("mentors", ["org_id": "s003", "person_id": .text(p3), "status": "active"])
        try sync()
        let x = try pair(m1, e2)
        try sync()
        // s002 names s003's mentor, who is not offered (it knows the id only by chance).
        let refusedPair = try s2.insert("pairs", ["org_id": "s002", "mentor_id": .text(m3), "kind": "pair"])
        let upload = try t.districtMerges(try t.upload("s002"))
        XCTAssertEqual(upload.refusals.map(\.id), [refusedPair])
        XCTAssertTrue(upload.refusals[0].reason.contains("not offered"), upload.refusals[0].reason)
        // s003 writes a meeting on s002's pair with s001's mentor.
        let stray = try s3.insert("meetings", ["org_id": "s003", "pair_id": .text(x), "kind": "other"])
        let fromS3 = try t.districtMerges(try t.upload("s003"))
        XCTAssertEqual(fromS3.refusals.map(\.id), [stray])
        XCTAssertTrue(fromS3.refusals[0].reason.contains("not a party"), fromS3.refusals[0].reason)
        // s001 may add meetings to the pair, not plans.
        let plan = try s1.insert("plans", ["org_id": "s001", "pair_id": .text(x), "title": "план"])
        let fromS1 = try t.districtMerges(try t.upload("s001"))
        XCTAssertEqual(fromS1.refusals.map(\.id), [plan])
        try sync()
        XCTAssertNil(try t.district.value("pairs", refusedPair, "kind"))
        XCTAssertNil(try s2.value("meetings", stray, "kind"))
        XCTAssertNil(try s2.value("plans", plan, "title"))
    }

    /// A change of the mentee's school to the pair is owed to the mentor's school at once, so the
    /// daemon writes it a fresh reply without waiting for a bundle of its own.
    func testTheDistrictCountsShareRowsItOwesASchool() throws {
        let (m1, _, e2, _) = try offerAndMentee()
        try sync()
        let x = try pair(m1, e2)
        try sync()
        XCTAssertEqual(try t.district.unacknowledgedRows(for: s1.site), 0)
        try s2.insert("meetings", ["org_id": "s002", "pair_id": .text(x), "kind": "trial"])
        try t.districtMerges(try t.upload("s002"))
        XCTAssertEqual(try t.district.unacknowledgedRows(for: s1.site), 1)
        XCTAssertEqual(try t.district.unacknowledgedRows(for: s3.site), 0, "nothing of it is owed to a third school")
        try sync()
        XCTAssertEqual(try t.district.unacknowledgedRows(for: s1.site), 0)
    }

    /// The mentor's school edits the pair (another school's row) in sqlite3: the district refuses
    /// it and writes its own value again, so the school holds the district's value once more.
    func testARefusedEditOfAnotherSchoolsPairIsUndoneThere() throws {
        let (m1, _, e2, _) = try offerAndMentee()
        try sync()
        let x = try pair(m1, e2)
        try sync()
        try s1.update("pairs", x, ["status": "terminated"])
        try s1.fold()
        XCTAssertEqual(try t.districtMerges(try t.upload("s001")).refusals.map(\.id), [x])
        try sync()
        XCTAssertEqual(try s1.value("pairs", x, "status"), .text("active"))
        XCTAssertEqual(try s2.value("pairs", x, "status"), .text("active"))
        XCTAssertEqual(try t.district.value("pairs", x, "status"), .text("active"))
    }

    /// Unsharing: a mentor taken off the network keeps the pairs she has; a new pair is refused.
    func testAMentorTakenOffTheNetworkKeepsHerPairsButTakesNoNewOnes() throws {
        let (m1, _, e2, _) = try offerAndMentee()
        try sync()
        let x = try pair(m1, e2)
        try sync()
        try s1.update("mentors", m1, ["network": 0])
        try sync()
        try s2.update("pairs", x, ["status": "completed"])
        let meeting = try s1.insert("meetings", ["org_id": "s001", "pair_id": .text(x), "kind": "final"])
        let late = try s2.insert("pairs", ["org_id": "s002", "mentor_id": .text(m1), "kind": "pair"])
        XCTAssertEqual(try t.districtMerges(try t.upload("s002")).refusals.map(\.id), [late])
        try sync()
        XCTAssertEqual(try s1.value("pairs", x, "status"), .text("completed"))
        XCTAssertEqual(try s2.value("meetings", meeting, "kind"), .text("final"))
        XCTAssertNil(try s1.value("pairs", late, "kind"))
    }

    /// Share members are rows, told apart by their ids' bytes as SQLite tells them apart.
    func testRowKeysCompareIdsByTheirBytes() {
        let composed = Replica.RowKey(table: 3, id: "Семёнов"), decomposed = Replica.RowKey(table: 3, id: "Семе\u{0308}нов")
        XCTAssertNotEqual(composed, decomposed)
        XCTAssertEqual(Set([composed, decomposed, composed]).count, 2)
        XCTAssertTrue(decomposed < composed, "byte order: е (d0 b5) before ё (d1 91)")
        XCTAssertEqual(Replica.RowKey(table: 3, id: "a"), Replica.RowKey(table: 3, id: "a"))
        XCTAssertTrue(Replica.RowKey(table: 2, id: "z") < Replica.RowKey(table: 3, id: "a"))
    }
}
