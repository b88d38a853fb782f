import Foundation
import XCTest
@testable import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// Checks made where an entry is made (`put`, and so a form and a list): an end date before its
/// start, a plan's mentee outside its pair, the same person twice; and what a closed pair leaves open, told at once.
final class EntryChecksTests: XCTestCase {
    var scratch: ScratchDirectory!
    var school: Replica!
    var e: RegistryEditor!

    override func setUpWithError() throws {
        scratch = ScratchDirectory("entry-checks")
        school = try Replica.create(path: scratch.path("s017.db").path, site: SiteID("s017")!, role: .school,
                                    district: SiteID("district")!, schema: RegistrySchema.schema)
        e = RegistryEditor(replica: school)
    }

    override func tearDown() { e = nil; school = nil; scratch = nil }

    /// A waiting mentee linked to a forming or running pair is in the pair; one who left, or a
    /// link to a closed pair, changes nothing.
    func testAMenteeLinkedToAPairIsInAPair() throws {
        let editor = e!
        func mentee(_ name: String, _ status: String?) throws -> String {
            let p = try editor.put(table: "persons", sets: [("full_name", name), ("role", "teacher")]).id
            return try editor.put(table: "mentees", sets: [("person_id", p)] + (status.map { [("status", $0)] } ?? [])).id
        }
        let mentor = try editor.put(table: "mentors", sets: [("person_id", try editor.put(table: "persons", sets: [("full_name", "Кузнецов Виктор")]).id)]).id
        let running = try editor.put(table: "pairs", sets: [("mentor_id", mentor), ("status", "active")]).id
        let closed = try editor.put(table: "pairs", sets: [("mentor_id", mentor), ("status", "completed"), ("started_on", "01.09.2024")]).id
        let (waiting, unset, left, late) = (try mentee("Ахмедова Зарина", "waiting"), try mentee("Орлов Пётр", nil), try mentee("Смирнова Анна", "left"), try mentee("Петров Олег", "waiting"))
        for m in [waiting, unset, left] { _ = try editor.put(table: "pair_mentees", sets: [("pair_id", running), ("mentee_id", m)]) }
        _ = try editor.put(table: "pair_mentees", sets: [("pair_id", closed), ("mentee_id", late)])
        func status(_ id: String) throws -> String? { try school.database.scalar("SELECT status FROM mentees WHERE id = ?", [.text(id)])?.text }
        XCTAssertEqual([try status(waiting), try status(unset), try status(left), try status(late)], ["in_pair", "in_pair", "left", "waiting"])
    }

    /// Another organization's rows are refused naming it as people know it, not by its code.
    func testAnotherOrganizationsRowIsRefusedByItsName() throws {
        try school.database.execute("INSERT INTO organizations (id, org_id, name, kind) VALUES ('s002', 'district', 'МБОУ СОШ № 2', 'school')")
        XCTAssertThrowsError(try e.put(table: "persons", sets: [("org_id", "s002"), ("full_name", "Петров Олег")])) { error in
            XCTAssertEqual((error as? MessageError)?.message.russian,
                           "эта школа (s017) не может менять записи организации «МБОУ СОШ № 2»; это может только управление образования")
        }
    }

    func testAnEndBeforeItsStartIsRefused() throws {
        let editor = e!
        XCTAssertThrowsError(try editor.put(table: "events", sets: [("title", "Семинар"), ("starts_on", "20.10.2025"), ("ends_on", "31.05.2025")])) { e in
            XCTAssertEqual((e as? MessageError)?.message.key, "registry.end_before_start")
            XCTAssertTrue((e as? MessageError)?.message.russian.contains("» 31.05.2025 раньше, чем «") ?? false, "\(e)")
        }
        XCTAssertEqual(try school.database.scalar("SELECT count(*) FROM events")?.integer, 0)

        let event = try editor.put(table: "events", sets: [("title", "Семинар"), ("starts_on", "20.10.2025")]).id
        XCTAssertThrowsError(try editor.put(table: "events", sets: [("ends_on", "2025-05-31")], id: event), "the start the row holds counts")
        _ = try editor.put(table: "events", sets: [("ends_on", "2026-05-31")], id: event)
        _ = try editor.put(table: "events", sets: [("ends_on", "2025-10-20")], id: event)  // one day is a span

        let list = scratch.path("staff.csv")
        try Data("ФИО;Дата рождения;Дата приёма;Дата увольнения\nПетрова Анна;01.02.1990;01.09.2020;31.08.2019\nОрлов Пётр;02.03.1985;01.09.2020;\n".utf8).write(to: list)
        let r = try CSVImporter().import(table: "persons", file: list, into: school, skipBad: true)
        XCTAssertEqual(r.inserted, 1)
        XCTAssertEqual(r.badRows.map(\.line), [2])
        XCTAssertTrue(r.badRows.first?.reason.contains("left_on") ?? false, "\(r.badRows)")
        // A line updating a row is checked against the other end the row holds, as put checks it.
        let update = scratch.path("leaving.csv")
        try Data("ФИО;Дата рождения;Дата увольнения\nОрлов Пётр;02.03.1985;01.06.2019\n".utf8).write(to: update)
        let again = try CSVImporter().import(table: "persons", file: update, into: school, skipBad: true)
        XCTAssertEqual([again.updated, again.badRows.count], [0, 1], "\(again.badRows)")
    }

    /// A meeting dated before its pair began or after it ended is refused (a year typed wrong); so is
    /// a pair's start or end moved past a meeting it has. The pair's first and last days are within it.
    func testAMeetingBeforeItsPairBeganIsRefused() throws {
        _ = try e.put(table: "persons", sets: [("full_name", "Кузнецов Виктор Павлович")])
        let mentor = try e.put(table: "mentors", sets: [("person_id", "Кузнецов Виктор Павлович")]).id
        let pair = try e.put(table: "pairs", sets: [("mentor_id", mentor), ("status", "active"), ("started_on", "01.09.2025")]).id
        XCTAssertThrowsError(try e.put(table: "meetings", sets: [("pair_id", pair), ("kind", "introduction"), ("held_on", "15.09.2024")])) { error in
            XCTAssertEqual((error as? MessageError)?.message.key, "registry.dated_before_pair")
            XCTAssertEqual((error as? MessageError)?.message.russian,
                           "«Дата встречи» 15.09.2024 раньше начала пары «Кузнецов Виктор Павлович» (01.09.2025); проверьте дату или сначала исправьте дату начала пары")
        }
        XCTAssertEqual(try school.database.scalar("SELECT count(*) FROM meetings")?.integer, 0)
        // A questionnaire answered before the pair was formed is taken.
        _ = try e.put(table: "surveys", sets: [("pair_id", pair), ("respondent", "mentee"), ("satisfaction", "8"), ("answered_on", "31.08.2025")])

        let meeting = try e.put(table: "meetings", sets: [("pair_id", pair), ("kind", "introduction"), ("held_on", "01.09.2025")]).id
        XCTAssertThrowsError(try e.put(table: "meetings", sets: [("held_on", "2024-09-15")], id: meeting))
        _ = try e.put(table: "meetings", sets: [("notes", "знакомство")], id: meeting)
        XCTAssertThrowsError(try e.put(table: "pairs", sets: [("started_on", "10.09.2025")], id: pair)) { error in
            XCTAssertEqual((error as? MessageError)?.message.key, "registry.pair_start_after_record")
            XCTAssertTrue((error as? MessageError)?.message.russian.contains("от 01.09.2025 — раньше новой даты начала 10.09.2025") ?? false, "\(error)")
        }
        XCTAssertEqual(try school.database.scalar("SELECT started_on FROM pairs WHERE id = ?", [.text(pair)])?.text, "2025-09-01")
        _ = try e.put(table: "pairs", sets: [("started_on", "25.08.2025")], id: pair)
        // A meeting after the pair ended is refused; a survey then is not (it is answered at the end).
        _ = try e.put(table: "pairs", sets: [("status", "completed"), ("ended_on", "30.05.2026")], id: pair)
        XCTAssertThrowsError(try e.put(table: "meetings", sets: [("pair_id", pair), ("kind", "final"), ("held_on", "10.09.2026")])) { error in
            XCTAssertEqual((error as? MessageError)?.message.russian,
                           "«Дата встречи» 10.09.2026 позже окончания пары «Кузнецов Виктор Павлович» (30.05.2026); проверьте дату или сначала исправьте дату окончания пары")
        }
        _ = try e.put(table: "meetings", sets: [("pair_id", pair), ("kind", "final"), ("held_on", "30.05.2026")])
        _ = try e.put(table: "surveys", sets: [("pair_id", pair), ("respondent", "mentor"), ("satisfaction", "9"), ("answered_on", "05.06.2026")])
        XCTAssertThrowsError(try e.put(table: "pairs", sets: [("ended_on", "20.05.2026")], id: pair)) { error in
            XCTAssertEqual((error as? MessageError)?.message.key, "registry.pair_end_before_meeting")
        }
        // A pair holding an old mistake (a meeting a year early, written before this check) is still
        // marked done by a list loaded again with its dates unchanged; moving its start is refused.
        try school.database.execute("INSERT INTO meetings (id, org_id, pair_id, kind, held_on) VALUES ('old', 's017', ?, 'trial', '2024-09-20')", [.text(pair)])
        _ = try e.put(table: "pairs", sets: [("started_on", "25.08.2025"), ("ended_on", "30.05.2026"), ("status", "completed")], id: pair)
        XCTAssertThrowsError(try e.put(table: "pairs", sets: [("started_on", "26.08.2025"), ("ended_on", "30.05.2026")], id: pair))
        // A meeting more than a year ahead is a year typed wrong, dates of its pair or not.
        let unended = try e.put(table: "pairs", sets: [("mentor_id", mentor), ("status", "active"), ("started_on", "01.09.2025")]).id
        XCTAssertThrowsError(try e.put(table: "meetings", sets: [("pair_id", unended), ("kind", "joint_work"), ("held_on", "02.10.2052")])) { error in
            XCTAssertEqual((error as? MessageError)?.message.russian, "«Дата встречи» 02.10.2052 — больше чем через год; проверьте год")
        }
        // A pair with no start date takes any.
        let unstarted = try e.put(table: "pairs", sets: [("mentor_id", mentor), ("status", "forming")]).id
        _ = try e.put(table: "meetings", sets: [("pair_id", unstarted), ("kind", "trial"), ("held_on", "01.03.2024")])
        XCTAssertThrowsError(try e.put(table: "meetings", sets: [("pair_id", unstarted), ("kind", "trial"), ("held_on", "01.03.2099")]))
    }

