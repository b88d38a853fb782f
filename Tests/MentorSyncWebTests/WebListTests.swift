import Foundation
import XCTest
import MentorSyncTestSupport
import MentorSyncDomain

/// A table's list as the deputy head reads it: only the columns that hold something, paged and
/// counted by the database, found by a word in any case, a name, a value in words or a date.
final class WebListTests: XCTestCase {
    /// A notice in a link from anyone else is not shown as the app's: only this session's own
    /// redirects carry notices it shows (sealed); a sealed one is shown.
    func testANoticeInAForeignLinkIsNotShown() throws {
        let w = try WebWorld()
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        let forged = client.get("/t/persons?done=" + "Данные удалены, позвоните +7-900".addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)?.body ?? ""
        XCTAssertFalse(forged.contains("позвоните"), forged)
        client.get("/t/persons/edit")
        let saved = try XCTUnwrap(client.post("/t/persons/save", [("full_name", "Орлова Анна")]))
        let location = try XCTUnwrap(saved.header("Location"))
        XCTAssertTrue(location.contains("&seal="), location)
        XCTAssertTrue((client.get(location)?.body ?? "").contains("<p class=\"notice\">сохранено: Орлова Анна</p>"))
        let tampered = location.replacingOccurrences(of: "done=", with: "done=x")
        XCTAssertFalse((client.get(tampered)?.body ?? "").contains("class=\"notice\""), "a notice changed after sealing is not shown")
    }

    /// A roadmap's list shows each event's status (it was only in the event's card), its dates and
    /// who is responsible, before the columns people look at less.
    func testTheEventsListShowsStatusFirst() throws {
        let w = try WebWorld()
        try w.sql(w.schoolHome, """
            INSERT INTO events (id, org_id, code, section, title, result, starts_on, ends_on, schedule, responsible, document, status)
              VALUES ('ev-1', 's001', '1.1', 'Организационный', 'Семинар наставников', 'Протокол', '2026-10-01', '2026-10-02',
                      'октябрь 2026', 'Иванова М. П.', 'Приказ № 5', 'done');
            """)
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        let list = client.get("/t/events")?.body ?? ""
        XCTAssertEqual(Array(headers(list).prefix(5)), ["Мероприятие", "Дата начала", "Дата окончания", "Статус", "Ответственный"], list)
        XCTAssertTrue(list.contains(">выполнено<"), list)
    }

