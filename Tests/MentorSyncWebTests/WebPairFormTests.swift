import Foundation
import XCTest
import MentorSyncTestSupport

/// A pair's form: the mentor chosen by name, then its mentees ticked by name; saving links and
/// unlinks them (`pair_mentees` rows, as `put` and `delete` write them).
final class WebPairFormTests: XCTestCase {
    func testTickingMenteesLinksAndUnlinksThem() throws {
        let w = try mentorAndTwoMentees(status: "in_pair")
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        let form = client.get("/t/pairs/edit")?.body ?? ""
        XCTAssertTrue(form.contains("> Смирнова Анна</label>") && form.contains("> Орлов Пётр</label>"), form)
        let (orlov, smirnova) = (form.range(of: "> Орлов Пётр</label>"), form.range(of: "> Смирнова Анна</label>"))
        XCTAssertTrue(orlov != nil && smirnova != nil && orlov!.lowerBound < smirnova!.lowerBound, "mentees in the alphabet's order")
        let saved = client.post("/t/pairs/save", [("mentor_id", "m-1"), ("started_on", "2025-09-15"), ("mentee", "e-1"), ("mentee", "e-2")])
        XCTAssertEqual(saved?.status, 303, saved?.body ?? "")
        XCTAssertEqual(try links(w), ["e-1", "e-2"])
        XCTAssertTrue((client.get("/t/pairs")?.body ?? "").contains("data-label=\"Наставляемые\">Смирнова Анна, Орлов Пётр</td>"), "the list shows a pair's mentees")

        let pair = try XCTUnwrap(try rows(w, "pairs").first?["id"] as? String)
        let edit = client.get("/t/pairs/edit?id=\(pair)")?.body ?? ""
        XCTAssertEqual(edit.components(separatedBy: " checked>").count - 1, 2, "both mentees are shown ticked")
        client.post("/t/pairs/save?id=\(pair)", [("mentor_id", "m-1"), ("started_on", "2025-09-15"), ("mentee", "e-2")])
        XCTAssertEqual(try links(w), ["e-2"], "the unticked mentee is unlinked")
        // Closing the pair says at once what of it is still open.
        let closed = client.post("/t/pairs/save?id=\(pair)", [("mentor_id", "m-1"), ("started_on", "2025-09-15"), ("status", "completed"), ("mentee", "e-2")])
        XCTAssertTrue(closed?.header("Location")?.hasPrefix("/t/pairs/edit?id=\(pair)&") ?? false, "back to the pair's page: \(closed?.header("Location") ?? "")")
        let notice = client.get(closed?.header("Location") ?? "/")?.body ?? ""
        XCTAssertTrue(notice.contains("<p class=\"notice\">сохранено: Иванова Мария</p><p class=\"caution\" role=\"status\">пара закрыта, но не заполнено: «Дата окончания», «Результат»; ещё открыто: наставляемый «Орлов Пётр» — в паре: отметьте «завершил(а)» или «выбыл(а)»"),
                      "the reminder in amber beside the green «saved»: \(notice)")
        XCTAssertTrue(notice.contains("> Орлов Пётр <a class=\"muted\" href=\"/t/mentees/edit?id=e-2&amp;back=pair&amp;pair=\(pair)\">(карточка)</a>"), "the open mentee is a link: \(notice)")
        // Her record, opened from the pair, goes back to the pair when saved.
        let card = client.get("/t/mentees/edit?id=e-2&back=pair&pair=\(pair)")?.body ?? ""
        XCTAssertTrue(card.contains("href=\"/t/pairs/edit?id=\(pair)\">Отмена"), "cancel goes back to the pair")
        let marked = client.post("/t/mentees/save?id=e-2", [("person_id", "p-2"), ("status", "completed"), ("back", "pair"), ("pair", pair)])
        XCTAssertTrue(marked?.header("Location")?.hasPrefix("/t/pairs/edit?id=\(pair)&") ?? false, marked?.header("Location") ?? "")
        XCTAssertFalse(notice.contains("/t/mentees/edit?id=e-1"), "a mentee not in the pair is not linked")
    }