    /// A plan (ИОМ) starts within its pair's life; a plan's start, a survey, a mentor's training more
    /// than a year ahead are a year typed wrong (a training of 20.03.2031 and a plan of 15.09.2016 on
    /// a pair begun 15.09.2026 were taken).
    func testAPlanBeforeItsPairAndDaysFarAheadAreRefused() throws {
        let next = Calendar(identifier: .gregorian).component(.year, from: Date()) + 2
        _ = try e.put(table: "persons", sets: [("full_name", "Кузнецов Виктор Павлович")])
        XCTAssertThrowsError(try e.put(table: "mentors", sets: [("person_id", "Кузнецов Виктор Павлович"), ("trained_on", "20.03.\(next)")])) { error in
            XCTAssertEqual((error as? MessageError)?.message.russian, "«Дата обучения» 20.03.\(next) — больше чем через год; проверьте год")
        }
        let mentor = try e.put(table: "mentors", sets: [("person_id", "Кузнецов Виктор Павлович"), ("trained_on", "20.03.2021")]).id
        // A pair begun «15.09.2095» (for 2025) was taken; one formed now for next September is not refused.
        XCTAssertThrowsError(try e.put(table: "pairs", sets: [("mentor_id", mentor), ("status", "forming"), ("started_on", "15.09.\(next + 68)")])) { error in
            XCTAssertEqual((error as? MessageError)?.message.russian, "«Дата начала» 15.09.\(next + 68) — больше чем через год; проверьте год")
        }
        let soon = RegistryDay.of(Date(), yearsAhead: 1)
        let formed = try e.put(table: "pairs", sets: [("mentor_id", mentor), ("status", "forming"), ("started_on", soon)]).id
        try e.delete(table: "pairs", id: formed)
        let pair = try e.put(table: "pairs", sets: [("mentor_id", mentor), ("status", "active"), ("started_on", "15.09.2025")]).id
        XCTAssertThrowsError(try e.put(table: "plans", sets: [("pair_id", pair), ("title", "ИОМ"), ("starts_on", "15.09.2015")])) { error in
            XCTAssertEqual((error as? MessageError)?.message.russian,
                           "«Дата начала» 15.09.2015 раньше начала пары «Кузнецов Виктор Павлович» (15.09.2025); проверьте дату или сначала исправьте дату начала пары")
        }
        XCTAssertThrowsError(try e.put(table: "plans", sets: [("pair_id", pair), ("title", "ИОМ"), ("starts_on", "15.09.\(next)")]))
        XCTAssertThrowsError(try e.put(table: "surveys", sets: [("pair_id", pair), ("respondent", "mentee"), ("satisfaction", "8"), ("answered_on", "01.06.\(next)")]))
        XCTAssertEqual(try school.database.scalar("SELECT (SELECT count(*) FROM plans) + (SELECT count(*) FROM surveys)")?.integer, 0)
        let plan = try e.put(table: "plans", sets: [("pair_id", pair), ("title", "ИОМ"), ("starts_on", "15.09.2025")]).id
        // The pair's start is not moved past its plan.
        XCTAssertThrowsError(try e.put(table: "pairs", sets: [("started_on", "01.10.2025")], id: pair)) { error in
            XCTAssertEqual((error as? MessageError)?.message.key, "registry.pair_start_after_record")
        }
        _ = try e.put(table: "plans", sets: [("goals", "уроки")], id: plan)
    }

    /// A meeting is entered with its day (one without it counted in no year and sat in the report's
    /// incomplete rows); a «пара» has one introduction (a group meets a mentee who joins later).
    func testAMeetingHasItsDayAndAPairOneIntroduction() throws {
        _ = try e.put(table: "persons", sets: [("full_name", "Кузнецов Виктор Павлович")])
        let mentor = try e.put(table: "mentors", sets: [("person_id", "Кузнецов Виктор Павлович")]).id
        let pair = try e.put(table: "pairs", sets: [("mentor_id", mentor), ("status", "active"), ("started_on", "01.09.2025")]).id
        XCTAssertThrowsError(try e.put(table: "meetings", sets: [("pair_id", pair), ("kind", "introduction")])) { error in
            XCTAssertEqual((error as? MessageError)?.message.russian, "не заполнено «Дата встречи»: без этого новую запись таблицы «Встречи» не сохранить")
        }
        let first = try e.put(table: "meetings", sets: [("pair_id", pair), ("kind", "introduction"), ("held_on", "16.09.2025")]).id
        XCTAssertThrowsError(try e.put(table: "meetings", sets: [("pair_id", pair), ("kind", "introduction"), ("held_on", "17.09.2025")])) { error in
            XCTAssertEqual((error as? MessageError)?.message.russian,
                           "у пары «Кузнецов Виктор Павлович» уже есть «встреча-знакомство» (16.09.2025); выберите другой вид встречи или откройте ту запись")
        }
        // Two introductions held already (written by another program): a note added to one is no new introduction.
        try school.database.execute("INSERT INTO meetings (id, org_id, pair_id, kind, held_on) VALUES ('old-intro', 's017', ?, 'introduction', '2025-09-15')", [.text(pair)])
        _ = try e.put(table: "meetings", sets: [("notes", "первая")], id: "old-intro")
        try school.database.execute("DELETE FROM meetings WHERE id = 'old-intro'")
        let second = try e.put(table: "meetings", sets: [("pair_id", pair), ("kind", "trial"), ("held_on", "17.09.2025")]).id
        XCTAssertThrowsError(try e.put(table: "meetings", sets: [("kind", "introduction")], id: second))
        // The introduction itself is changed as it is, and two «совместная работа» are many.
        _ = try e.put(table: "meetings", sets: [("kind", "introduction"), ("notes", "знакомство")], id: first)
        for day in ["01.10.2025", "08.10.2025"] { _ = try e.put(table: "meetings", sets: [("pair_id", pair), ("kind", "joint_work"), ("held_on", day)]) }
        // A pair reopened may meet at the end twice; a group greets a mentee who joins in January.
        _ = try e.put(table: "meetings", sets: [("pair_id", pair), ("kind", "final"), ("held_on", "20.05.2026")])
        _ = try e.put(table: "meetings", sets: [("pair_id", pair), ("kind", "final"), ("held_on", "25.05.2026")])
        let group = try e.put(table: "pairs", sets: [("mentor_id", mentor), ("kind", "group"), ("status", "active"), ("started_on", "01.09.2025")]).id
        for day in ["16.09.2025", "20.01.2026"] { _ = try e.put(table: "meetings", sets: [("pair_id", group), ("kind", "introduction"), ("held_on", day)]) }
        XCTAssertEqual(try school.database.scalar("SELECT count(*) FROM meetings")?.integer, 8)
    }

    /// The roadmap's order: nothing but «другое» before a «пара»'s introduction (a planning meeting of
    /// 15.09 stood before the introduction of 16.09); a group is not held to it.
    func testNoMeetingComesBeforeAPairsIntroduction() throws {
        _ = try e.put(table: "persons", sets: [("full_name", "Кузнецов Виктор Павлович")])
        let mentor = try e.put(table: "mentors", sets: [("person_id", "Кузнецов Виктор Павлович")]).id
        let pair = try e.put(table: "pairs", sets: [("mentor_id", mentor), ("status", "active"), ("started_on", "01.09.2026")]).id
        let planning = try e.put(table: "meetings", sets: [("pair_id", pair), ("kind", "planning"), ("held_on", "15.09.2026")]).id
        XCTAssertThrowsError(try e.put(table: "meetings", sets: [("pair_id", pair), ("kind", "introduction"), ("held_on", "16.09.2026")])) { error in
            XCTAssertEqual((error as? MessageError)?.message.russian,
                           "у пары «Кузнецов Виктор Павлович» «встреча-планирование» (15.09.2026) оказалась бы раньше встречи-знакомства (16.09.2026); знакомство — первая встреча: проверьте дату или вид встречи")
        }
        _ = try e.put(table: "meetings", sets: [("held_on", "20.09.2026")], id: planning)
        _ = try e.put(table: "meetings", sets: [("pair_id", pair), ("kind", "introduction"), ("held_on", "16.09.2026")])
        XCTAssertThrowsError(try e.put(table: "meetings", sets: [("pair_id", pair), ("kind", "trial"), ("held_on", "10.09.2026")])) { error in
            XCTAssertEqual((error as? MessageError)?.message.key, "registry.meeting_before_introduction")
        }
        XCTAssertThrowsError(try e.put(table: "meetings", sets: [("held_on", "14.09.2026")], id: planning))
        _ = try e.put(table: "meetings", sets: [("pair_id", pair), ("kind", "other"), ("held_on", "10.09.2026")])
        let group = try e.put(table: "pairs", sets: [("mentor_id", mentor), ("kind", "group"), ("status", "active"), ("started_on", "01.09.2026")]).id
        _ = try e.put(table: "meetings", sets: [("pair_id", group), ("kind", "introduction"), ("held_on", "20.09.2026")])
        _ = try e.put(table: "meetings", sets: [("pair_id", group), ("kind", "trial"), ("held_on", "10.09.2026")])
        XCTAssertEqual(try school.database.scalar("SELECT count(*) FROM meetings")?.integer, 5)
    }

