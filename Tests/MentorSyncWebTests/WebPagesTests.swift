import Foundation
import XCTest
import MentorSyncEngine
import MentorSyncTestSupport

/// Every page through the real binary: it answers, a GET changes nothing in registry.db, and a
/// name written by another SQLite client as markup is shown as text everywhere.
final class WebPagesTests: XCTestCase {
    static let script = "<script>alert(1)</script>"
    static let escaped = "&lt;script&gt;alert(1)&lt;/script&gt;"

    /// Rows of a school, the person's name being markup, written with plain SQL.
    func seed(_ w: WebWorld, _ home: URL, org: String) throws {
        try w.sql(home, """
            INSERT INTO persons (id, org_id, full_name, role) VALUES ('p-script', '\(org)', '\(Self.script)', 'teacher');
            INSERT INTO persons (id, org_id, full_name, role) VALUES ('p-young', '\(org)', 'Смирнова Анна', 'teacher');
            INSERT INTO mentors (id, org_id, person_id, status) VALUES ('m-script', '\(org)', 'p-script', 'active');
            INSERT INTO mentees (id, org_id, person_id) VALUES ('e-young', '\(org)', 'p-young');
            INSERT INTO pairs (id, org_id, mentor_id, started_on) VALUES ('pair-1', '\(org)', 'm-script', '2025-09-01');
            INSERT INTO meetings (id, org_id, pair_id, held_on) VALUES ('meet-1', '\(org)', 'pair-1', '2025-09-15');
            """)
    }

    func checkPages(_ client: WebClient, _ targets: [String], mustShowEscaped: Set<String>, file: StaticString = #filePath, line: UInt = #line) {
        for target in targets {
            guard let a = client.get(target) else { XCTFail("\(target): no answer", file: file, line: line); continue }
            XCTAssertEqual(a.status, 200, "\(target): \(a.body.prefix(300))", file: file, line: line)
            XCTAssertFalse(a.body.contains(Self.script), "\(target) shows the name as markup", file: file, line: line)
            if mustShowEscaped.contains(target) {
                XCTAssertTrue(a.body.contains(Self.escaped), "\(target) does not show the name", file: file, line: line)
            }
        }
    }

    func testSchoolPagesAnswerEscapeAndChangeNothing() throws {
        let w = try WebWorld()
        try seed(w, w.schoolHome, org: "s001")
        let port = try w.start("mentorsync-school", home: w.schoolHome)
        let client = WebClient(port: port)
        client.get("/")
        let before = w.checksum(w.schoolHome)
        let tables = ["organizations", "persons", "mentors", "mentees", "pairs", "pair_mentees", "plans", "meetings",
                      "events", "indicators", "indicator_values", "practices", "surveys"]
        let named = ["/t/persons", "/t/mentors", "/t/pairs", "/t/meetings", "/t/persons/edit?id=p-script", "/t/persons/delete?id=p-script",
                     "/t/mentors/edit?id=m-script", "/t/pairs/edit", "/t/meetings/edit", "/t/persons?q=script"]
        let pages = ["/", "/status", "/sync", "/report", "/style.css"] + tables.map { "/t/\($0)" } + tables.map { "/t/\($0)/edit" } + named
        checkPages(client, pages, mustShowEscaped: Set(named))
        XCTAssertEqual(w.checksum(w.schoolHome), before, "a GET changed registry.db")
    }

    func testDistrictPagesAnswerEscapeAndChangeNothing() throws {
        let w = try WebWorld()
        try seed(w, w.districtHome, org: "s001")
        let port = try w.start("mentorsync-district", home: w.districtHome)
        let client = WebClient(port: port)
        client.get("/")
        let before = w.checksum(w.districtHome)
        let named = ["/t/persons", "/t/mentors", "/t/pairs", "/t/persons/edit?id=p-script", "/t/pairs/edit", "/t/meetings"]
        let pages = ["/", "/conflicts", "/report", "/tables", "/enroll", "/t/events", "/t/events/edit", "/t/indicators", "/t/indicators/edit",
                     "/schools/s001/resync", "/schools/s001/revoke"] + named
        checkPages(client, pages, mustShowEscaped: Set(named))
        // Each page is headed by what the menu calls it.
        let tables = client.get("/tables")?.body ?? ""
        XCTAssertTrue(tables.contains("<title>Все таблицы</title>") && tables.contains("<h1>Все таблицы</h1>"), tables)
        XCTAssertEqual(w.checksum(w.districtHome), before, "a GET changed registry.db")
    }

