import Foundation
import XCTest
@testable import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// The school's agenda (`SchoolAgenda`): what its registry asks of the curator now, from its own rows.
final class SchoolAgendaTests: XCTestCase {
    var scratch: ScratchDirectory!
    var district: DistrictHome!
    var school: SchoolHome!
    var editor: RegistryEditor!
    /// 20 May 2026, noon: late in the school year 2025/26.
    let now = ISO8601DateFormatter().date(from: "2026-05-20T12:00:00Z")!

    override func setUpWithError() throws {
        scratch = ScratchDirectory("school-agenda")
        district = try DistrictHome.create(at: scratch.path("district"), site: SiteID("district")!, name: "Управление образования")
        let enrollment = try district.enroll(site: SiteID("s001")!, name: "Школа s001", out: scratch.path("s001.enroll"))
        school = try SchoolHome.create(at: scratch.path("home-s001"), enrollment: enrollment)
        editor = RegistryEditor(replica: school.replica)
    }

    override func tearDown() { editor = nil; school = nil; district = nil; scratch = nil }

    /// A pair of a new mentor, written as another program would (`put` holds a closed pair's end
    /// date to today's, and the agenda is asked as of another day).
    func pair(_ mentor: String, status: String, started: String? = nil, ended: String? = nil) throws -> String {
        let person = try editor.put(table: "persons", sets: [("full_name", mentor), ("role", "teacher")]).id
        let m = try editor.put(table: "mentors", sets: [("person_id", person), ("status", "active")]).id
        let id = UUID().uuidString.lowercased()
        try school.database.execute("INSERT INTO pairs(id, org_id, mentor_id, status, started_on, ended_on) VALUES (?, 's001', ?, ?, ?, ?)",
                                    [.text(id), .text(m), .text(status), started.map { .text($0) } ?? .null, ended.map { .text($0) } ?? .null])
        return id
    }

    func kinds(_ items: [AgendaItem]) -> [AgendaItem.Kind] { items.map(\.kind) }

    /// The school sends, the district takes it and answers, the school takes the answer.
    func exchangeOnce() throws {
        let share = try Share.prepare(scratch.folder("share"))
        _ = try SchoolSync(home: school).sync(share: share)
        let ingest = try DistrictIngest(home: district, log: CapturedOutput().eventLog)
        ingest.settleSeconds = 0
        _ = try ingest.ingest(share: share)
        _ = try SchoolSync(home: school).sync(share: share)
    }