    /// A group made a «пара» keeps its meetings: two introductions (a mentee who joined in January)
    /// or a trial before the introduction refuse the change, saying what to do.
    func testAGroupMadeAPairKeepsAPairsMeetings() throws {
        _ = try e.put(table: "persons", sets: [("full_name", "Кузнецов Виктор Павлович")])
        let mentor = try e.put(table: "mentors", sets: [("person_id", "Кузнецов Виктор Павлович")]).id
        let group = try e.put(table: "pairs", sets: [("mentor_id", mentor), ("kind", "group"), ("status", "active"), ("started_on", "01.09.2026")]).id
        _ = try e.put(table: "meetings", sets: [("pair_id", group), ("kind", "introduction"), ("held_on", "16.09.2026")])
        let january = try e.put(table: "meetings", sets: [("pair_id", group), ("kind", "introduction"), ("held_on", "20.01.2027")]).id
        XCTAssertThrowsError(try e.put(table: "pairs", sets: [("kind", "pair")], id: group)) { error in
            XCTAssertEqual((error as? MessageError)?.message.russian,
                           "у пары «Кузнецов Виктор Павлович» встреч «встреча-знакомство»: 2 (16.09.2026, 20.01.2027), а у вида «пара» она одна: оставьте вид «группа» или сначала удалите лишние встречи")
        }
        XCTAssertEqual(try school.database.scalar("SELECT kind FROM pairs WHERE id = ?", [.text(group)])?.text, "group")
        _ = try e.delete(table: "meetings", id: january)
        let trial = try e.put(table: "meetings", sets: [("pair_id", group), ("kind", "trial"), ("held_on", "10.09.2026")]).id
        XCTAssertThrowsError(try e.put(table: "pairs", sets: [("kind", "pair")], id: group)) { error in
            XCTAssertEqual((error as? MessageError)?.message.key, "registry.meeting_before_introduction")
        }
        _ = try e.put(table: "meetings", sets: [("held_on", "20.09.2026")], id: trial)
        _ = try e.put(table: "pairs", sets: [("kind", "pair")], id: group)
        XCTAssertEqual(try school.database.scalar("SELECT kind FROM pairs WHERE id = ?", [.text(group)])?.text, "pair")
    }

    /// A group that cannot be made a «пара» for several reasons is told them all at once — its two
    /// introductions, a trial before them, its second mentee — in one line (it heard of the meetings
    /// first, and of the mentee only once they were put right); one reason reads as before.
    /// A pupil is no mentor of «учитель – учитель» (he counted among the school's active mentors and
    /// its teacher pairs), a teacher no mentee of «учитель – ученик»; a form changed holds the mentees
    /// the pair has; a person without a role is not held to it; nothing is written when refused.
    func testEachSideOfAPairsFormTakesItsRole() throws {
        _ = try e.put(table: "persons", sets: [("full_name", "Иванов Максим"), ("role", "student")])
        _ = try e.put(table: "persons", sets: [("full_name", "Морозова Екатерина"), ("role", "teacher")])
        _ = try e.put(table: "persons", sets: [("full_name", "Кузнецов Виктор"), ("role", "teacher")])
        _ = try e.put(table: "persons", sets: [("full_name", "Без Роли")])
        let pupil = try e.put(table: "mentors", sets: [("person_id", "Иванов Максим")]).id
        let teacher = try e.put(table: "mentors", sets: [("person_id", "Кузнецов Виктор")]).id
        let unknown = try e.put(table: "mentors", sets: [("person_id", "Без Роли")]).id
        _ = try e.put(table: "mentees", sets: [("person_id", "Морозова Екатерина")])
        func pairs() throws -> Int64 { try school.database.scalar("SELECT count(*) FROM pairs")?.integer ?? -1 }
        XCTAssertThrowsError(try e.put(table: "pairs", sets: [("mentor_id", pupil), ("form", "teacher-teacher")])) { error in
            XCTAssertEqual((error as? MessageError)?.message.russian,
                           "в форме «учитель – учитель» наставник — не ученик, а «Иванов Максим» — ученик: выберите другого наставника или другую форму наставничества")
        }
        XCTAssertEqual(try pairs(), 0, "nothing written")
        let pair = try e.put(table: "pairs", sets: [("mentor_id", teacher), ("form", "teacher-teacher")]).id
        _ = try e.put(table: "pair_mentees", sets: [("pair_id", pair), ("mentee_id", "Морозова Екатерина")])
        // The form made «учитель – ученик»: its mentee is a teacher.
        XCTAssertThrowsError(try e.put(table: "pairs", sets: [("form", "teacher-student")], id: pair)) { error in
            XCTAssertEqual((error as? MessageError)?.message.russian,
                           "в форме «учитель – ученик» наставляемый — ученик, а «Морозова Екатерина» — учитель: выберите другого наставляемого или другую форму наставничества")
        }
        XCTAssertEqual(try school.database.scalar("SELECT form FROM pairs WHERE id = ?", [.text(pair)])?.text, "teacher-teacher")
        // The mentor changed to the pupil: refused; to one without a role: taken.
        XCTAssertThrowsError(try e.put(table: "pairs", sets: [("mentor_id", pupil)], id: pair))
        _ = try e.put(table: "pairs", sets: [("mentor_id", unknown)], id: pair)
        // «ученик – ученик»: the pupil mentors; a teacher is no mentee of it.
        let pupils = try e.put(table: "pairs", sets: [("mentor_id", pupil), ("form", "student-student")]).id
        XCTAssertThrowsError(try e.put(table: "pair_mentees", sets: [("pair_id", pupils), ("mentee_id", "Морозова Екатерина")])) { error in
            XCTAssertEqual((error as? MessageError)?.message.key, "registry.pair_form_side")
        }
        // Not by the back door: the mentor's role changed after, or the mentee's record given a pupil.
        let orlova = try e.put(table: "persons", sets: [("full_name", "Орлова Вера"), ("role", "teacher")]).id
        let mentorOrlova = try e.put(table: "mentors", sets: [("person_id", orlova)]).id
        let running = try e.put(table: "pairs", sets: [("mentor_id", mentorOrlova), ("form", "teacher-teacher"), ("status", "active")]).id
        XCTAssertThrowsError(try e.put(table: "persons", sets: [("role", "student")], id: orlova)) { error in
            XCTAssertEqual((error as? MessageError)?.message.key, "registry.pair_form_side")
        }
        XCTAssertEqual(try school.database.scalar("SELECT role FROM persons WHERE id = ?", [.text(orlova)])?.text, "teacher", "nothing written")
        let mentee = try XCTUnwrap(try school.database.scalar("SELECT id FROM mentees")?.text)
        _ = try e.put(table: "pair_mentees", sets: [("pair_id", running), ("mentee_id", mentee)])
        XCTAssertThrowsError(try e.put(table: "mentees", sets: [("person_id", "Иванов Максим")], id: mentee))
        // A pair closed keeps its past: a teacher who was a pupil then is no reason to refuse.
        _ = try e.put(table: "pairs", sets: [("status", "completed"), ("ended_on", "01.09.2026")], id: running)
        _ = try e.put(table: "persons", sets: [("role", "student")], id: orlova)
    }

    func testAGroupMadeAPairIsToldEveryReasonAtOnce() throws {
        for name in ["Кузнецов Виктор Павлович", "Смирнова Анна", "Орлов Пётр"] { _ = try e.put(table: "persons", sets: [("full_name", name)]) }
        let mentor = try e.put(table: "mentors", sets: [("person_id", "Кузнецов Виктор Павлович")]).id
        for name in ["Смирнова Анна", "Орлов Пётр"] { _ = try e.put(table: "mentees", sets: [("person_id", name)]) }
        let group = try e.put(table: "pairs", sets: [("mentor_id", mentor), ("kind", "group"), ("status", "active"), ("started_on", "01.09.2026")]).id
        for name in ["Смирнова Анна", "Орлов Пётр"] { _ = try e.put(table: "pair_mentees", sets: [("pair_id", group), ("mentee_id", name)]) }
        _ = try e.put(table: "meetings", sets: [("pair_id", group), ("kind", "introduction"), ("held_on", "16.09.2026")])
        let january = try e.put(table: "meetings", sets: [("pair_id", group), ("kind", "introduction"), ("held_on", "20.01.2027")]).id
        let trial = try e.put(table: "meetings", sets: [("pair_id", group), ("kind", "trial"), ("held_on", "10.09.2026")]).id
        func refusal() -> Message? {
            var said: Message?
            XCTAssertThrowsError(try e.put(table: "pairs", sets: [("kind", "pair")], id: group)) { said = ($0 as? MessageError)?.message }
            return said
        }
        let all = try XCTUnwrap(refusal())
        XCTAssertEqual(all.key, "registry.pair_kind_obstacles")
        XCTAssertEqual(all.russian, "паре «Кузнецов Виктор Павлович» нельзя дать вид «пара»: "
                       + "1) встреч «встреча-знакомство»: 2 (16.09.2026, 20.01.2027), а у пары она одна; "
                       + "2) «пробная встреча» (10.09.2026) раньше встречи-знакомства (16.09.2026); "
                       + "3) наставляемых: 2 (Смирнова Анна, Орлов Пётр), а у пары он один — оставьте вид «группа» или сначала "
                       + "удалите лишние встречи-знакомства, исправьте дату или вид встречи «пробная встреча» и уберите из неё лишних наставляемых")
        XCTAssertTrue(all.english.hasPrefix("the pair “Кузнецов Виктор Павлович” cannot be given the kind “pair”: 1) it has 2 meetings “introduction”"), all.english)
        XCTAssertFalse(all.russian.contains("\n") || all.english.contains("\n"), "one line")
        XCTAssertEqual(try school.database.scalar("SELECT kind FROM pairs WHERE id = ?", [.text(group)])?.text, "group", "nothing written")

        // Two put right: the one left is said as it always was.
        _ = try e.delete(table: "meetings", id: january)
        _ = try e.put(table: "meetings", sets: [("held_on", "20.09.2026")], id: trial)
        XCTAssertEqual(refusal()?.key, "registry.pair_has_several_mentees")
    }