    /// A person added through the form is in the registry, found by name, with the choices of a pair's form.
    func testAddAPersonAndAMentorByName() throws {
        let w = try WebWorld()
        let port = try w.start("mentorsync-school", home: w.schoolHome)
        let client = WebClient(port: port)
        client.get("/t/persons/edit")
        let saved = client.post("/t/persons/save", [("full_name", "Иванова Мария Петровна"), ("role", "teacher"), ("birth_date", "1990-03-12")])
        XCTAssertEqual(saved?.status, 303, saved?.body ?? "")
        let form = client.get("/t/mentors/edit")
        XCTAssertTrue(form?.body.contains(">Иванова Мария Петровна</option>") ?? false)
        let list = try ToolRunner.run("mentorsync-school", ["list", "persons", "--json", "--home", w.schoolHome.path])
        XCTAssertTrue(list.stdout.contains("Иванова Мария Петровна"), list.stdout)
        let bad = client.post("/t/persons/save", [("full_name", "Петров"), ("birth_date", "31.02.1990")])
        XCTAssertEqual(bad?.status, 422)
        XCTAssertTrue(bad?.body.contains("class=\"error\"") ?? false)
        // A form sent with nothing filled in is refused, not «сохранено» over nothing saved.
        client.get("/t/plans/edit")
        let empty = client.post("/t/plans/save", [("title", ""), ("goals", ""), ("status", "")])
        XCTAssertEqual(empty?.status, 422, empty?.body ?? "")
        XCTAssertTrue(empty?.body.contains("ничего не заполнено: пустая запись таблицы «Планы (ИОМ)» не сохраняется") ?? false, empty?.body ?? "")
        let plans = try ToolRunner.run("mentorsync-school", ["list", "plans", "--json", "--home", w.schoolHome.path])
        XCTAssertEqual(plans.stdout.filter { !$0.isWhitespace }, "[]", plans.stdout)
    }

    /// The school's home page opens with what the registry asks of her, each pair a link to its page.
    func testTheSchoolsHomePageSaysWhatToDo() throws {
        let w = try WebWorld()
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        try w.putAtSchool("persons", "--set", "full_name=Иванова Анна Петровна", "--set", "role=teacher")
        try w.putAtSchool("mentors", "--set", "person_id=Иванова Анна Петровна", "--set", "status=active")
        try w.putAtSchool("pairs", "--id", "pair-1", "--set", "mentor_id=Иванова Анна Петровна", "--set", "status=active")
        let page = client.get("/")?.body ?? ""
        XCTAssertTrue(page.contains("<h2>Что сделать</h2>"), page)
        XCTAssertTrue(page.contains("<li>нет плана (ИОМ) у действующих пар (1): <a href=\"/t/pairs/edit?id=pair-1\">«Иванова Анна Петровна»</a></li>"), page)
        try w.putAtSchool("plans", "--set", "pair_id=pair-1", "--set", "title=ИОМ на 2026/27")
        let after = client.get("/")?.body ?? ""
        XCTAssertFalse(after.contains("нет плана (ИОМ)"), after)
        XCTAssertTrue(after.contains("<h2>Что сделать</h2>"), after)
    }

    /// Seven pairs without a plan: the home page names five, and «и ещё 2» opens the list of all
    /// seven, each a link to its pair (it opened the whole list of pairs, those with a plan too).
    func testTheRestOfAnAgendaItemIsOneClickAway() throws {
        let w = try WebWorld()
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        try w.putAtSchool("persons", "--set", "full_name=Иванова Анна Петровна", "--set", "role=teacher")
        try w.putAtSchool("mentors", "--set", "person_id=Иванова Анна Петровна", "--set", "status=active")
        for day in 1...7 {
            try w.putAtSchool("pairs", "--id", "pair-\(day)", "--set", "mentor_id=Иванова Анна Петровна", "--set", "status=active",
                              "--set", "started_on=2026-05-0\(day)")
        }
        try w.putAtSchool("pairs", "--id", "pair-planned", "--set", "mentor_id=Иванова Анна Петровна", "--set", "status=active")
        try w.putAtSchool("plans", "--set", "pair_id=pair-planned", "--set", "title=ИОМ")
        let home = client.get("/")?.body ?? ""
        XCTAssertTrue(home.contains("<a href=\"/agenda?kind=pair_without_plan&amp;table=pairs\">и ещё 2</a>"), home)
        let list = try XCTUnwrap(client.get("/agenda?kind=pair_without_plan&table=pairs"))
        XCTAssertEqual(list.status, 200, list.body)
        XCTAssertTrue(list.body.contains("<h2>Нет плана (ИОМ) у действующих пар (7)</h2>"), list.body)
        for day in 1...7 { XCTAssertTrue(list.body.contains("<a href=\"/t/pairs/edit?id=pair-\(day)\">"), "pair-\(day): \(list.body)") }
        XCTAssertFalse(list.body.contains("pair-planned"), list.body)
        // Put right meanwhile (every plan written): the list is gone, and the home page says what is left.
        for day in 1...7 { try w.putAtSchool("plans", "--set", "pair_id=pair-\(day)", "--set", "title=ИОМ") }
        XCTAssertEqual(client.get("/agenda?kind=pair_without_plan&table=pairs")?.status, 303)
    }