    /// A group's page open while a second mentee was linked elsewhere (an exchange, another window):
    /// saved as she left it, the form unlinked the mentee it had never shown. Only mentees the form
    /// showed linked and she unticked are unlinked; her ticks and unticks still work.
    func testAPairFormSavedLateKeepsAMenteeLinkedMeanwhile() throws {
        let w = try mentorAndTwoMentees(status: "in_pair")
        try w.putAtSchool("pairs", "--id", "pair-1", "--set", "mentor_id=m-1", "--set", "kind=group", "--set", "started_on=2025-09-15")
        try w.putAtSchool("pair_mentees", "--set", "pair_id=pair-1", "--set", "mentee_id=e-1")
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        let edit = client.get("/t/pairs/edit?id=pair-1")?.body ?? ""
        XCTAssertTrue(edit.contains("<input type=\"hidden\" name=\"was.mentees\" value=\"e-1\">"), edit)
        try w.putAtSchool("pair_mentees", "--set", "pair_id=pair-1", "--set", "mentee_id=e-2")  // meanwhile
        let form = [("mentor_id", "m-1"), ("kind", "group"), ("started_on", "2025-09-15"), ("notes", "группа"), ("was.mentees", "e-1")]
        XCTAssertEqual(client.post("/t/pairs/save?id=pair-1", form + [("mentee", "e-1")])?.status, 303)
        XCTAssertEqual(try links(w), ["e-1", "e-2"], "the mentee linked meanwhile stays")
        XCTAssertEqual(client.post("/t/pairs/save?id=pair-1", form)?.status, 303)
        XCTAssertEqual(try links(w), ["e-2"], "the one she unticked is unlinked")
    }

    /// A group's form refused (a date a year ahead) after a second mentee was linked meanwhile: the
    /// form came back with her unticked, though saving kept her. She is shown ticked, as she is
    /// linked, and unticking her now unlinks her.
    func testARefusedPairFormShowsAMenteeLinkedMeanwhileTicked() throws {
        let w = try mentorAndTwoMentees(status: "in_pair")
        try w.putAtSchool("pairs", "--id", "pair-1", "--set", "mentor_id=m-1", "--set", "kind=group", "--set", "started_on=2025-09-15")
        try w.putAtSchool("pair_mentees", "--set", "pair_id=pair-1", "--set", "mentee_id=e-1")
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        _ = client.get("/t/pairs/edit?id=pair-1")
        try w.putAtSchool("pair_mentees", "--set", "pair_id=pair-1", "--set", "mentee_id=e-2")  // meanwhile
        let form = [("mentor_id", "m-1"), ("kind", "group"), ("was.mentees", "e-1"), ("was.started_on", "2025-09-15")]
        let refused = try XCTUnwrap(client.post("/t/pairs/save?id=pair-1", form + [("started_on", "15.09.2095"), ("mentee", "e-1")]))
        XCTAssertEqual(refused.status, 422, refused.body)
        XCTAssertTrue(refused.body.contains("value=\"e-2\" checked> Орлов Пётр"), refused.body)
        XCTAssertTrue(refused.body.contains("value=\"e-1\" checked> Смирнова Анна"), refused.body)
        XCTAssertTrue(refused.body.contains("<input type=\"hidden\" name=\"was.mentees\" value=\"e-1 e-2\">"), refused.body)
        XCTAssertEqual(try links(w), ["e-1", "e-2"])
        // She unticks the mentee she now sees linked, and corrects the date: unlinked.
        let saved = client.post("/t/pairs/save?id=pair-1", [("mentor_id", "m-1"), ("kind", "group"), ("was.mentees", "e-1 e-2"),
                                                            ("was.started_on", "2025-09-15"), ("started_on", "15.09.2025"), ("mentee", "e-1")])
        XCTAssertEqual(saved?.status, 303, saved?.body ?? "")
        XCTAssertEqual(try links(w), ["e-1"])
    }