    func testListShowsFilledColumnsPagesInSQLAndSearches() throws {
        let w = try WebWorld()
        try w.sql(w.schoolHome, """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 120)
            INSERT INTO persons (id, org_id, full_name, role, birth_date)
              SELECT printf('p-%03d', i), 's001', printf('Петрова%d Анна', i), CASE WHEN i <= 100 THEN 'teacher' ELSE 'student' END, '1985-04-12' FROM n;
            INSERT INTO mentors (id, org_id, person_id, status) VALUES ('m-7', 's001', 'p-007', 'active');
            """)
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))

        let first = client.get("/t/persons")?.body ?? ""
        XCTAssertTrue(first.contains("записи 1–50 из 120"), first)
        XCTAssertEqual(headers(first), ["ФИО", "Дата рождения", "Роль", ""], "only the columns holding a value are shown")
        XCTAssertTrue(first.contains(">Петрова50 Анна<") && !first.contains(">Петрова51 Анна<"))
        let last = client.get("/t/persons?page=3")?.body ?? ""
        XCTAssertTrue(last.contains("записи 101–120 из 120") && last.contains(">Петрова120 Анна<") && !last.contains(">Петрова100 Анна<"), last)

        XCTAssertTrue(count(client, "/t/persons?q=" + enc("петрова7")).contains("из 11"), "a word in lower case finds Петрова7, 70–79")
        XCTAssertTrue(count(client, "/t/persons?q=" + enc("ученик")).contains("из 20"), "a value in words finds the students")
        XCTAssertTrue(count(client, "/t/persons?q=" + enc("12.04.1985")).contains("из 120"), "a date as people write it")
        XCTAssertTrue(count(client, "/t/mentors?q=" + enc("петрова7")).contains("из 1"), "a mentor is found by its person's name")
        XCTAssertTrue((client.get("/t/persons?q=" + enc("Сидоров"))?.body ?? "").contains("По запросу «Сидоров» ничего не найдено."),
                      "a search that finds nothing does not say the table is empty")
        XCTAssertTrue(count(client, "/t/persons?q=" + enc("50%")).contains("По запросу «50%» ничего не найдено."), "% is a character, not a wildcard")
        XCTAssertTrue((client.get("/t/plans")?.body ?? "").contains("Пока нет записей."))
    }

    /// The district's base of mentors is searched by what the mentor's person teaches, and «сетевые»
    /// (the yes/no column's title) keeps those offered to network mentoring: a village's physics teacher found.
    func testTheMentorsBaseIsSearchedBySubjectAndNetwork() throws {
        let w = try WebWorld()
        try w.sql(w.districtHome, """
            INSERT INTO persons (id, org_id, full_name, subject) VALUES ('p-1', 's001', 'Иванова Мария', 'физика'),
              ('p-2', 's001', 'Орлов Пётр', 'физика и астрономия'), ('p-3', 's001', 'Смирнова Анна', 'химия');
            INSERT INTO mentors (id, org_id, person_id, status, network, competencies) VALUES ('m-1', 's001', 'p-1', 'active', 1, NULL),
              ('m-2', 's001', 'p-2', 'active', 0, 'сетевой проект, математика'), ('m-3', 's001', 'p-3', 'active', 1, NULL);
            """)
        let client = WebClient(port: try w.start("mentorsync-district", home: w.districtHome))
        func found(_ q: String) -> [String] {
            let body = client.get("/t/mentors?q=" + enc(q))?.body ?? ""
            return ["Иванова Мария", "Орлов Пётр", "Смирнова Анна"].filter { body.contains(">\($0)<") }
        }
        XCTAssertEqual(found("Физика"), ["Иванова Мария", "Орлов Пётр"])
        XCTAssertEqual(found("сетевые физика"), ["Иванова Мария"])
        // A word search finds the word anywhere (the link below finds the offered mentors alone).
        XCTAssertEqual(found("сетевой"), ["Иванова Мария", "Орлов Пётр", "Смирнова Анна"])
        // The list shows each mentor's subject, and links to the network mentors alone.
        let all = client.get("/t/mentors")?.body ?? ""
        XCTAssertTrue((client.get("/")?.body ?? "").contains("<a href=\"/t/mentors\">Наставники</a>"), "the base of mentors is in the district's menu")
        XCTAssertTrue(all.contains("<th>Предмет</th>") && all.contains("data-label=\"Предмет\">физика и астрономия</td>"), all)
        let link = try XCTUnwrap(all.range(of: #"/t/mentors\?network=1"#, options: .regularExpression).map { String(all[$0]) }, all)
        XCTAssertTrue(all.contains("Только наставники, предложенные для сетевого наставничества"), all)
        let networkOnly = client.get(link)?.body ?? ""
        // Those offered, not a mentor whose competencies mention «сетевой проект».
        XCTAssertTrue(networkOnly.contains(">Иванова Мария<") && networkOnly.contains(">Смирнова Анна<") && !networkOnly.contains(">Орлов Пётр<"), networkOnly)
        XCTAssertTrue(networkOnly.contains("<a href=\"/t/mentors\">Все наставники</a>"), networkOnly)
        // A search there stays among the network mentors (Орлов teaches physics, and is not offered),
        // keeps the way back, and «Скачать для Excel» downloads what the list shows.
        XCTAssertTrue(networkOnly.contains("<input type=\"hidden\" name=\"network\" value=\"1\">"), networkOnly)
        let physics = client.get("/t/mentors?q=" + enc("физика") + "&network=1")?.body ?? ""
        XCTAssertTrue(physics.contains(">Иванова Мария<") && !physics.contains(">Орлов Пётр<") && !physics.contains(">Смирнова Анна<"), physics)
        XCTAssertTrue(physics.contains("<a href=\"/t/mentors?q=\(enc("физика"))\">Все наставники</a>"), physics)
        XCTAssertTrue(physics.contains("href=\"/t/mentors/xlsx?network=1\">Скачать для Excel</a>"), physics)
        let book = try XCTUnwrap(client.get("/t/mentors/xlsx?network=1"))
        let file = w.scratch.path("Сетевые.xlsx")
        try Data(book.bytes).write(to: file)
        let people = try SpreadsheetFile.read(contentsOf: file).records.flatMap(\.fields)
        XCTAssertTrue(people.contains("Иванова Мария") && people.contains("Смирнова Анна") && !people.contains("Орлов Пётр"), "\(people)")
        // A school before any reply brought the district's network mentors is told where they come from.
        let school = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        let none = school.get(link)?.body ?? ""
        XCTAssertTrue(none.contains("Сетевые наставники, которых предложили другие школы, приходят с ответом управления образования"), none)
        XCTAssertFalse((client.get(link)?.body ?? "").contains("приходят с ответом"), "the district is not told so")
    }

    /// A list never scrolls sideways on a school laptop: free text goes to the row's form first; at
    /// the district every row says whose it is.
    func testAFullRowFitsTheScreenAndTheDistrictSeesWhoseItIs() throws {
        let w = try WebWorld()
        try w.sql(w.districtHome, """
            INSERT INTO persons (id, org_id, full_name, birth_date, role, position, subject, teaching_since, hired_on, left_on, pd_consent_on, notes)
            VALUES ('p-1', 's001', 'Иванова Мария Петровна', '1990-03-12', 'teacher', 'учитель', 'физика', '2012-09-01', '2012-09-01', '2025-06-30', '2012-09-01', 'переехала');
            """)
        let client = WebClient(port: try w.start("mentorsync-district", home: w.districtHome))
        let page = client.get("/t/persons")?.body ?? ""
        let shown = headers(page)
        XCTAssertEqual(shown.count, 8, "\(shown)")
        XCTAssertEqual(shown.suffix(2), ["Чья запись", ""])
        XCTAssertFalse(shown.contains("Примечание"), "free text is the first to leave a crowded list")
        XCTAssertTrue(page.contains("Ещё в карточке каждой записи:") && page.contains("Примечание."), page)
        XCTAssertTrue(page.contains("data-label=\"Чья запись\">Школа № 1 (s001)</td>"), page)
        // A mentor's subject and whose it is take the place of the mentor's own columns: the row
        // keeps to eight columns, «Удалить» on the screen.
        try w.sql(w.districtHome, """
            INSERT INTO mentors (id, org_id, person_id, status, network, competencies, trained_on, training_course, notes)
            VALUES ('m-1', 's001', 'p-1', 'active', 1, 'проектная деятельность', '2024-05-01', 'Школа наставника', 'ведёт кружок');
            """)
        let mentors = headers(client.get("/t/mentors")?.body ?? "")
        XCTAssertEqual(mentors.count, 8, "\(mentors)")
        XCTAssertEqual(Array(mentors.prefix(2)), ["Наставник", "Предмет"])
        XCTAssertEqual(mentors.suffix(2), ["Чья запись", ""])
    }

    /// Names are kept between pages, and read again when another program or the app itself writes.
    func testNamesWrittenByAnotherProgramAppearAtOnce() throws {
        let w = try WebWorld()
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        XCTAssertFalse((client.get("/t/mentors/edit")?.body ?? "").contains("Зайцева Ольга"))
        try w.sql(w.schoolHome, "INSERT INTO persons (id, org_id, full_name) VALUES ('p-z', 's001', 'Зайцева Ольга')")
        XCTAssertTrue((client.get("/t/mentors/edit")?.body ?? "").contains(">Зайцева Ольга</option>"), "a name kept from before the write")
        XCTAssertEqual(client.post("/t/persons/save", [("full_name", "Лебедева Нина")])?.status, 303)
        XCTAssertTrue((client.get("/t/mentors/edit")?.body ?? "").contains(">Лебедева Нина</option>"), "a name kept from before the app's own write")
    }

    func headers(_ html: String) -> [String] {
        html.components(separatedBy: "<th>").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }

    func count(_ c: WebClient, _ target: String) -> String {
        let body = c.get(target)?.body ?? ""
        if let r = body.range(of: "записи [^<]*", options: .regularExpression) { return String(body[r]) }
        return body.contains("Пока нет записей") ? "Пока нет записей" : body
    }

    func enc(_ s: String) -> String { s.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? s }
}

/// A school's lists mark the rows of another school it holds through network mentoring (a pair
/// with its network mentor), and offer no way to delete them.
final class WebNetworkRowsTests: XCTestCase {
    func testAnotherSchoolsPairIsMarkedAndNotDeletable() throws {
        let w = try WebWorld()
        try w.sql(w.schoolHome, """
            INSERT INTO persons (id, org_id, full_name, role) VALUES ('p-1', 's001', 'Иванова Мария', 'teacher');
            INSERT INTO mentors (id, org_id, person_id, status, network) VALUES ('m-1', 's001', 'p-1', 'active', 1);
            INSERT INTO pairs (id, org_id, mentor_id, kind, status) VALUES ('x-other', 's002', 'm-1', 'pair', 'active');
            INSERT INTO pairs (id, org_id, mentor_id, kind, status) VALUES ('x-own', 's001', 'm-1', 'group', 'active');
            INSERT INTO persons (id, org_id, full_name) VALUES ('p-2', 's002', 'Кузнецов Андрей');
            INSERT INTO mentors (id, org_id, person_id, status, network) VALUES ('m-2', 's002', 'p-2', 'active', 1);
            INSERT INTO organizations (id, org_id, name, kind) VALUES ('o-2', 'district', 'МБОУ СОШ № 2', 'school');
            INSERT INTO pairs (id, org_id, mentor_id, kind, status) VALUES ('x-net', 's001', 'm-2', 'pair', 'active');
            """)
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        let page = client.get("/t/pairs")?.body ?? ""
        XCTAssertEqual(page.components(separatedBy: "из школы «s002» (сетевое наставничество)").count, 2, page)
        XCTAssertTrue(page.contains("delete?id=x-own") && !page.contains("delete?id=x-other"), page)
        // This school's pair with s002's mentor says whose the mentor is; s002's pair with this school's mentor is marked as s002's row.
        XCTAssertEqual(page.components(separatedBy: "сетевая пара: наставник из школы").count - 1, 1, page)
        XCTAssertTrue(page.contains(">Кузнецов Андрей</a> <span class=\"muted mark\">сетевая пара: наставник из школы «s002»</span>"), page)
    }

    /// Another school's mentor taken off the network, whom no pair of this school names, is held all
    /// the same: marked as no longer in network mentoring (it read «(сетевое наставничество)»), beside
    /// one still offered, and one taken off whose pair with this school goes on.
    func testAMentorTakenOffTheNetworkIsMarkedSo() throws {
        let w = try WebWorld()
        try w.sql(w.schoolHome, """
            INSERT INTO persons (id, org_id, full_name) VALUES ('p-2', 's002', 'Кузнецов Андрей'), ('p-3', 's002', 'Орлова Вера'),
              ('p-4', 's002', 'Белов Игорь');
            INSERT INTO mentors (id, org_id, person_id, status, network) VALUES ('m-2', 's002', 'p-2', 'active', 0),
              ('m-3', 's002', 'p-3', 'active', 1), ('m-4', 's002', 'p-4', 'active', 0);
            INSERT INTO pairs (id, org_id, mentor_id, kind, status) VALUES ('x-net', 's001', 'm-4', 'pair', 'active');
            """)
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        let page = client.get("/t/mentors")?.body ?? ""
        XCTAssertEqual(page.components(separatedBy: "из школы «s002» (больше не в сетевом наставничестве)").count - 1, 1, page)
        XCTAssertEqual(page.components(separatedBy: "из школы «s002» (сетевое наставничество)").count - 1, 2, page)
        let row = try XCTUnwrap(page.components(separatedBy: "<tr").first { $0.contains("Кузнецов Андрей") }, page)
        XCTAssertTrue(row.contains("(больше не в сетевом наставничестве)"), row)
    }

    /// The pair form of a network pair whose mentor his school has since taken off the network (or
    /// a pair the district refused for it) showed the mentor as «Белов Игорь [m-4]», an id in her
    /// list; it names him as the list of mentors does: his subject, his school, no longer offered.
    func testAPairsMentorTakenOffTheNetworkIsNamedInItsFormWithoutAnID() throws {
        let w = try WebWorld()
        try w.sql(w.schoolHome, """
            INSERT INTO organizations (id, org_id, name, kind) VALUES ('s002', 'district', 'МБОУ СОШ № 2', 'school');
            INSERT INTO persons (id, org_id, full_name, subject) VALUES ('p-4', 's002', 'Белов Игорь', 'Физика');
            INSERT INTO mentors (id, org_id, person_id, status, network) VALUES ('m-4', 's002', 'p-4', 'active', 0);
            INSERT INTO pairs (id, org_id, mentor_id, kind, status) VALUES ('x-net', 's001', 'm-4', 'pair', 'active');
            """)
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        let form = client.get("/t/pairs/edit?id=x-net")?.body ?? ""
        XCTAssertTrue(form.contains("<option value=\"m-4\" selected>Белов Игорь (Физика) — из школы «МБОУ СОШ № 2» (больше не в сетевом наставничестве)</option>"), form)
        XCTAssertFalse(form.contains("[m-4]"), form)
    }

    /// A yes/no column (mentors.network) is a choice of «да»/«нет» in the form and reads so in the
    /// list, and `list` in the terminal says the same.
    func testAYesNoColumnIsChosenAndShownInWords() throws {
        let w = try WebWorld()
        try w.sql(w.schoolHome, """
            INSERT INTO persons (id, org_id, full_name, role) VALUES ('p-1', 's001', 'Иванова Мария', 'teacher');
            INSERT INTO mentors (id, org_id, person_id, status) VALUES ('m-1', 's001', 'p-1', 'active');
            """)
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        let form = client.get("/t/mentors/edit?id=m-1")?.body ?? ""
        XCTAssertTrue(form.contains("<select id=\"f-network\" name=\"network\"><option value=\"1\">да</option><option value=\"0\" selected>нет</option></select>"), form)
        XCTAssertFalse(form.contains("type=\"number\" min=\"0\" max=\"1\""), form)
        XCTAssertEqual(client.post("/t/mentors/save?id=m-1", [("person_id", "p-1"), ("status", "active"), ("network", "1")])?.status, 303)
        let stored = try ToolRunner.runProgram(URL(fileURLWithPath: "/usr/bin/sqlite3"),
                                               [w.schoolHome.appendingPathComponent("registry.db").path, "SELECT network FROM mentors WHERE id = 'm-1'"])
        XCTAssertEqual(stored.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "1")
        let list = client.get("/t/mentors")?.body ?? ""
        XCTAssertTrue(list.contains(">да</td>"), list)
        let out = try ToolRunner.run("mentorsync-school", ["list", "mentors", "--home", w.schoolHome.path], environment: ToolLocale.russian)
        XCTAssertTrue(out.stdout.split(separator: "\n").contains { $0.hasPrefix("m-1 ") && $0.hasSuffix("  да") }, out.stdout)
    }
}