    /// Schema 2's records are of a person (a diagnostic saved with its level alone named no one).
    func testSchemaTwosRecordsNeedTheirPerson() throws {
        XCTAssertThrowsError(try e.put(table: "diagnostics", sets: [("level", "basic")])) { error in
            XCTAssertEqual((error as? MessageError)?.message.key, "registry.required")
        }
        XCTAssertThrowsError(try e.put(table: "event_participants", sets: [("role", "speaker")]))
        XCTAssertThrowsError(try e.put(table: "indicator_values", sets: [("value", "5")]))
        _ = try e.put(table: "persons", sets: [("full_name", "Орлов Пётр")])
        _ = try e.put(table: "diagnostics", sets: [("person_id", "Орлов Пётр"), ("level", "basic")])
        XCTAssertEqual(try school.database.scalar("SELECT (SELECT count(*) FROM diagnostics) + (SELECT count(*) FROM event_participants) + (SELECT count(*) FROM indicator_values)")?.integer, 1)
    }

    /// A teacher of many years is not a young specialist: marked so, she counted in indicator 4.
    func testATeacherOfManyYearsIsNotAYoungSpecialist() throws {
        _ = try e.put(table: "persons", sets: [("full_name", "Федорова Ольга"), ("teaching_since", "01.09.1991")])
        XCTAssertThrowsError(try e.put(table: "mentees", sets: [("person_id", "Федорова Ольга"), ("category", "young_specialist")])) { error in
            XCTAssertEqual((error as? MessageError)?.message.russian,
                           "«Федорова Ольга» преподаёт с 01.09.1991: «молодой специалист» — педагог в первые годы работы (стаж до 5 лет); выберите другую категорию или исправьте у человека «Педагогический стаж с»")
        }
        let mentee = try e.put(table: "mentees", sets: [("person_id", "Федорова Ольга"), ("category", "struggling")]).id
        XCTAssertThrowsError(try e.put(table: "mentees", sets: [("category", "young_specialist")], id: mentee))
        let year = Calendar(identifier: .gregorian).component(.year, from: Date())
        _ = try e.put(table: "persons", sets: [("full_name", "Соколова Екатерина"), ("teaching_since", "01.09.\(year - 1)")])
        _ = try e.put(table: "mentees", sets: [("person_id", "Соколова Екатерина"), ("category", "young_specialist")])
        _ = try e.put(table: "persons", sets: [("full_name", "Белов Игорь")])
        _ = try e.put(table: "mentees", sets: [("person_id", "Белов Игорь"), ("category", "young_specialist")])
        // A mentee of years past (completed) was young then.
        _ = try e.put(table: "persons", sets: [("full_name", "Орлова Нина"), ("teaching_since", "01.09.2012")])
        _ = try e.put(table: "mentees", sets: [("person_id", "Орлова Нина"), ("category", "young_specialist"), ("status", "completed")])
        XCTAssertEqual(try school.database.scalar("SELECT count(*) FROM mentees WHERE category = 'young_specialist'")?.integer, 3)
    }

    /// A mentor or a mentee is a person: one entered without her is refused (the form saved a
    /// nameless mentor the lists could not show).
    func testAMentorOrMenteeWithoutHerPersonIsRefused() throws {
        for table in ["mentors", "mentees"] {
            XCTAssertThrowsError(try e.put(table: table, sets: [("status", table == "mentors" ? "active" : "waiting")])) { error in
                XCTAssertEqual((error as? MessageError)?.message.key, "registry.required", "\(error)")
            }
            XCTAssertEqual(RegistryEditor.neededForNewRow(RegistrySchema.schema.table(named: table)!), ["person_id"])
        }
        XCTAssertEqual(try school.database.scalar("SELECT (SELECT count(*) FROM mentors) + (SELECT count(*) FROM mentees)")?.integer, 0)
        _ = try e.put(table: "persons", sets: [("full_name", "Орлов Пётр")])
        let mentor = try e.put(table: "mentors", sets: [("person_id", "Орлов Пётр")]).id
        _ = try e.put(table: "mentors", sets: [("status", "active")], id: mentor)  // a change need not name her again
        // An empty entry is no person: not for a new row, and she is not taken off an existing one.
        XCTAssertThrowsError(try e.put(table: "mentees", sets: [("person_id", ""), ("status", "waiting")]))
        XCTAssertThrowsError(try e.put(table: "mentors", sets: [("person_id", "")], id: mentor)) { error in
            XCTAssertEqual((error as? MessageError)?.message.key, "registry.required_not_emptied")
        }
        XCTAssertNotNil(try school.database.scalar("SELECT person_id FROM mentors WHERE id = ?", [.text(mentor)])?.text)
    }

    /// A pair is not saved without its mentor, a meeting without its pair, a survey without its
    /// respondent and score; nor emptied of them.
    func testAPairMeetingOrSurveyWithoutWhatNamesItIsRefused() throws {
        func needs(_ table: String) -> [String] { RegistryEditor.neededForNewRow(RegistrySchema.schema.table(named: table)!) }
        XCTAssertEqual(needs("pairs"), ["mentor_id"])
        XCTAssertEqual(needs("meetings"), ["pair_id", "held_on"])
        XCTAssertEqual(needs("surveys"), ["respondent", "satisfaction"])
        XCTAssertThrowsError(try e.put(table: "pairs", sets: [("kind", "pair"), ("started_on", "01.09.2026")])) { error in
            XCTAssertEqual((error as? MessageError)?.message.russian, "не заполнено «Наставник»: без этого новую запись таблицы «Пары» не сохранить")
        }
        _ = try e.put(table: "persons", sets: [("full_name", "Орлов Пётр")])
        _ = try e.put(table: "mentors", sets: [("person_id", "Орлов Пётр")])
        let pair = try e.put(table: "pairs", sets: [("mentor_id", "Орлов Пётр")]).id
        XCTAssertThrowsError(try e.put(table: "pairs", sets: [("mentor_id", "")], id: pair))
        XCTAssertThrowsError(try e.put(table: "meetings", sets: [("kind", "introduction"), ("held_on", "01.10.2026")]))
        XCTAssertThrowsError(try e.put(table: "surveys", sets: [("pair_id", pair), ("respondent", "mentee")]))
        XCTAssertThrowsError(try e.put(table: "surveys", sets: [("pair_id", pair), ("satisfaction", "9")]))
        _ = try e.put(table: "surveys", sets: [("pair_id", pair), ("respondent", "mentee"), ("satisfaction", "9")])
        XCTAssertEqual(try school.database.scalar("SELECT (SELECT count(*) FROM pairs) + (SELECT count(*) FROM meetings) + (SELECT count(*) FROM surveys)")?.integer, 2)
    }

    /// A new row with nothing filled in is refused (a form sent empty said «сохранено» and saved
    /// nothing); a plan needs its pair or its mentee, a pair's link both.
    func testAnEmptyRowAPlanOfNoOneAndAHalfLinkAreRefused() throws {
        XCTAssertThrowsError(try e.put(table: "plans", sets: [("title", ""), ("goals", " ")])) { error in
            XCTAssertEqual((error as? MessageError)?.message.russian, "ничего не заполнено: пустая запись таблицы «Планы (ИОМ)» не сохраняется")
        }
        XCTAssertThrowsError(try e.put(table: "plans", sets: [])) { error in
            XCTAssertEqual((error as? MessageError)?.message.key, "registry.empty_row")
        }
        XCTAssertThrowsError(try e.put(table: "plans", sets: [("title", "ИОМ"), ("starts_on", "15.09.2026")])) { error in
            XCTAssertEqual((error as? MessageError)?.message.russian,
                           "укажите «Пара» или «Наставляемый»: без этого новую запись таблицы «Планы (ИОМ)» не сохранить")
        }
        _ = try e.put(table: "persons", sets: [("full_name", "Орлов Пётр")])
        let mentee = try e.put(table: "mentees", sets: [("person_id", "Орлов Пётр")]).id
        XCTAssertThrowsError(try e.put(table: "pair_mentees", sets: [("mentee_id", mentee)])) { error in
            XCTAssertEqual((error as? MessageError)?.message.key, "registry.required")
        }
        XCTAssertEqual(try school.database.scalar("SELECT (SELECT count(*) FROM plans) + (SELECT count(*) FROM pair_mentees)")?.integer, 0)
        let plan = try e.put(table: "plans", sets: [("mentee_id", mentee), ("title", "ИОМ")])
        XCTAssertTrue(plan.created)
        // What is filled in later is a change of the plan, not a new row.
        XCTAssertFalse(try e.put(table: "plans", sets: [("goals", "уроки физики")], id: plan.id).created)
    }