    /// A new «пара» saved with two mentees ticked is refused whole: the form comes back with the
    /// reason, and no pair is left behind (saved again, it would have made a second one).
    func testAPairOfTheKindPairWithTwoMenteesIsRefusedWhole() throws {
        let w = try mentorAndTwoMentees(status: "waiting")
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        client.get("/t/pairs/edit")
        let refused = client.post("/t/pairs/save", [("mentor_id", "m-1"), ("kind", "pair"), ("mentee", "e-1"), ("mentee", "e-2")])
        XCTAssertEqual(refused?.status, 422, refused?.body ?? "")
        XCTAssertTrue(refused?.body.contains("выберите для неё вид «группа»") ?? false, refused?.body ?? "")
        XCTAssertEqual(try rows(w, "pairs").count, 0, "no pair is left behind")
        XCTAssertEqual(try links(w), [])
        let group = client.post("/t/pairs/save", [("mentor_id", "m-1"), ("kind", "group"), ("mentee", "e-1"), ("mentee", "e-2")])
        XCTAssertEqual(group?.status, 303, group?.body ?? "")
        XCTAssertEqual(try links(w), ["e-1", "e-2"])
        // Made a «пара» with one mentee unticked, in one save; then its one mentee swapped for the other.
        let pair = try XCTUnwrap(try rows(w, "pairs").first?["id"] as? String)
        let made = client.post("/t/pairs/save?id=\(pair)", [("mentor_id", "m-1"), ("kind", "pair"), ("mentee", "e-1")])
        XCTAssertEqual(made?.status, 303, made?.body ?? "")
        XCTAssertEqual(try links(w), ["e-1"])
        XCTAssertEqual(try rows(w, "mentees").first { $0["id"] as? String == "e-2" }?["status"] as? String, "waiting", "unlinked from her only pair: waiting again")
        let swapped = client.post("/t/pairs/save?id=\(pair)", [("mentor_id", "m-1"), ("kind", "pair"), ("mentee", "e-2")])
        XCTAssertEqual(swapped?.status, 303, swapped?.body ?? "")
        XCTAssertEqual(try links(w), ["e-2"])
        // A pair entered by mistake, with a mentee and nothing else, is deleted with its link.
        let asked = client.get("/t/pairs/delete?id=\(pair)")?.body ?? ""
        XCTAssertTrue(asked.contains("Удалить: Пара «Иванова Мария → Орлов Пётр»?"), "the pair with its mentee: \(asked)")
        XCTAssertEqual(client.post("/t/pairs/delete?id=\(pair)", [])?.status, 303)
        XCTAssertEqual(try rows(w, "pairs").count, 0)
        XCTAssertEqual(try links(w), [])
        XCTAssertEqual(try rows(w, "mentees").map { $0["status"] as? String }, ["waiting", "waiting"])
    }

    /// A group made a «пара» on its page hears every reason it cannot be one in one line — its two
    /// introductions and its second mentee — not the meetings first and the mentee after.
    func testAGroupMadeAPairHearsEveryReasonAtOnce() throws {
        let w = try mentorAndTwoMentees(status: "in_pair")
        try w.sql(w.schoolHome, """
            INSERT INTO pairs (id, org_id, mentor_id, kind, status) VALUES ('x-1', 's001', 'm-1', 'group', 'active');
            INSERT INTO pair_mentees (id, org_id, pair_id, mentee_id) VALUES ('l-1', 's001', 'x-1', 'e-1'), ('l-2', 's001', 'x-1', 'e-2');
            INSERT INTO meetings (id, org_id, pair_id, kind, held_on) VALUES ('g-1', 's001', 'x-1', 'introduction', '2025-09-16'),
              ('g-2', 's001', 'x-1', 'introduction', '2026-01-20');
            """)
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        client.get("/t/pairs/edit?id=x-1")
        let refused = client.post("/t/pairs/save?id=x-1", [("mentor_id", "m-1"), ("kind", "pair"), ("mentee", "e-1"), ("mentee", "e-2")])
        XCTAssertEqual(refused?.status, 422, refused?.body ?? "")
        XCTAssertTrue(refused?.body.contains("паре «Иванова Мария» нельзя дать вид «пара»: 1) встреч «встреча-знакомство»: 2 (16.09.2025, 20.01.2026), а у пары она одна; "
                                             + "2) наставляемых: 2 (Смирнова Анна, Орлов Пётр), а у пары он один — оставьте вид «группа» или сначала "
                                             + "удалите лишние встречи-знакомства и уберите из неё лишних наставляемых") ?? false, refused?.body ?? "")
        XCTAssertEqual(try rows(w, "pairs").first?["kind"] as? String, "group")
        XCTAssertEqual(try links(w), ["e-1", "e-2"])
    }