    /// Every kind found, each naming its rows in Russian; another school's network pair, a pair
    /// with a plan and a recent meeting, one completed last year, a mentee in a pair: none.
    func testEachKindNamesItsRowsAndOnlyTheSchoolsOwn() throws {
        let late = try pair("Петров Олег Ильич", status: "active", started: "2025-09-01", ended: "2026-05-15")
        let planless = try pair("Иванова Мария Петровна", status: "active", started: "2026-05-01")
        let quiet = try pair("Сидоров Пётр Ильич", status: "active", started: "2025-10-01")
        _ = try editor.put(table: "meetings", sets: [("pair_id", quiet), ("kind", "introduction"), ("held_on", "2026-03-02")])
        let done = try pair("Орлова Анна Сергеевна", status: "completed", started: "2025-09-01", ended: "2026-05-10")
        _ = try editor.put(table: "surveys", sets: [("pair_id", done), ("respondent", "mentor"), ("satisfaction", "9")])
        let lastYear = try pair("Белова Ольга Ивановна", status: "completed", started: "2024-09-01", ended: "2025-05-20")
        let fine = try pair("Кузнецов Виктор Павлович", status: "active", started: "2025-09-01")
        // Left «формируется» since March: the report counts running and completed pairs only.
        let forming = try pair("Голубева Нина Павловна", status: "forming", started: "2026-03-01")
        _ = try pair("Зайцев Илья Петрович", status: "forming", started: "2026-05-10")  // a fortnight: no news
        for p in [late, quiet, fine] { _ = try editor.put(table: "plans", sets: [("pair_id", p), ("title", "ИОМ"), ("status", "active")]) }
        _ = try editor.put(table: "meetings", sets: [("pair_id", fine), ("kind", "joint_work"), ("held_on", "2026-05-12")])
        _ = try editor.put(table: "meetings", sets: [("pair_id", late), ("kind", "joint_work"), ("held_on", "2026-05-14")])
        let waiting = try editor.put(table: "mentees", sets: [("person_id", try editor.put(table: "persons", sets: [("full_name", "Ахмедова Зарина"), ("role", "teacher")]).id),
                                                           ("status", "waiting")]).id
        // Another school's pair held here through network mentoring: that school's to keep.
        try school.database.execute("INSERT INTO pairs(id, org_id, status, started_on, ended_on) VALUES ('p-other', 's002', 'active', '2025-09-01', '2026-01-01')")

        let items = try school.agenda(now: now, language: .ru)
        XCTAssertEqual(kinds(items), [.exchangeDue, .pairPastEnd, .pairStillForming, .pairWithoutPlan, .pairWithoutMeetings, .surveysMissing,
                                      .finalMeetingMissing, .menteesWaiting])
        func line(_ k: AgendaItem.Kind) -> String { items.first { $0.kind == k }?.line(.ru) ?? "" }
        XCTAssertEqual(line(.exchangeDue), "обмена с управлением образования ещё не было: пока ваши записи есть только на этом компьютере")
        XCTAssertEqual(line(.pairPastEnd), "не закрыты пары, чей срок прошёл (1): отметьте «завершена» с результатом или исправьте дату окончания: "
                       + "«Петров Олег Ильич» (окончание 15.05.2026)")
        XCTAssertEqual(line(.pairWithoutPlan), "нет плана (ИОМ) у действующих пар (1): «Иванова Мария Петровна»")
        // Begun less than a month ago: no meeting yet is no news; the quiet one's last meeting is named.
        XCTAssertEqual(line(.pairWithoutMeetings), "нет встреч больше месяца у действующих пар (1): «Сидоров Пётр Ильич» (последняя встреча 02.03.2026)")
        XCTAssertEqual(line(.surveysMissing), "нет анкет удовлетворённости у пар, завершённых в этом учебном году (1): «Орлова Анна Сергеевна» (нет анкеты наставляемого)")
        XCTAssertEqual(line(.menteesWaiting), "ждут пару наставляемые (1): «Ахмедова Зарина»")
        XCTAssertEqual(line(.pairStillForming), "всё ещё «формируются» пары, начавшиеся больше месяца назад (1): отметьте «действует» — "
                       + "отчёт считает только действующие и завершённые пары: «Голубева Нина Павловна» (начало 01.03.2026)")
        XCTAssertEqual(line(.finalMeetingMissing), "нет итоговой встречи у пар, завершённых в этом учебном году (1): «Орлова Анна Сергеевна»")
        XCTAssertEqual(items.first { $0.kind == .menteesWaiting }?.rows.map(\.id), [waiting])
        XCTAssertFalse(items.flatMap(\.rows).contains { [lastYear, fine, "p-other"].contains($0.id) })

        // Each put right: the list empties.
        try school.database.execute("UPDATE pairs SET status = 'completed', result = 'ok' WHERE id = ?", [.text(late)])
        _ = try editor.put(table: "surveys", sets: [("pair_id", late), ("respondent", "mentor"), ("satisfaction", "8")])
        _ = try editor.put(table: "surveys", sets: [("pair_id", late), ("respondent", "mentee"), ("satisfaction", "8")])
        _ = try editor.put(table: "surveys", sets: [("pair_id", done), ("respondent", "mentee"), ("satisfaction", "10")])
        _ = try editor.put(table: "plans", sets: [("pair_id", planless), ("title", "ИОМ")])
        _ = try editor.put(table: "meetings", sets: [("pair_id", quiet), ("kind", "joint_work"), ("held_on", "2026-05-25")])
        for (p, day) in [(done, "2026-05-10"), (late, "2026-05-14")] {
            _ = try editor.put(table: "meetings", sets: [("pair_id", p), ("kind", "final"), ("held_on", day)])
        }
        try school.database.execute("UPDATE pairs SET status = 'active' WHERE id = ?", [.text(forming)])
        _ = try editor.put(table: "plans", sets: [("pair_id", forming), ("title", "ИОМ")])
        _ = try editor.put(table: "meetings", sets: [("pair_id", forming), ("kind", "introduction"), ("held_on", "2026-05-18")])
        let newPair = try pair("Смирнов Алексей", status: "forming")
        _ = try editor.put(table: "pair_mentees", sets: [("pair_id", newPair), ("mentee_id", waiting)])
        XCTAssertEqual(kinds(try school.agenda(now: now, language: .ru)), [.exchangeDue])
    }