    /// Closing a pair tells what of it is still open (its plan, its mentee), so the report does not count them as not done.
    func testClosingAPairSaysWhatIsStillOpen() throws {
        for name in ["Петрова Анна Сергеевна", "Смирнова Анна"] { _ = try e.put(table: "persons", sets: [("full_name", name)]) }
        _ = try e.put(table: "mentors", sets: [("person_id", "Петрова Анна Сергеевна")])
        let mentee = try e.put(table: "mentees", sets: [("person_id", "Смирнова Анна"), ("status", "in_pair")]).id
        let pair = try e.put(table: "pairs", sets: [("mentor_id", "Петрова Анна Сергеевна"), ("status", "active")]).id
        _ = try e.put(table: "pair_mentees", sets: [("pair_id", pair), ("mentee_id", mentee)])
        let plan = try e.put(table: "plans", sets: [("pair_id", pair), ("mentee_id", mentee), ("title", "ИОМ Смирновой"), ("status", "active")]).id
        XCTAssertNil(try PairClosing.reminder(pair: pair, database: school.database), "a working pair is not closed")
        _ = try e.put(table: "pairs", sets: [("status", "completed")], id: pair)
        let told = try XCTUnwrap(try PairClosing.reminder(pair: pair, database: school.database)).text(.ru)
        XCTAssertEqual(told, "пара закрыта, но не заполнено: «Дата окончания», «Результат»; ещё открыто: план «ИОМ Смирновой» — действует: отметьте «выполнен» или «не выполнен»; "
                       + "наставляемый «Смирнова Анна» — в паре: отметьте «завершил(а)» или «выбыл(а)» — иначе отчёт посчитает их незавершёнными")
        _ = try e.put(table: "pairs", sets: [("ended_on", "25.05.2026"), ("result", "Цели ИОМ достигнуты")], id: pair)
        let later = try XCTUnwrap(try PairClosing.reminder(pair: pair, database: school.database)).text(.ru)
        XCTAssertTrue(later.hasPrefix("пара закрыта, но ещё открыто: план «ИОМ Смирновой» — "), later)
        _ = try e.put(table: "plans", sets: [("status", "done")], id: plan)
        _ = try e.put(table: "mentees", sets: [("status", "completed")], id: mentee)
        XCTAssertNil(try PairClosing.reminder(pair: pair, database: school.database), "all marked: nothing to say")
        _ = try e.put(table: "pairs", sets: [("result", "")], id: pair)
        XCTAssertEqual(try PairClosing.reminder(pair: pair, database: school.database)?.text(.ru),
                       "пара закрыта, но не заполнено: «Результат»")
    }

    /// A plan's mentee is one of its pair's: another is refused, naming the pair's mentees.
    func testAPlansMenteeIsInItsPair() throws {
        for name in ["Петрова Анна Сергеевна", "Смирнова Анна", "Орлов Пётр"] { _ = try e.put(table: "persons", sets: [("full_name", name)]) }
        _ = try e.put(table: "mentors", sets: [("person_id", "Петрова Анна Сергеевна")])
        for name in ["Смирнова Анна", "Орлов Пётр"] { _ = try e.put(table: "mentees", sets: [("person_id", name)]) }
        let pair = try e.put(table: "pairs", sets: [("mentor_id", "Петрова Анна Сергеевна")]).id
        // A pair with no mentees yet takes any.
        let plan = try e.put(table: "plans", sets: [("pair_id", pair), ("mentee_id", "Орлов Пётр"), ("title", "ИОМ")]).id
        _ = try e.put(table: "pair_mentees", sets: [("pair_id", pair), ("mentee_id", "Смирнова Анна")])
        XCTAssertThrowsError(try e.put(table: "plans", sets: [("pair_id", pair), ("mentee_id", "Орлов Пётр"), ("title", "ИОМ 2")])) { err in
            XCTAssertEqual((err as? MessageError)?.message.key, "registry.mentee_not_in_pair")
            XCTAssertTrue((err as? MessageError)?.message.russian.contains("«Орлов Пётр» нет среди наставляемых пары «Петрова Анна Сергеевна» (в паре: Смирнова Анна)") ?? false, "\(err)")
        }
        // A plan made before the pair had its mentee is still edited — even with its mentee given as it
        // stands (a list loaded again) — and its mentee is checked when it is changed.
        _ = try e.put(table: "plans", sets: [("title", "ИОМ, исправлен")], id: plan)
        _ = try e.put(table: "plans", sets: [("mentee_id", "Орлов Пётр"), ("title", "ИОМ, ещё раз")], id: plan)
        let other = try e.put(table: "plans", sets: [("pair_id", pair), ("mentee_id", "Смирнова Анна"), ("title", "ИОМ 3")]).id
        XCTAssertThrowsError(try e.put(table: "plans", sets: [("mentee_id", "Орлов Пётр")], id: other))
        _ = try e.put(table: "plans", sets: [("mentee_id", "Смирнова Анна")], id: plan)
        XCTAssertEqual(try school.database.scalar("SELECT mentee_id FROM plans WHERE id = ?", [.text(plan)])?.text,
                       try school.database.scalar("SELECT mentee_id FROM pair_mentees")?.text)
    }

    /// A birth date to come, or more than a hundred years back, is a year typed wrong; so is a date of
    /// her work before her birth or more than a year ahead. A person born long ago stays editable.
    func testAPersonsDatesAreThoseALifeAllows() throws {
        func refused(_ sets: [(String, String)], id: String? = nil, _ said: String, line: UInt = #line) {
            XCTAssertThrowsError(try e.put(table: "persons", sets: sets, id: id), line: line) { err in
                XCTAssertEqual((err as? MessageError)?.message.russian, said, line: line)
            }
        }
        let next = RegistryDay.of(Date(), yearsAhead: 2).prefix(4)
        refused([("full_name", "Орлова Ксения"), ("birth_date", "22.07.\(next)")], "«Дата рождения» 22.07.\(next) ещё не наступила; проверьте год")
        refused([("full_name", "Орлова Ксения"), ("birth_date", "02.01.1901")], "«Дата рождения» 02.01.1901 — больше ста лет назад; проверьте год")
        refused([("full_name", "Смирнов Игорь"), ("birth_date", "10.05.1995"), ("teaching_since", "01.09.1985")],
                "«Педагогический стаж с» 01.09.1985 раньше даты рождения 10.05.1995; проверьте год")
        refused([("full_name", "Смирнов Игорь"), ("hired_on", "01.09.\(next)")], "«Дата приёма» 01.09.\(next) — больше чем через год; проверьте год")
        XCTAssertEqual(try school.database.scalar("SELECT count(*) FROM persons")?.integer, 0)
        let id = try e.put(table: "persons", sets: [("full_name", "Смирнов Игорь"), ("birth_date", "10.05.1995"), ("teaching_since", "01.09.2017")]).id
        // Her birth moved after her work began is refused as well; her other columns are changed freely.
        refused([("birth_date", "10.05.2018")], id: id, "«Педагогический стаж с» 01.09.2017 раньше даты рождения 10.05.2018; проверьте год")
        _ = try e.put(table: "persons", sets: [("position", "учитель физики")], id: id)
        // A row from before this check, with a birth date long ago, is still edited on its other columns.
        try school.database.execute("INSERT INTO persons (id, org_id, full_name, birth_date) VALUES ('old', 's017', 'Старая запись', '1890-01-01')")
        _ = try e.put(table: "persons", sets: [("position", "методист")], id: "old")
    }

    /// A person is a mentor once and a mentee once: a second record of her is refused, naming hers.
    func testAPersonHasOneMentorsRecordAndOneMenteesRecord() throws {
        for name in ["Петрова Анна Сергеевна", "Орлов Пётр"] { _ = try e.put(table: "persons", sets: [("full_name", name)]) }
        let mentor = try e.put(table: "mentors", sets: [("person_id", "Петрова Анна Сергеевна")]).id
        XCTAssertThrowsError(try e.put(table: "mentors", sets: [("person_id", "Петрова Анна Сергеевна"), ("status", "active")])) { err in
            XCTAssertEqual((err as? MessageError)?.message.russian,
                           "для человека «Петрова Анна Сергеевна» уже есть запись в разделе «Наставники»; измените её, а не добавляйте вторую")
        }
        let other = try e.put(table: "mentors", sets: [("person_id", "Орлов Пётр")]).id
        XCTAssertThrowsError(try e.put(table: "mentors", sets: [("person_id", "Петрова Анна Сергеевна")], id: other), "moved onto her")
        _ = try e.put(table: "mentors", sets: [("person_id", "Петрова Анна Сергеевна"), ("status", "active")], id: mentor)
        // A mentor may be a mentee too (a teacher learning another craft): one record of each.
        _ = try e.put(table: "mentees", sets: [("person_id", "Петрова Анна Сергеевна")])
        XCTAssertThrowsError(try e.put(table: "mentees", sets: [("person_id", "Петрова Анна Сергеевна")]))
        XCTAssertEqual(try school.database.scalar("SELECT count(*) FROM mentors")?.integer, 2)
        XCTAssertEqual(try school.database.scalar("SELECT count(*) FROM mentees")?.integer, 1)
    }