    /// A pair the district refused reads so in the list and on its page, with the district's reason;
    /// corrected in the form, it is no longer marked (it goes with the next sync).
    func testAPairTheDistrictRefusedIsMarkedUntilCorrected() throws {
        let w = try WebWorld()
        try w.sql(w.schoolHome, """
            INSERT INTO persons (id, org_id, full_name) VALUES ('p-m', 's001', 'Иванова Мария'), ('p-o', 's001', 'Орлов Пётр');
            INSERT INTO mentors (id, org_id, person_id) VALUES ('m-1', 's001', 'p-m'), ('m-2', 's001', 'p-o');
            INSERT INTO pairs (id, org_id, mentor_id, started_on, status) VALUES ('pair-1', 's001', 'm-1', '2025-09-15', 'active'),
              ('pair-2', 's001', 'm-2', '2025-09-15', 'active');
            """)
        // What a reply of the district said of the first pair (NetworkMentoringCLITests makes one for real).
        try w.sql(w.schoolHome, """
            INSERT INTO school_rejections (bundle, reason, heard_at, counter_at) VALUES ('s001-district-000001.msync',
              'row pairs/pair-1: its mentor_id names mentors/m-9 of s002, which is not offered to network mentoring; change refused',
              strftime('%Y-%m-%dT%H:%M:%SZ', 'now'), (SELECT seq FROM sqlite_sequence WHERE name = 'msync_log'));
            """)
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        let list = client.get("/t/pairs")?.body ?? ""
        XCTAssertEqual(list.components(separatedBy: "не принято управлением образования</span>").count - 1, 1, list)
        XCTAssertTrue(list.contains(">Иванова Мария</a> <span class=\"refused\""), "the refused pair is the one marked: \(list)")
        let page = client.get("/t/pairs/edit?id=pair-1")?.body ?? ""
        XCTAssertTrue(page.contains("<p class=\"error\">управление образования не приняло"), page)
        XCTAssertFalse((client.get("/t/pairs/edit?id=pair-2")?.body ?? "").contains("class=\"error\""))
        XCTAssertEqual(client.post("/t/pairs/save?id=pair-1", [("mentor_id", "m-2"), ("started_on", "2025-09-15"), ("status", "active")])?.status, 303)
        XCTAssertFalse((client.get("/t/pairs")?.body ?? "").contains("не принято управлением образования"), "corrected")
    }