    /// A mentor with two pairs, each named by its start date: the pair that met only on the day it
    /// began was listed among those without meetings with no word of that meeting — «(последняя
    /// встреча 01.03.2026)» was taken for its start date said again and left out. Only the start date
    /// is not said twice.
    func testALastMeetingOnTheDayAPairBeganIsStillSaid() throws {
        let first = try pair("Голубева Нина Павловна", status: "active", started: "2026-03-01")
        let mentor = try XCTUnwrap(try school.database.scalar("SELECT mentor_id FROM pairs WHERE id = ?", [.text(first)])?.text)
        try school.database.execute("INSERT INTO pairs(id, org_id, mentor_id, status, started_on) VALUES ('p2', 's001', ?, 'active', '2025-09-01')",
                                    [.text(mentor)])
        _ = try editor.put(table: "meetings", sets: [("pair_id", first), ("kind", "introduction"), ("held_on", "2026-03-01")])
        let items = try school.agenda(now: now, language: .ru)
        let quiet = try XCTUnwrap(items.first { $0.kind == .pairWithoutMeetings })
        XCTAssertEqual(quiet.rows.map { Message.agendaRow($0).text(.ru) },
                       ["«Голубева Нина Павловна — 01.09.2025» (встреч нет)", "«Голубева Нина Павловна — 01.03.2026» (последняя встреча 01.03.2026)"])
    }

    /// A mentor with two pairs: each is named by its start date, and «формируется» says it once, not
    /// again as «(начало …)» beside it; a pair past its end is told its end date beside its start.
    func testAPairNamedByItsStartDateIsNotToldItAgain() throws {
        let first = try pair("Голубева Нина Павловна", status: "forming", started: "2026-03-01")
        let mentor = try XCTUnwrap(try school.database.scalar("SELECT mentor_id FROM pairs WHERE id = ?", [.text(first)])?.text)
        try school.database.execute("INSERT INTO pairs(id, org_id, mentor_id, status, started_on, ended_on) VALUES ('p2', 's001', ?, 'active', '2025-09-01', '2026-05-01')",
                                    [.text(mentor)])
        let items = try school.agenda(now: now, language: .ru)
        let forming = try XCTUnwrap(items.first { $0.kind == .pairStillForming })
        XCTAssertEqual(forming.rows.map { Message.agendaRow($0).text(.ru) }, ["«Голубева Нина Павловна — 01.03.2026»"])
        let ended = try XCTUnwrap(items.first { $0.kind == .pairPastEnd })
        XCTAssertEqual(ended.rows.map { Message.agendaRow($0).text(.ru) }, ["«Голубева Нина Павловна — 01.09.2025» (окончание 01.05.2026)"])
    }

    /// A school just set up holds no pair: it was told «nothing waits»; it is told where to begin,
    /// until a mentee waits for a pair (that item says what to do) or a pair is made.
    func testASchoolWithoutPairsIsToldWhereToBegin() throws {
        XCTAssertEqual(kinds(try school.agenda(now: now, language: .ru)), [.exchangeDue, .noPairsYet])
        // Set up and not yet answered: a new computer of a school that kept its registry gets it all
        // back with the district's answer — she is not told to type her teachers in again.
        XCTAssertEqual(try school.agenda(now: now, language: .ru).last?.line(.ru),
                       "пар в реестре ещё нет, а ответа управления образования на первый обмен ещё не было: если школа уже вела реестр на другом компьютере, всё вернётся с этим ответом — не вносите заново; если школа только начинает — внесите учителей и учеников (их список из Excel можно загрузить целиком), отметьте наставников и наставляемых, затем составьте пары")
        try exchangeOnce()
        // Answered, and still no pair: a school beginning.
        XCTAssertEqual(try school.agenda(now: now, language: .ru).last?.line(.ru),
                       "пар в реестре ещё нет: внесите учителей и учеников (их список из Excel можно загрузить целиком), отметьте наставников и наставляемых, затем составьте пары")
        let person = try editor.put(table: "persons", sets: [("full_name", "Ахмедова Зарина"), ("role", "teacher")]).id
        let mentee = try editor.put(table: "mentees", sets: [("person_id", person), ("status", "waiting")]).id
        XCTAssertEqual(kinds(try school.agenda(now: now, language: .ru)), [.menteesWaiting])
        try school.database.execute("DELETE FROM mentees WHERE id = ?", [.text(mentee)])
        // Another school's network pair held here is not the school's own.
        try school.database.execute("INSERT INTO pairs(id, org_id, status, started_on) VALUES ('p-other', 's002', 'active', '2025-09-01')")
        XCTAssertEqual(kinds(try school.agenda(now: now, language: .ru)), [.noPairsYet])
        _ = try pair("Кузнецов Виктор Павлович", status: "forming", started: "2026-05-10")
        XCTAssertEqual(kinds(try school.agenda(now: now, language: .ru)), [])
    }