    /// A pair marked closed ends on a day that has come; an active pair may end later.
    func testAPairClosedBeforeItsEndDateIsRefused() throws {
        _ = try e.put(table: "persons", sets: [("full_name", "Орлов Пётр")])
        _ = try e.put(table: "mentors", sets: [("person_id", "Орлов Пётр")])
        let later = RegistryDay.of(Date(), yearsAhead: 1).prefix(4)
        let pair = try e.put(table: "pairs", sets: [("mentor_id", "Орлов Пётр"), ("status", "active"), ("ended_on", "25.05.\(later)")]).id
        XCTAssertThrowsError(try e.put(table: "pairs", sets: [("status", "completed")], id: pair)) { err in
            XCTAssertEqual((err as? MessageError)?.message.russian,
                           "пара отмечена как «завершена», а дата окончания 25.05.\(later) ещё не наступила; проверьте дату или оставьте пару действующей до этого дня")
        }
        _ = try e.put(table: "pairs", sets: [("status", "completed"), ("ended_on", "01.09.2025")], id: pair)
    }

    /// A «пара» is one mentor and one mentee: a second mentee is refused saying to make it a group,
    /// and a group of two is not made a «пара»; a group takes any number, and one mentee linked again changes nothing.
    func testAPairOfTheKindPairHasOneMentee() throws {
        for name in ["Петрова Анна Сергеевна", "Смирнова Анна", "Орлов Пётр"] { _ = try e.put(table: "persons", sets: [("full_name", name)]) }
        _ = try e.put(table: "mentors", sets: [("person_id", "Петрова Анна Сергеевна")])
        for name in ["Смирнова Анна", "Орлов Пётр"] { _ = try e.put(table: "mentees", sets: [("person_id", name)]) }
        let pair = try e.put(table: "pairs", sets: [("mentor_id", "Петрова Анна Сергеевна"), ("kind", "pair")]).id
        let first = try e.put(table: "pair_mentees", sets: [("pair_id", pair), ("mentee_id", "Смирнова Анна")]).id
        _ = try e.put(table: "pair_mentees", sets: [("mentee_id", "Смирнова Анна")], id: first)
        XCTAssertThrowsError(try e.put(table: "pair_mentees", sets: [("pair_id", pair), ("mentee_id", "Орлов Пётр")])) { err in
            XCTAssertEqual((err as? MessageError)?.message.russian,
                           "пара «Петрова Анна Сергеевна» — это один наставник и один наставляемый, а в ней уже есть «Смирнова Анна»; чтобы добавить ещё наставляемых, выберите для неё вид «группа»")
        }
        XCTAssertEqual(try school.database.scalar("SELECT count(*) FROM pair_mentees")?.integer, 1, "the refused link is not written")
        // Its one mentee changed for another is no second mentee.
        _ = try e.put(table: "pair_mentees", sets: [("mentee_id", "Орлов Пётр")], id: first)
        _ = try e.put(table: "pair_mentees", sets: [("mentee_id", "Смирнова Анна")], id: first)
        _ = try e.put(table: "pairs", sets: [("kind", "group")], id: pair)
        _ = try e.put(table: "pair_mentees", sets: [("pair_id", pair), ("mentee_id", "Орлов Пётр")])
        XCTAssertThrowsError(try e.put(table: "pairs", sets: [("kind", "pair")], id: pair)) { err in
            XCTAssertEqual((err as? MessageError)?.message.russian,
                           "в паре «Петрова Анна Сергеевна» наставляемых: 2 (Смирнова Анна, Орлов Пётр), а вид «пара» — это один наставляемый: оставьте вид «группа» или сначала уберите из неё остальных")
        }
        XCTAssertEqual(try school.database.scalar("SELECT kind FROM pairs")?.text, "group")
        // A mentor is not her own pair's mentee, linked so or made its mentor.
        let teacher = try e.put(table: "mentees", sets: [("person_id", "Петрова Анна Сергеевна")]).id
        XCTAssertThrowsError(try e.put(table: "pair_mentees", sets: [("pair_id", pair), ("mentee_id", teacher)])) { err in
            XCTAssertEqual((err as? MessageError)?.message.russian,
                           "«Петрова Анна Сергеевна» — наставник этой пары и не может быть в ней наставляемым; выберите другого наставляемого или другого наставника")
        }
        _ = try e.put(table: "mentors", sets: [("person_id", "Орлов Пётр")])
        let orlovs = try e.put(table: "pairs", sets: [("mentor_id", "Орлов Пётр"), ("kind", "group")]).id
        _ = try e.put(table: "pair_mentees", sets: [("pair_id", orlovs), ("mentee_id", teacher)])
        XCTAssertThrowsError(try e.put(table: "pairs", sets: [("mentor_id", "Петрова Анна Сергеевна")], id: orlovs)) { err in
            XCTAssertEqual((err as? MessageError)?.message.key, "registry.mentor_of_own_pair", "\(err)")
        }
        // A pair with no kind given is not held to one mentee (its kind is not known).
        let unset = try e.put(table: "pairs", sets: [("mentor_id", "Петрова Анна Сергеевна")]).id
        for name in ["Смирнова Анна", "Орлов Пётр"] { _ = try e.put(table: "pair_mentees", sets: [("pair_id", unset), ("mentee_id", name)]) }
    }

    /// The district's target under a slip of a report's code is refused, naming the code meant (it was
    /// kept, never used, the list saying «В отчёте: нет»); a code of its own indicator is taken, and
    /// a row holding an old slip can still be changed in its other columns.
    func testAnIndicatorCodeThatIsASlipOfTheReportsIsRefused() throws {
        let district = try Replica.create(path: scratch.path("district.db").path, site: SiteID("district")!, role: .district,
                                          district: SiteID("district")!, schema: RegistrySchema.schema)
        let editor = RegistryEditor(replica: district)
        func count() throws -> Int64 { try district.database.scalar("SELECT count(*) FROM indicators")?.integer ?? -1 }
        for slip in ["teachers_under35", "Plans_Done", "plans-done", "staf_diagnosed"] {
            XCTAssertThrowsError(try editor.put(table: "indicators", sets: [("code", slip), ("target_value", "90")]), slip) { e in
                XCTAssertEqual((e as? MessageError)?.message.key, "registry.indicator_code_slip", "\(e)")
            }
        }
        XCTAssertThrowsError(try editor.put(table: "indicators", sets: [("code", "teachers_under35"), ("target_value", "90")])) { e in
            XCTAssertEqual((e as? MessageError)?.message.russian,
                           "код «teachers_under35» похож на код показателя отчёта «teachers_under_35» (показатель 1: \(IndicatorCode.teachersUnder35.title)), "
                           + "но не совпадает с ним, и цель с ним в отчёт не войдёт: впишите «teachers_under_35», а своему показателю управления дайте код, не похожий на коды отчёта")
        }
        XCTAssertEqual(try count(), 0, "nothing written")
        _ = try editor.put(table: "indicators", sets: [("code", "teachers_under_35"), ("target_value", "90")])
        _ = try editor.put(table: "indicators", sets: [("code", "dubna_15"), ("title", "Доля учителей, повысивших уровень по РИКУ"), ("target_value", "55")])
        try district.database.execute("INSERT INTO indicators (id, org_id, code) VALUES ('i-old', 'district', 'plans_don')")
        _ = try editor.put(table: "indicators", sets: [("target_value", "75")], id: "i-old")
        XCTAssertEqual(try count(), 3)
        XCTAssertThrowsError(try editor.put(table: "indicators", sets: [("code", "plans_dne")], id: "i-old"))
        // The code the report finds a target by is not changed to another («показатель 1» lost her 90%).
        let target = try XCTUnwrap(try district.database.scalar("SELECT id FROM indicators WHERE code = 'teachers_under_35'")?.text)
        XCTAssertThrowsError(try editor.put(table: "indicators", sets: [("code", "показатель 1")], id: target)) { e in
            XCTAssertEqual((e as? MessageError)?.message.russian,
                           "код «teachers_under_35» — по нему отчёт находит эту цель (показатель 1: \(IndicatorCode.teachersUnder35.title)), и на «показатель 1» он не меняется: "
                           + "цель меняйте в этой строке, а свой показатель управления добавьте новой строкой")
        }
        XCTAssertEqual(try district.database.scalar("SELECT code FROM indicators WHERE id = ?", [.text(target)])?.text, "teachers_under_35")
        _ = try editor.put(table: "indicators", sets: [("target_value", "40")], id: target)
        // Nor to another report code (indicator 3 took her 40 and 1 fell back to 100), nor a second
        // row given a report code; a number of the district's own is no slip.
        XCTAssertThrowsError(try editor.put(table: "indicators", sets: [("code", "students_in_mentoring")], id: target)) { e in
            XCTAssertEqual((e as? MessageError)?.message.key, "registry.indicator_code_kept", "\(e)")
        }
        XCTAssertThrowsError(try editor.put(table: "indicators", sets: [("code", "teachers_under_35"), ("target_value", "50")])) { e in
            XCTAssertEqual((e as? MessageError)?.message.key, "registry.indicator_code_twice", "\(e)")
        }
        for own in ["teachers_under_30", "teachers_under_5_years", "plans_due"] {
            _ = try editor.put(table: "indicators", sets: [("code", own), ("target_value", "10")])
        }
        _ = try editor.put(table: "indicators", sets: [("code", "dubna_16")], id: try XCTUnwrap(try district.database.scalar("SELECT id FROM indicators WHERE code = 'dubna_15'")?.text))
    }