    /// In May the mentor and the mentee answer the survey the same day: the second one saved was
    /// told «Анкета «Иванова Мария, 20.05.2026 [1a2b3c4d]»», an id, on its notice, title and delete
    /// page. A survey is named by its pair, its day and who answered.
    func testTheMentorsAndTheMenteesSurveysOfADayAreNamedByWhoAnswered() throws {
        let w = try WebWorld()
        try w.sql(w.schoolHome, """
            INSERT INTO persons (id, org_id, full_name) VALUES ('p-m', 's001', 'Иванова Мария');
            INSERT INTO mentors (id, org_id, person_id) VALUES ('m-1', 's001', 'p-m');
            INSERT INTO pairs (id, org_id, mentor_id) VALUES ('pair-1', 's001', 'm-1');
            """)
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        for (who, score) in [("mentor", "9"), ("mentee", "10")] {
            _ = client.get("/t/surveys/edit?pair_id=pair-1")
            let saved = try XCTUnwrap(client.post("/t/surveys/save", [("pair_id", "pair-1"), ("respondent", who), ("satisfaction", score), ("answered_on", "2026-05-20")]))
            XCTAssertEqual(saved.status, 303, saved.body)
            let notice = client.get(saved.header("Location") ?? "")?.body ?? ""
            let word = who == "mentor" ? "наставник" : "наставляемый"
            XCTAssertTrue(notice.contains("сохранено: Анкета «Иванова Мария, 20.05.2026, \(word)»"), notice)
            XCTAssertNil(notice.range(of: #"\[[0-9a-f]{8}\]"#, options: .regularExpression), notice)
        }
    }

    /// One mentor with two young teachers: the list of meetings named each meeting's pair by its
    /// mentor alone («Иванова Мария — 15.09.2025», «Иванова Мария — 01.10.2025»), and Ольга Ивановна,
    /// who knows the pairs by the young teacher, had to open each. The pair reads with its mentees,
    /// as in the form's choice of the pair; so do the plans and the surveys.
    func testTheListsOfMeetingsPlansAndSurveysShowEachPairsMentees() throws {
        let w = try mentorWithTwoPairs()
        try w.sql(w.schoolHome, """
            INSERT INTO plans (id, org_id, pair_id, title) VALUES ('pl-1', 's001', 'pair-2', 'ИОМ');
            INSERT INTO surveys (id, org_id, pair_id, respondent, satisfaction) VALUES ('sv-1', 's001', 'pair-1', 'mentee', 9);
            """)
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        let meetings = client.get("/t/meetings")?.body ?? ""
        XCTAssertTrue(meetings.contains("Иванова Мария — 15.09.2025 → Смирнова Анна</a>"), meetings)
        XCTAssertTrue(meetings.contains("Иванова Мария — 01.10.2025 → Белов Олег</a>"), meetings)
        let plans = client.get("/t/plans")?.body ?? ""
        XCTAssertTrue(plans.contains("Иванова Мария — 01.10.2025 → Белов Олег</td>"), plans)
        XCTAssertTrue((client.get("/t/surveys")?.body ?? "").contains("Иванова Мария — 15.09.2025 → Смирнова Анна</a>"))
    }

    /// She searches the pairs and the meetings by her young teacher's name: «По запросу «Белов»
    /// ничего не найдено», though his pair is listed. A pair is found by its mentees' names, and
    /// a meeting, plan or survey by its pair's.
    func testPairsAndMeetingsAreFoundByAMenteesName() throws {
        let w = try mentorWithTwoPairs()
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        let word = "белов".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
        let pairs = client.get("/t/pairs?q=" + word)?.body ?? ""
        XCTAssertTrue(pairs.contains("edit?id=pair-2") && !pairs.contains("edit?id=pair-1"), pairs)
        let meetings = client.get("/t/meetings?q=" + word)?.body ?? ""
        XCTAssertTrue(meetings.contains("edit?id=mt-2") && !meetings.contains("edit?id=mt-1"), meetings)
    }

    /// «Добавить» on «Пары» opened a form headed «Пары», as the list is: she could not tell she was
    /// making a new one. A new row's form says so («Пара: новая запись»).
    func testANewRowsFormSaysItIsNew() throws {
        let w = try WebWorld()
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        for (table, title) in [("pairs", "Пара"), ("meetings", "Встреча"), ("persons", "Человек")] {
            let form = client.get("/t/\(table)/edit")?.body ?? ""
            XCTAssertTrue(form.contains("<h1>\(title): новая запись</h1>"), form)
        }
    }

    /// The pair's page shows its year: meetings, plans and surveys by day, each a link to its form,
    /// and «Добавить» opening a form with this pair chosen.
    func testThePairsPageShowsItsMeetingsPlansAndSurveys() throws {
        let w = try WebWorld()
        try w.sql(w.schoolHome, """
            INSERT INTO persons (id, org_id, full_name) VALUES ('p-m', 's001', 'Иванова Мария'), ('p-1', 's001', 'Смирнова Анна');
            INSERT INTO mentors (id, org_id, person_id) VALUES ('m-1', 's001', 'p-m');
            INSERT INTO pairs (id, org_id, mentor_id, started_on) VALUES ('pair-1', 's001', 'm-1', '2025-09-15'), ('pair-2', 's001', 'm-1', '2025-10-01');
            INSERT INTO meetings (id, org_id, pair_id, kind, held_on) VALUES ('mt-2', 's001', 'pair-1', 'planning', '2025-10-06'),
              ('mt-1', 's001', 'pair-1', 'introduction', '2025-09-22'), ('mt-x', 's001', 'pair-2', 'final', '2025-10-02');
            INSERT INTO surveys (id, org_id, pair_id, respondent, satisfaction, answered_on) VALUES ('sv-1', 's001', 'pair-1', 'mentee', 9, '2026-05-20');
            """)
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        // Plans and surveys are a click away from every page too, not only from a pair's.
        let list = client.get("/t/pairs")?.body ?? ""
        let nav = list.components(separatedBy: "</nav>").first ?? ""
        XCTAssertTrue(nav.contains("<a href=\"/t/plans\">Планы (ИОМ)</a>") && nav.contains("<a href=\"/t/surveys\">Анкеты</a>"), nav)
        let page = client.get("/t/pairs/edit?id=pair-1")?.body ?? ""
        XCTAssertTrue(page.contains("<title>Пара: Иванова Мария — 15.09.2025</title>"), "the page names its pair: \(page)")
        let first = try XCTUnwrap(page.range(of: "<a href=\"/t/meetings/edit?id=mt-1&amp;back=pair\">22.09.2025</a> — "), page)
        let second = try XCTUnwrap(page.range(of: "<a href=\"/t/meetings/edit?id=mt-2&amp;back=pair\">06.10.2025</a> — "), page)
        XCTAssertLessThan(first.lowerBound, second.lowerBound, "by day")
        XCTAssertFalse(page.contains("mt-x"), "another pair's meeting is not this pair's")
        XCTAssertTrue(page.contains("<a href=\"/t/surveys/edit?id=sv-1&amp;back=pair\">20.05.2026</a> — "), page)
        XCTAssertTrue(page.contains("href=\"/t/plans/edit?pair_id=pair-1&amp;back=pair\""), page)
        let add = client.get("/t/meetings/edit?pair_id=pair-1&back=pair")?.body ?? ""
        XCTAssertTrue(add.contains("<option value=\"pair-1\" selected>"), "the new meeting's pair is chosen: \(add)")
        XCTAssertTrue(add.contains("href=\"/t/pairs/edit?id=pair-1\">Отмена</a>"), "cancel goes back to the pair: \(add)")
        // Saved, it goes back to the pair's page, which says so and lists it.
        let saved = try XCTUnwrap(client.post("/t/meetings/save", [("pair_id", "pair-1"), ("kind", "trial"), ("held_on", "2025-09-29"), ("back", "pair")]))
        XCTAssertEqual(saved.status, 303, saved.body)
        let back = try XCTUnwrap(saved.header("Location"))
        XCTAssertTrue(back.hasPrefix("/t/pairs/edit?id=pair-1&done="), back)
        let again = client.get(back)?.body ?? ""
        XCTAssertTrue(again.contains("сохранено: Встреча «Иванова Мария — 15.09.2025, 29.09.2025»"), again)
        XCTAssertTrue(again.contains(">29.09.2025</a> — пробная встреча"), again)
        // Deleted from the pair's page, it is said with its table too, back on the pair's page.
        let card = client.get("/t/meetings/edit?id=mt-x&back=pair&pair=pair-2")?.body ?? ""
        XCTAssertTrue(card.contains("href=\"/t/meetings/delete?id=mt-x&amp;back=pair\">Удалить</a>"), card)
        let confirm = client.get("/t/meetings/delete?id=mt-x&back=pair")?.body ?? ""
        XCTAssertTrue(confirm.contains("Удалить: Встреча «Иванова Мария — 01.10.2025, 02.10.2025»? Отменить это здесь нельзя."), "what is deleted, with its kind: \(confirm)")
        XCTAssertTrue(confirm.contains("href=\"/t/pairs/edit?id=pair-2\">Отмена</a>"), "cancel goes back to the pair: \(confirm)")
        let deleted = try XCTUnwrap(client.post("/t/meetings/delete?id=mt-x&back=pair", []))
        let location = deleted.header("Location") ?? ""
        XCTAssertTrue(location.hasPrefix("/t/pairs/edit?id=pair-2&done="), location)
        XCTAssertTrue(location.removingPercentEncoding?.contains("удалено: Встреча «Иванова Мария — 01.10.2025, 02.10.2025»") == true, location)
    }

    /// A school with a mentor (m-1, Иванова Мария) and two mentees (e-1 Смирнова Анна, e-2 Орлов Пётр) of `status`.
    func mentorAndTwoMentees(status: String) throws -> WebWorld {
        let w = try WebWorld()
        try w.sql(w.schoolHome, """
            INSERT INTO persons (id, org_id, full_name) VALUES ('p-m', 's001', 'Иванова Мария'), ('p-1', 's001', 'Смирнова Анна'), ('p-2', 's001', 'Орлов Пётр');
            INSERT INTO mentors (id, org_id, person_id) VALUES ('m-1', 's001', 'p-m');
            INSERT INTO mentees (id, org_id, person_id, status) VALUES ('e-1', 's001', 'p-1', '\(status)'), ('e-2', 's001', 'p-2', '\(status)');
            """)
        return w
    }

    func rows(_ w: WebWorld, _ table: String) throws -> [[String: Any]] {
        let r = try ToolRunner.run("mentorsync-school", ["list", table, "--json", "--home", w.schoolHome.path])
        return (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) as? [[String: Any]] ?? []
    }

    func links(_ w: WebWorld) throws -> [String] { try rows(w, "pair_mentees").compactMap { $0["mentee_id"] as? String }.sorted() }

    /// One mentor, «Иванова Мария», with two pairs — Смирнова Анна's (from 15.09.2025) and Белов
    /// Олег's (from 01.10.2025) — and each pair's introduction, written as another program would.
    func mentorWithTwoPairs() throws -> WebWorld {
        let w = try WebWorld()
        try w.sql(w.schoolHome, """
            INSERT INTO persons (id, org_id, full_name) VALUES ('p-m', 's001', 'Иванова Мария'), ('p-1', 's001', 'Смирнова Анна'), ('p-2', 's001', 'Белов Олег');
            INSERT INTO mentors (id, org_id, person_id) VALUES ('m-1', 's001', 'p-m');
            INSERT INTO mentees (id, org_id, person_id) VALUES ('e-1', 's001', 'p-1'), ('e-2', 's001', 'p-2');
            INSERT INTO pairs (id, org_id, mentor_id, started_on) VALUES ('pair-1', 's001', 'm-1', '2025-09-15'), ('pair-2', 's001', 'm-1', '2025-10-01');
            INSERT INTO pair_mentees (id, org_id, pair_id, mentee_id) VALUES ('pm-1', 's001', 'pair-1', 'e-1'), ('pm-2', 's001', 'pair-2', 'e-2');
            INSERT INTO meetings (id, org_id, pair_id, kind, held_on) VALUES ('mt-1', 's001', 'pair-1', 'introduction', '2025-09-22'),
              ('mt-2', 's001', 'pair-2', 'introduction', '2025-10-06');
            """)
        return w
    }
}