    /// A person added in the form with a name a letter off someone born the same day is asked about
    /// (she was added without a word): the form comes back with the question and a box; ticked, she is added.
    func testANearNamesakeIsAskedAboutWithABox() throws {
        let w = try WebWorld()
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        client.get("/t/persons/edit")
        XCTAssertEqual(client.post("/t/persons/save", [("full_name", "Петрова Мария Ивановна"), ("birth_date", "2001-04-10")])?.status, 303)
        let marya = [("full_name", "Петрова Марья Ивановна"), ("birth_date", "2001-04-10"), ("role", "teacher")]
        let asked = try XCTUnwrap(client.post("/t/persons/save", marya))
        XCTAssertEqual(asked.status, 422, asked.body)
        XCTAssertTrue(asked.body.contains("похоже на «Петрова Мария Ивановна» с той же датой рождения"), "named without an id on a page: \(asked.body)")
        XCTAssertTrue(asked.body.contains("если это другой человек, отметьте «Это другой человек» и сохраните ещё раз"), asked.body)
        XCTAssertTrue(asked.body.contains("<input type=\"checkbox\" name=\"another_person\" value=\"1\"> Это другой человек</label>"), asked.body)
        XCTAssertTrue(asked.body.contains("value=\"Петрова Марья Ивановна\""), "what was typed stays in the form")
        func persons() throws -> Int {
            let r = try ToolRunner.run("mentorsync-school", ["list", "persons", "--json", "--home", w.schoolHome.path])
            return ((try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) as? [Any])?.count ?? -1
        }
        XCTAssertEqual(try persons(), 1, "nothing written")
        XCTAssertEqual(client.post("/t/persons/save", marya + [("another_person", "1")])?.status, 303)
        XCTAssertEqual(try persons(), 2)
        // A person's row whose name and birth date are changed into a near namesake's is asked about
        // alike, on its own page; ticked, the change is saved.
        XCTAssertEqual(client.post("/t/persons/save", [("full_name", "Кузнецова Ирина Олеговна"), ("birth_date", "1990-01-01")])?.status, 303)
        let registry = try Database(path: w.schoolHome.appendingPathComponent("registry.db").path)
        let irina = try XCTUnwrap(try registry.scalar("SELECT id FROM persons WHERE full_name = 'Кузнецова Ирина Олеговна'")?.text)
        client.get("/t/persons/edit?id=\(irina)")
        let edited = [("full_name", "Петрова Мари Ивановна"), ("birth_date", "2001-04-10")]
        let askedAgain = try XCTUnwrap(client.post("/t/persons/save?id=\(irina)", edited))
        XCTAssertEqual(askedAgain.status, 422, askedAgain.body)
        XCTAssertTrue(askedAgain.body.contains("и не сохранено: если это тот же человек, в списке две его записи — оставьте одну"), askedAgain.body)
        XCTAssertTrue(askedAgain.body.contains("name=\"another_person\""), askedAgain.body)
        XCTAssertEqual(try registry.scalar("SELECT full_name FROM persons WHERE id = ?", [.text(irina)])?.text, "Кузнецова Ирина Олеговна")
        XCTAssertEqual(client.post("/t/persons/save?id=\(irina)", edited + [("another_person", "1")])?.status, 303)
        XCTAssertEqual(try registry.scalar("SELECT full_name FROM persons WHERE id = ?", [.text(irina)])?.text, "Петрова Мари Ивановна")
    }