    /// A person added by hand whose name is a letter or two off someone of the school born the same
    /// day is asked about, as a list's line is (it was added without a word): nothing is written until
    /// the person entering says it is someone else. Another day, a short name or another school's
    /// person asks nothing.
    func testANearNamesakeBornTheSameDayIsAskedAbout() throws {
        let editor = e!
        let maria = try editor.put(table: "persons", sets: [("full_name", "Петрова Мария Ивановна"), ("birth_date", "10.04.2001")]).id
        func count() throws -> Int64 { try school.database.scalar("SELECT count(*) FROM persons")?.integer ?? -1 }
        let marya = [("full_name", "Петрова Марья Ивановна"), ("birth_date", "2001-04-10"), ("role", "teacher")]
        XCTAssertThrowsError(try editor.put(table: "persons", sets: marya)) { e in
            let q = e as? NearNamesakeQuestion
            XCTAssertEqual(q?.message(.commandLine).russian,
                           "«Петрова Марья Ивановна» похоже на «Петрова Мария Ивановна» [\(ReferenceResolver.shortID(maria))] с той же датой рождения (10.04.2001), и не добавлено: "
                           + "если это тот же человек, откройте его запись, а не добавляйте второй раз; если это другой человек, повторите команду с --another-person", "\(e)")
            XCTAssertTrue(q?.message(.form).russian.hasSuffix("если это другой человек, отметьте «Это другой человек» и сохраните ещё раз") ?? false, "\(e)")
            XCTAssertTrue(q?.message(.commandLine).english.hasSuffix("if this is someone else, run the command again with --another-person") ?? false, "\(e)")
        }
        XCTAssertEqual(try count(), 1, "nothing written")
        let twin = try editor.put(table: "persons", sets: marya, anotherPerson: true)
        XCTAssertTrue(twin.created)
        XCTAssertEqual(try count(), 2)
        // Born another day, a short name, the same name changed on her own row: nothing to ask.
        _ = try editor.put(table: "persons", sets: [("full_name", "Петрова Мария Ивановнa"), ("birth_date", "11.04.2001")])
        _ = try editor.put(table: "persons", sets: [("full_name", "Ли Ан"), ("birth_date", "01.01.2010")])
        _ = try editor.put(table: "persons", sets: [("full_name", "Ли Ян"), ("birth_date", "01.01.2010")])
        _ = try editor.put(table: "persons", sets: [("full_name", "Петрова Марiя Ивановна")], id: maria)
        // Another school's person (held through network mentoring) is not this school's.
        try school.database.execute("INSERT INTO persons (id, org_id, full_name, birth_date) VALUES ('p-other', 's002', 'Смирнова Ольга Петровна', '1990-01-01')")
        _ = try editor.put(table: "persons", sets: [("full_name", "Смирнова Ольга Петрвна"), ("birth_date", "01.01.1990")])
        XCTAssertEqual(try count(), 7)
    }

    /// A name or birth date changed on a person's row into another person's of the school makes two
    /// rows of one person: the same name born the same day is refused, a name a letter off is asked
    /// about (it was taken without a word); nothing is written. Twins told apart when the second was
    /// added are not asked about again, and a row's own spelling mended asks nothing.
    func testAPersonEditedIntoAnotherIsRefusedOrAskedAbout() throws {
        let editor = e!
        let olga = try editor.put(table: "persons", sets: [("full_name", "Соколова Ольга Павловна"), ("birth_date", "03.03.1985")]).id
        let other = try editor.put(table: "persons", sets: [("full_name", "Соколова Анна Павловна"), ("birth_date", "03.03.1985")]).id
        func row() throws -> String? { try school.database.scalar("SELECT full_name || ' ' || birth_date FROM persons WHERE id = ?", [.text(other)])?.text }
        XCTAssertThrowsError(try editor.put(table: "persons", sets: [("full_name", "соколова  ольга павловна")], id: other)) { e in
            XCTAssertEqual((e as? MessageError)?.message.russian, "«Соколова Ольга Павловна» [\(ReferenceResolver.shortID(olga))] уже есть в списке с той же датой рождения: "
                           + "не сохранено, иначе в списке будут две записи одного человека; если это он, оставьте одну из двух записей", "\(e)")
        }
        XCTAssertThrowsError(try editor.put(table: "persons", sets: [("full_name", "Соколова Олга Павловна")], id: other)) { e in
            let q = e as? NearNamesakeQuestion
            XCTAssertEqual(q?.message(.form).russian, "«Соколова Олга Павловна» похоже на «Соколова Ольга Павловна» с той же датой рождения (03.03.1985), и не сохранено: "
                           + "если это тот же человек, в списке две его записи — оставьте одну; если это другой человек, отметьте «Это другой человек» и сохраните ещё раз", "\(e)")
        }
        XCTAssertEqual(try row(), "Соколова Анна Павловна 1985-03-03", "nothing written")
        // The birth date changed to hers, beside a name a letter off: asked too.
        let anna = try editor.put(table: "persons", sets: [("full_name", "Соколова Олга Павловна"), ("birth_date", "04.04.1990")]).id
        XCTAssertThrowsError(try editor.put(table: "persons", sets: [("birth_date", "03.03.1985")], id: anna)) { e in
            XCTAssertNotNil(e as? NearNamesakeQuestion, "\(e)")
        }
        _ = try editor.put(table: "persons", sets: [("birth_date", "03.03.1985")], id: anna, anotherPerson: true)
        // Now twins: mending one's spelling, or her position, asks nothing of the other.
        _ = try editor.put(table: "persons", sets: [("full_name", "Соколова Олга Павловнa")], id: anna)
        _ = try editor.put(table: "persons", sets: [("position", "учитель")], id: olga)
        _ = try editor.put(table: "persons", sets: [("full_name", "Соколова Ольга Павловна")], id: olga)
        XCTAssertEqual(try school.database.scalar("SELECT count(*) FROM persons")?.integer, 3)
        // A twin told apart may not take her sister's very name: two rows of one name born one day
        // (it was saved, the sister having been a near namesake before).
        XCTAssertThrowsError(try editor.put(table: "persons", sets: [("full_name", "Соколова Ольга Павловна")], id: anna, anotherPerson: true)) { e in
            XCTAssertEqual((e as? MessageError)?.message.key, "registry.person_already_there", "\(e)")
        }
        XCTAssertEqual(try school.database.scalar("SELECT count(*) FROM persons WHERE full_name = 'Соколова Ольга Павловна'")?.integer, 1)
    }

    /// A person added by hand who is already in the school's list is not added twice; namesakes told
    /// apart by their birth dates are two people, and another school's namesake is not this school's.
    func testTheSamePersonIsNotAddedTwice() throws {
        let editor = e!
        let first = try editor.put(table: "persons", sets: [("full_name", "Иванов Пётр Сергеевич"), ("birth_date", "18.04.2002")]).id
        func count() throws -> Int64 { try school.database.scalar("SELECT count(*) FROM persons")?.integer ?? -1 }

        XCTAssertThrowsError(try editor.put(table: "persons", sets: [("full_name", " иванов  петр сергеевич"), ("birth_date", "2002-04-18")])) { e in
            XCTAssertEqual((e as? MessageError)?.message.key, "registry.person_already_there")
            XCTAssertTrue((e as? MessageError)?.message.russian.contains("«Иванов Пётр Сергеевич» [\(ReferenceResolver.shortID(first))] уже есть в списке") ?? false, "\(e)")
        }
        XCTAssertEqual(try count(), 1)
        // A namesake born a slip of the keyboard away is that person: two neighbouring digits swapped.
        for slip in ["18.04.2020"] {
            XCTAssertThrowsError(try editor.put(table: "persons", sets: [("full_name", "Иванов Пётр Сергеевич"), ("birth_date", slip)]), slip) { e in
                XCTAssertEqual((e as? MessageError)?.message.russian, "«Иванов Пётр Сергеевич» [\(ReferenceResolver.shortID(first))] уже есть в списке с датой рождения 18.04.2002: "
                               + "\(slip) похоже на опечатку в этой дате, повторно не добавлено; чтобы изменить, откройте его запись")
            }
        }
        XCTAssertTrue(RegistryEditor.isDateSlip("2003-05-12", "2003-05-21"))
        XCTAssertTrue(RegistryEditor.isDateSlip("2003-05-12", "2003-12-05"))
        // One digit apart is another person: pupils born 05.03 and 15.03, teachers born 1985 and 1989.
        XCTAssertFalse(RegistryEditor.isDateSlip("2003-05-12", "2008-05-12"))
        XCTAssertFalse(RegistryEditor.isDateSlip("2012-03-05", "2012-03-15"))
        XCTAssertFalse(RegistryEditor.isDateSlip("2003-05-12", "2003-06-13"))
        XCTAssertFalse(RegistryEditor.isDateSlip("2003-05-12", "2003-05-12"))
        XCTAssertFalse(RegistryEditor.isDateSlip("2003-05-12", "2030-05-21"))
        XCTAssertEqual(try count(), 1)
        // A namesake born another day is another person; so is one with a birth date beside one without.
        _ = try editor.put(table: "persons", sets: [("full_name", "Иванов Пётр Сергеевич"), ("birth_date", "03.05.1979")])
        XCTAssertEqual(try count(), 2)
        _ = try editor.put(table: "persons", sets: [("full_name", "Иванов Пётр Сергеевич"), ("birth_date", "19.04.2002")])
        try school.database.execute("DELETE FROM persons WHERE birth_date = '2002-04-19'")
        _ = try editor.put(table: "persons", sets: [("full_name", "Орлова Анна")])
        XCTAssertThrowsError(try editor.put(table: "persons", sets: [("full_name", "Орлова Анна")])) { e in
            XCTAssertTrue((e as? MessageError)?.message.russian.contains("если это другой человек — укажите дату рождения") ?? false, "\(e)")
        }
        _ = try editor.put(table: "persons", sets: [("full_name", "Орлова Анна"), ("birth_date", "01.02.1990")])
        // Without a birth date beside namesakes who have theirs, she may be one of them: the date is asked for.
        let older = ReferenceResolver.shortID(try school.database.scalar("SELECT id FROM persons WHERE birth_date = '1979-05-03'")?.text ?? "")
        XCTAssertThrowsError(try editor.put(table: "persons", sets: [("full_name", "Иванов Пётр Сергеевич")])) { e in
            XCTAssertEqual((e as? MessageError)?.message.russian,
                           "«Иванов Пётр Сергеевич» уже есть в списке (Иванов Пётр Сергеевич (18.04.2002) [\(ReferenceResolver.shortID(first))]; Иванов Пётр Сергеевич (03.05.1979) ["
                           + "\(older)]): без даты рождения повторно не добавлено; если это другой человек — укажите дату рождения, если тот же — откройте его запись")
        }
        // Born the same day, a name a letter off, entered by hand: asked, as a list's line is held
        // (`PersonMatcher.nearNamesake`), and added once she is said to be someone else (twins: Алина and Алиса).
        let near = [("full_name", "Иванов Петр Сергеевичч"), ("birth_date", "18.04.2002")]
        XCTAssertThrowsError(try editor.put(table: "persons", sets: near)) { e in
            XCTAssertEqual(e as? NearNamesakeQuestion, NearNamesakeQuestion(typed: "Иванов Петр Сергеевичч", registered: "Иванов Пётр Сергеевич (18.04.2002)",
                                                                             short: ReferenceResolver.shortID(first), birthDate: "18.04.2002"), "\(e)")
        }
        _ = try editor.put(table: "persons", sets: near, anotherPerson: true)
        // Another school's row of the same name (held through network mentoring) is not this school's person.
        try school.database.execute("INSERT INTO persons (id, org_id, full_name) VALUES ('p-other', 's002', 'Смирнова Ольга')")
        _ = try editor.put(table: "persons", sets: [("full_name", "Смирнова Ольга")])
        XCTAssertEqual(try count(), 7)
    }