    /// An exchange is due after a week while changes wait for the district, after a month in any
    /// case; five rows are named and the rest counted.
    func testAnExchangeIsDueAfterAWeekWithChangesAndRowsAreCountedBeyondFive() throws {
        for i in 1...7 { _ = try pair("Учитель \(i)", status: "active", started: "2026-05-0\(i)") }
        let share = try Share.prepare(scratch.folder("share"))
        _ = try SchoolSync(home: school).sync(share: share)
        var sent = Date()
        func due(after days: Double) throws -> AgendaItem? {
            try school.agenda(now: sent.addingTimeInterval(days * 86400), language: .ru).first { $0.kind == .exchangeDue }
        }
        XCTAssertNil(try due(after: 6))
        XCTAssertEqual(try due(after: 8)?.line(.ru), "пора обменяться данными с управлением образования: последний обмен был 8 дней назад, изменений ещё не подтверждено: 21")
        // The district takes them and answers: nothing waits, a week is no news; a month is.
        let ingest = try DistrictIngest(home: district, log: CapturedOutput().eventLog)
        ingest.settleSeconds = 0
        _ = try ingest.ingest(share: share)
        _ = try SchoolSync(home: school).sync(share: share)
        // Counted from this exchange, made after the first `sent` (across a second's turn it read «30 дней»).
        sent = Date()
        XCTAssertNil(try due(after: 8))
        XCTAssertEqual(try due(after: 31)?.line(.ru), "пора обменяться данными с управлением образования: последний обмен был 31 день назад")
        let planless = try XCTUnwrap(try school.agenda(now: sent, language: .ru).first { $0.kind == .pairWithoutPlan })
        XCTAssertEqual(planless.count, 7)
        XCTAssertEqual(planless.rows.count, AgendaItem.shownRows)
        XCTAssertTrue(planless.line(.ru).hasSuffix("«Учитель 5» и ещё 2"), planless.line(.ru))
        XCTAssertTrue(planless.line(.en).hasPrefix("running pairs without a plan (ИОМ) (7): “Учитель 1”"), planless.line(.en))
    }

    /// A big school (2,000 running pairs, 20,000 meetings, a plan and surveys each): the agenda counts
    /// and names them right (its queries join and group rather than ask once per pair: they took 5 s).
    func testABigSchoolsAgendaCountsEveryPair() throws {
        try school.database.transaction {
            for i in 0..<2_000 {
                try school.database.execute("INSERT INTO pairs(id, org_id, status, started_on) VALUES (?, 's001', 'active', '2025-09-01')", [.text("p\(i)")])
                try school.database.execute("INSERT INTO plans(id, org_id, pair_id, title) VALUES (?, 's001', ?, 'ИОМ')", [.text("pl\(i)"), .text("p\(i)")])
                for r in ["mentor", "mentee"] {
                    try school.database.execute("INSERT INTO surveys(id, org_id, pair_id, respondent) VALUES (?, 's001', ?, ?)", [.text("s\(i)\(r)"), .text("p\(i)"), .text(r)])
                }
                for m in 0..<10 {
                    try school.database.execute("INSERT INTO meetings(id, org_id, pair_id, held_on) VALUES (?, 's001', ?, ?)",
                                                [.text("m\(i)-\(m)"), .text("p\(i)"), .text("2025-1\(m % 3)-0\(m % 9 + 1)")])
                }
            }
        }
        // (How long it takes is the bench's to measure, not a test's: the machines are shared.)
        let quiet = try XCTUnwrap(try school.agenda(now: now, language: .ru).first { $0.kind == .pairWithoutMeetings })
        XCTAssertEqual(quiet.count, 2_000)
        XCTAssertEqual(quiet.rows.first?.detail, "последняя встреча 09.12.2025")
    }