    /// Ольга Ивановна typed a teacher already in the list (the same name, the same birth date), or
    /// changed another teacher's row into hers: refused, naming her without a short id («[46d88d11]»)
    /// a page gives her no use for.
    func testTheSamePersonIsRefusedWithoutAShortIDOnThePage() throws {
        let w = try WebWorld()
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        client.get("/t/persons/edit")
        let anna = [("full_name", "Иванова Анна Петровна"), ("birth_date", "1975-03-12")]
        XCTAssertEqual(client.post("/t/persons/save", anna)?.status, 303)
        let again = try XCTUnwrap(client.post("/t/persons/save", anna))
        XCTAssertEqual(again.status, 422, again.body)
        XCTAssertTrue(again.body.contains("«Иванова Анна Петровна» уже есть в списке с той же датой рождения: повторно не добавлено"), again.body)
        XCTAssertEqual(client.post("/t/persons/save", [("full_name", "Сидорова Мария Николаевна"), ("birth_date", "2003-10-20")])?.status, 303)
        let registry = try Database(path: w.schoolHome.appendingPathComponent("registry.db").path)
        let maria = try XCTUnwrap(try registry.scalar("SELECT id FROM persons WHERE full_name = 'Сидорова Мария Николаевна'")?.text)
        client.get("/t/persons/edit?id=\(maria)")
        let edited = try XCTUnwrap(client.post("/t/persons/save?id=\(maria)", anna))
        XCTAssertEqual(edited.status, 422, edited.body)
        XCTAssertTrue(edited.body.contains("«Иванова Анна Петровна» уже есть в списке с той же датой рождения: не сохранено"), edited.body)
        let slip = try XCTUnwrap(client.post("/t/persons/save", [("full_name", "Иванова Анна Петровна"), ("birth_date", "1975-12-03")]))
        XCTAssertEqual(slip.status, 422, slip.body)
        XCTAssertTrue(slip.body.contains("«Иванова Анна Петровна» уже есть в списке с датой рождения 12.03.1975"), slip.body)
    }

    /// «Ждут пару наставляемые»: Ольга Ивановна follows the item to make the pair — beside each
    /// mentee's record, a link to a new pair's form with her already ticked.
    func testAWaitingMenteeIsOneClickFromHerPair() throws {
        let w = try WebWorld()
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        try w.putAtSchool("persons", "--set", "full_name=Петров Олег Ильич", "--set", "role=teacher")
        try w.putAtSchool("mentees", "--id", "mentee-1", "--set", "person_id=Петров Олег Ильич", "--set", "status=waiting")
        let page = client.get("/")?.body ?? ""
        XCTAssertTrue(page.contains("<li>ждут пару наставляемые (1): <a href=\"/t/mentees/edit?id=mentee-1\">«Петров Олег Ильич»</a> — "
                                    + "<a href=\"/t/pairs/edit?mentee=mentee-1\">составить пару</a></li>"), page)
        let form = client.get("/t/pairs/edit?mentee=mentee-1")?.body ?? ""
        XCTAssertTrue(form.contains("name=\"mentee\" value=\"mentee-1\" checked> Петров Олег Ильич"), form)
    }

    /// The ИОМ Ольга Ивановна wrote from the plans page for the young teacher (the mentee chosen, the
    /// pair left empty) is shown on his pair's page, as «Что сделать» counts it the pair's plan.
    func testThePairsPageShowsThePlanWrittenForItsMentee() throws {
        let w = try WebWorld()
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        try w.putAtSchool("persons", "--set", "full_name=Иванова Анна Петровна", "--set", "role=teacher")
        try w.putAtSchool("persons", "--set", "full_name=Петров Олег Ильич", "--set", "role=teacher")
        try w.putAtSchool("mentors", "--set", "person_id=Иванова Анна Петровна", "--set", "status=active")
        try w.putAtSchool("mentees", "--set", "person_id=Петров Олег Ильич", "--set", "status=waiting")
        try w.putAtSchool("pairs", "--id", "pair-1", "--set", "mentor_id=Иванова Анна Петровна", "--set", "status=active")
        try w.putAtSchool("pair_mentees", "--set", "pair_id=pair-1", "--set", "mentee_id=Петров Олег Ильич")
        try w.putAtSchool("plans", "--set", "mentee_id=Петров Олег Ильич", "--set", "title=ИОМ Петрова О. И.", "--set", "starts_on=15.10.2026")
        let page = client.get("/t/pairs/edit?id=pair-1")?.body ?? ""
        XCTAssertTrue(page.contains("15.10.2026</a> — ИОМ Петрова О. И."), page)
    }
}