    /// A network mentor of another school is held here (a reduced person, the mentors row): a new
    /// pair may take him while he is offered, not once his school withdrew him; and he is never
    /// this school's mentee. A list is checked alike.
    func testAnotherSchoolsRowsAreNamedOnlyAsTheNetworkAllows() throws {
        let editor = e!
        try school.database.execute("INSERT INTO persons(id, org_id, full_name, position, subject) VALUES ('p-b', 's002', 'Смирнов Алексей Петрович', 'учитель', 'физика')")
        try school.database.execute("INSERT INTO mentors(id, org_id, person_id, status, network) VALUES ('m-b', 's002', 'p-b', 'active', 0)")
        try school.database.execute("INSERT INTO organizations(id, org_id, name) VALUES ('s002', 's002', 'МБОУ СОШ № 2')")

        XCTAssertThrowsError(try editor.put(table: "pairs", sets: [("mentor_id", "Смирнов Алексей Петрович"), ("kind", "pair")])) { e in
            XCTAssertEqual((e as? MessageError)?.message.key, "registry.not_offered")
            XCTAssertTrue((e as? MessageError)?.message.russian.contains("«Смирнов Алексей Петрович» (Наставники) — запись организации «МБОУ СОШ № 2», и она сейчас не предложена") ?? false, "\(e)")
        }
        XCTAssertEqual(try school.database.scalar("SELECT count(*) FROM pairs")?.integer, 0)
        try school.database.execute("UPDATE mentors SET network = 1 WHERE id = 'm-b'")
        _ = try editor.put(table: "pairs", sets: [("mentor_id", "Смирнов Алексей Петрович"), ("kind", "pair")])

        XCTAssertThrowsError(try editor.put(table: "mentees", sets: [("person_id", "Смирнов Алексей Петрович"), ("category", "struggling")])) { e in
            XCTAssertEqual((e as? MessageError)?.message.key, "registry.person_of_another_school")
            XCTAssertTrue((e as? MessageError)?.message.russian.contains("«Смирнов Алексей Петрович» — человек из списка организации «МБОУ СОШ № 2», а не вашей школы") ?? false, "\(e)")
        }
        let own = try editor.put(table: "persons", sets: [("full_name", "Петрова Анна Сергеевна"), ("role", "teacher")]).id
        _ = try editor.put(table: "mentees", sets: [("person_id", own), ("category", "young_specialist")])
        XCTAssertEqual(try school.database.scalar("SELECT count(*) FROM mentees")?.integer, 1)

        let list = scratch.path("mentees.csv")
        try Data("person_id;category\nСмирнов Алексей Петрович;struggling\n".utf8).write(to: list)
        let r = try CSVImporter().import(table: "mentees", file: list, into: school, skipBad: true)
        XCTAssertEqual(r.inserted, 0)
        XCTAssertEqual(r.badRows.map(\.line), [2])
        XCTAssertEqual(try school.database.scalar("SELECT count(*) FROM mentees")?.integer, 1)
    }

    /// A table the district alone keeps (indicators, organizations) is not written at a school:
    /// the district would refuse the row at every exchange, and the school's copy would never match.
    func testASchoolDoesNotWriteTheDistrictsTables() throws {
        let editor = e!
        XCTAssertThrowsError(try editor.put(table: "indicators", sets: [("code", "x"), ("title", "проба")])) { e in
            XCTAssertEqual((e as? MessageError)?.message.key, "registry.district_table")
            XCTAssertTrue((e as? MessageError)?.message.russian.hasPrefix("таблицу «Показатели и цели» ведёт только управление образования") ?? false, "\(e)")
        }
        XCTAssertEqual(try school.database.scalar("SELECT count(*) FROM indicators")?.integer, 0)
        let list = scratch.path("indicators.csv")
        try Data("code;title\nx;проба\n".utf8).write(to: list)
        let r = try CSVImporter().import(table: "indicators", file: list, into: school, skipBad: true)
        XCTAssertEqual(r.inserted, 0)
        XCTAssertEqual(try school.database.scalar("SELECT count(*) FROM indicators")?.integer, 0)
    }
}

/// The district's own tables hold the district's rows: it cannot give one to a school (the school
/// would be sent it as its own, and the district would refuse its every change of it).
final class DistrictTableOwnerTests: XCTestCase {
    func testTheDistrictDoesNotGiveItsTablesRowsToASchool() throws {
        let scratch = ScratchDirectory("district-owner")
        let district = try Replica.create(path: scratch.path("district.db").path, site: SiteID("district")!, role: .district,
                                          district: SiteID("district")!, schema: RegistrySchema.schema)
        let editor = RegistryEditor(replica: district)
        _ = try editor.put(table: "organizations", sets: [("org_id", "district"), ("name", "Школа 17")], id: "s017")
        XCTAssertThrowsError(try editor.put(table: "indicators", sets: [("org_id", "s017"), ("code", "plans_done"), ("target_value", "90")])) { e in
            XCTAssertEqual((e as? MessageError)?.message.key, "registry.district_table_owner")
            XCTAssertEqual((e as? MessageError)?.message.russian,
                           "записи таблицы «Показатели и цели» принадлежат управлению образования: школа не может быть их владельцем (не указывайте org_id)")
        }
        XCTAssertEqual(try district.database.scalar("SELECT count(*) FROM indicators")?.integer, 0)
        // Its own row, as ever (the owner left out or named).
        _ = try editor.put(table: "indicators", sets: [("code", "plans_done"), ("target_value", "90")])
        let id = try editor.put(table: "indicators", sets: [("org_id", "district"), ("code", "x")]).id
        XCTAssertThrowsError(try editor.put(table: "indicators", sets: [("org_id", "s017")], id: id))
        XCTAssertEqual(try district.database.scalar("SELECT group_concat(DISTINCT org_id) FROM indicators")?.text, "district")
    }
}

/// A date written as a date but of no day says which part is wrong.
final class NoSuchDayTests: XCTestCase {
    func testADayTheMonthLacksOrAMonthThatIsNotAreSaid() {
        let column = ColumnSchema("held_on", .date)
        func said(_ text: String) -> String? {
            do { _ = try ValueParser.parse(text, column: column, table: "meetings"); return nil } catch { return (error as? MessageError)?.message.russian }
        }
        XCTAssertTrue(said("29.02.2025")?.hasSuffix("«29.02.2025» — не дата: в феврале 2025 года нет 29-го числа") == true, said("29.02.2025") ?? "")
        XCTAssertNil(said("29.02.2024"), "a leap year has it")
        XCTAssertTrue(said("2026-13-01")?.hasSuffix("«2026-13-01» — не дата: месяца 13 нет (месяцы — от 01 до 12)") == true, said("2026-13-01") ?? "")
        XCTAssertTrue(said("вчера")?.hasSuffix("«вчера» — не дата (пишите ДД.ММ.ГГГГ или ГГГГ-ММ-ДД)") == true, said("вчера") ?? "")
    }
}