    /// Ольга Ивановна wrote a young teacher's ИОМ from the plans page, choosing the mentee (who is in
    /// the running pair) and leaving the pair empty: the pair has its plan, and is no longer listed.
    func testAPlanWrittenForTheMenteeOfARunningPairIsThatPairsPlan() throws {
        let running = try pair("Иванова Анна Петровна", status: "active", started: "2026-05-01")
        let person = try editor.put(table: "persons", sets: [("full_name", "Петров Олег Ильич"), ("role", "teacher")]).id
        let mentee = try editor.put(table: "mentees", sets: [("person_id", person), ("status", "in_pair")]).id
        _ = try editor.put(table: "pair_mentees", sets: [("pair_id", running), ("mentee_id", mentee)])
        XCTAssertEqual(try school.agenda(now: now, language: .ru).first { $0.kind == .pairWithoutPlan }?.rows.map(\.id), [running])
        _ = try editor.put(table: "plans", sets: [("mentee_id", mentee), ("title", "ИОМ Петрова О. И."), ("status", "active")])
        XCTAssertNil(try school.agenda(now: now, language: .ru).first { $0.kind == .pairWithoutPlan })
    }

    /// A pair whose end date has passed is asked to be closed, not to be given a plan or a meeting:
    /// listed once, under «не закрыты пары, чей срок прошёл».
    func testAPairPastItsEndIsAskedToBeClosedAlone() throws {
        let late = try pair("Кузнецов Игорь Васильевич", status: "active", started: "2024-09-01", ended: "2025-05-31")
        let items = try school.agenda(now: now, language: .ru)
        XCTAssertEqual(items.filter { $0.rows.contains { $0.id == late } }.map(\.kind), [.pairPastEnd])
    }

    /// Ольга Ивановна syncs every Thursday, but the district has not answered for over a month (the
    /// stick does not reach it): her changes wait unconfirmed, and «Что сделать» says so — a fresh
    /// export alone is no exchange.
    func testADistrictSilentForAMonthWhileChangesWaitIsTold() throws {
        _ = try pair("Учитель 1", status: "active", started: "2026-05-01")
        try exchangeOnce()
        let replied = Date()
        _ = try pair("Учитель 2", status: "active", started: "2026-05-02")
        // A month and more later she syncs again; the district's answer does not come.
        try school.database.execute("UPDATE msync_peers SET last_export_at = ?", [.text(ISO8601DateFormatter().string(from: replied.addingTimeInterval(40 * 86400)))])
        func silent(after days: Double) throws -> AgendaItem? {
            try school.agenda(now: replied.addingTimeInterval(days * 86400), language: .ru).first { $0.kind == .replyOverdue }
        }
        XCTAssertNil(try school.agenda(now: replied.addingTimeInterval(41 * 86400), language: .ru).first { $0.kind == .exchangeDue })
        XCTAssertNil(try silent(after: 20))
        let told = try XCTUnwrap(try silent(after: 41))
        XCTAssertTrue(told.line(.ru).hasPrefix("управление образования не отвечает 41 день, изменений ещё не подтверждено: "), told.line(.ru))
        XCTAssertTrue(told.line(.ru).hasSuffix("узнайте у него, доходят ли до него ваши флешки или общая папка"), told.line(.ru))
    }

    /// Last year's list, imported in September, still says «в паре» of a young teacher whose pair
    /// was completed in May: she was in no list to do (not waiting, in no running pair), and the report
    /// counted her as not through. Told, she is marked; a mentee of a running pair is not told.
    func testAMenteeInAPairThatIsNoLongerRunningIsTold() throws {
        let closed = try pair("Кузнецов Игорь Васильевич", status: "completed", started: "2024-09-01", ended: "2025-05-25")
        let running = try pair("Иванова Анна Петровна", status: "active", started: "2026-05-01")
        func mentee(_ name: String, in pair: String) throws -> String {
            let person = try editor.put(table: "persons", sets: [("full_name", name), ("role", "teacher")]).id
            let m = try editor.put(table: "mentees", sets: [("person_id", person), ("status", "in_pair")]).id
            _ = try editor.put(table: "pair_mentees", sets: [("pair_id", pair), ("mentee_id", m)])
            try school.database.execute("UPDATE mentees SET status = 'in_pair' WHERE id = ?", [.text(m)])
            return m
        }
        let smirnova = try mentee("Смирнова Елена Андреевна", in: closed)
        _ = try mentee("Петров Олег Ильич", in: running)
        let item = try XCTUnwrap(try school.agenda(now: now, language: .ru).first { $0.kind == .menteesWithoutPair })
        XCTAssertEqual(item.rows.map(\.id), [smirnova])
        XCTAssertEqual(item.line(.ru), "наставляемые «в паре» без действующей пары (1): отметьте «завершил(а)» или «выбыл(а)» либо составьте пару: «Смирнова Елена Андреевна»")
        try school.database.execute("UPDATE mentees SET status = 'completed' WHERE id = ?", [.text(smirnova)])
        XCTAssertNil(try school.agenda(now: now, language: .ru).first { $0.kind == .menteesWithoutPair })
    }

    /// «Что сделать» named a pair by its mentor alone — for a network pair, a teacher of another
    /// school she hardly knows («нет плана (ИОМ) у действующих пар (1): «Орлов Виктор Семёнович»»).
    /// A pair reads with its mentees, as the pair's choice in a form.
    func testAPairIsToldWithItsMentees() throws {
        let running = try pair("Орлов Виктор Семёнович", status: "active", started: "2026-05-01")
        let person = try editor.put(table: "persons", sets: [("full_name", "Соколов Илья Андреевич"), ("role", "teacher")]).id
        let m = try editor.put(table: "mentees", sets: [("person_id", person)]).id
        _ = try editor.put(table: "pair_mentees", sets: [("pair_id", running), ("mentee_id", m)])
        let item = try XCTUnwrap(try school.agenda(now: now, language: .ru).first { $0.kind == .pairWithoutPlan })
        XCTAssertEqual(item.line(.ru), "нет плана (ИОМ) у действующих пар (1): «Орлов Виктор Семёнович → Соколов Илья Андреевич»")
    }

    /// In May Ольга Ивановна marked a pair «завершена» and left its end date empty: its surveys are
    /// asked for all the same (the pair is not known to be last year's).
    func testAPairCompletedWithoutItsEndDateIsAskedForItsSurveys() throws {
        let done = try pair("Иванова Анна Петровна", status: "completed", started: "2025-10-01")
        let item = try XCTUnwrap(try school.agenda(now: now, language: .ru).first { $0.kind == .surveysMissing })
        XCTAssertEqual(item.rows.map(\.id), [done])
    }

    /// The district refused a change (read on Thursday's receipt, then forgotten): «Что сделать» keeps
    /// it until she puts it right, naming the row, which her correction clears.
    func testAChangeTheDistrictRefusedStaysToDoUntilCorrected() throws {
        let share = try Share.prepare(scratch.folder("share"))
        let ingest = try DistrictIngest(home: district, log: CapturedOutput().eventLog)
        ingest.settleSeconds = 0
        func exchange() throws {
            _ = try SchoolSync(home: school).sync(share: share)
            _ = try ingest.ingest(share: share)
            _ = try SchoolSync(home: school).sync(share: share)
        }
        // Written by another program into a table the district alone keeps: refused there.
        try school.database.execute("INSERT INTO indicators(id, org_id, code, title) VALUES ('ind-1', 's001', 'own', 'Наш показатель')")
        try exchange()
        let item = try XCTUnwrap(try school.agenda(language: .ru).first { $0.kind == .changesRefused })
        XCTAssertEqual(item.table, "indicators")
        XCTAssertEqual(item.rows.map(\.id), ["ind-1"])
        XCTAssertEqual(item.line(.ru), "управление образования не приняло изменения (1): откройте запись, там сказано почему и что сделать: «Наш показатель»")
        try school.database.execute("DELETE FROM indicators WHERE id = 'ind-1'")
        try exchange()
        XCTAssertNil(try school.agenda(language: .ru).first { $0.kind == .changesRefused })
    }

    /// A new school's stick has gone every Thursday since September, and no answer has ever come
    /// back: told as a district silent since the school was enrolled.
    func testADistrictThatNeverAnsweredIsToldAfterAMonth() throws {
        _ = try pair("Учитель 1", status: "active", started: "2026-05-01")
        let share = try Share.prepare(scratch.folder("share"))
        _ = try SchoolSync(home: school).sync(share: share)
        let enrolled = Date()
        try school.database.execute("UPDATE msync_peers SET last_export_at = ?", [.text(ISO8601DateFormatter().string(from: enrolled.addingTimeInterval(33 * 86400)))])
        XCTAssertNil(try school.agenda(now: enrolled.addingTimeInterval(20 * 86400), language: .ru).first { $0.kind == .replyOverdue })
        let told = try XCTUnwrap(try school.agenda(now: enrolled.addingTimeInterval(34 * 86400), language: .ru).first { $0.kind == .replyOverdue })
        XCTAssertTrue(told.line(.ru).hasPrefix("управление образования не отвечает 34 дня, изменений ещё не подтверждено: "), told.line(.ru))
    }
}
