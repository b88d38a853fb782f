import Foundation
import XCTest
import MentorSyncTestSupport

/// A reference to a long table is a name typed, not a list of every row: suggested by the browser
/// up to a few thousand rows, typed alone beyond (a district's persons). The name is found on save
/// as `put` finds it; a name that fits several rows is refused with them listed, and nothing is written.
final class WebReferenceFieldTests: XCTestCase {
    func testAMentorsPersonIsTypedByNameWithSuggestions() throws {
        let w = try WebWorld()
        try w.sql(w.schoolHome, """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 400)
            INSERT INTO persons (id, org_id, full_name) SELECT printf('p-%03d', i), 's001', 'Учитель ' || i FROM n;
            INSERT INTO persons (id, org_id, full_name, birth_date) VALUES ('p-a', 's001', 'Иванова Мария', '1990-03-12'), ('p-b', 's001', 'Иванова Мария', '1985-01-02');
            """)
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        let form = client.get("/t/mentors/edit")?.body ?? ""
        XCTAssertTrue(form.contains("<input id=\"f-person_id\" name=\"person_id\" value=\"\" autocomplete=\"off\" list=\"f-person_id-names\">"), form)
        XCTAssertTrue(form.contains("<option value=\"Учитель 17\">") && form.contains("<option value=\"Иванова Мария (12.03.1990)\">"), form)
        XCTAssertFalse(form.contains("<select id=\"f-person_id\""), "402 persons are not a list to scroll")
        XCTAssertTrue(form.contains("Начните вводить ФИО — появятся подсказки."), form)

        // Namesakes: refused, both listed by the names that tell them apart; nothing written.
        let before = w.checksum(w.schoolHome)
        let refused = client.post("/t/mentors/save", [("person_id", "иванова  мария"), ("status", "active")])
        XCTAssertEqual(refused?.status, 422)
        let page = refused?.body ?? ""
        XCTAssertTrue(page.contains("Иванова Мария (12.03.1990) [p-a]") && page.contains("Иванова Мария (02.01.1985) [p-b]"), page)
        XCTAssertTrue(page.contains("value=\"иванова  мария\""), "what was typed stays in the field")
        XCTAssertEqual(w.checksum(w.schoolHome), before, "a refused form writes nothing")

        XCTAssertEqual(client.post("/t/mentors/save", [("person_id", "Иванова Мария (02.01.1985)"), ("status", "active")])?.status, 303)
        let mentor = try XCTUnwrap(try rows(w, "mentors").first)
        XCTAssertEqual(mentor["person_id"] as? String, "p-b")

        // Editing it shows the name; sending the form back unchanged keeps the person.
        let id = try XCTUnwrap(mentor["id"] as? String)
        let edit = client.get("/t/mentors/edit?id=\(id)")?.body ?? ""
        XCTAssertTrue(edit.contains("name=\"person_id\" value=\"Иванова Мария (02.01.1985)\""), edit)
        XCTAssertEqual(client.post("/t/mentors/save?id=\(id)", [("person_id", "Иванова Мария (02.01.1985)"), ("status", "inactive"), ("network", "0")])?.status, 303)
        XCTAssertEqual(try rows(w, "mentors").first?["status"] as? String, "inactive")
        XCTAssertEqual(try rows(w, "mentors").first?["person_id"] as? String, "p-b")
        // The same form sent again changes nothing: the name shown is not taken as a new entry.
        let saved = w.checksum(w.schoolHome)
        XCTAssertEqual(client.post("/t/mentors/save?id=\(id)", [("person_id", "Иванова Мария (02.01.1985)"), ("status", "inactive"), ("network", "0")])?.status, 303)
        XCTAssertEqual(w.checksum(w.schoolHome), saved, "an unchanged form writes nothing")
    }

    /// A school's pair form offers another school's mentor only while he is offered to the network,
    /// marked with his school; a mentee's person is never another school's teacher. Saving one
    /// anyway (a stale form) is refused in words, and nothing is written.
    func testAPairFormOffersOnlyTheNetworkMentorsOfOtherSchools() throws {
        let w = try WebWorld()
        try w.sql(w.schoolHome, """
            INSERT INTO organizations (id, org_id, name) VALUES ('s002', 's002', 'МБОУ СОШ № 2');
            INSERT INTO persons (id, org_id, full_name, subject) VALUES ('p-own', 's001', 'Белова Ирина', NULL), ('p-net', 's002', 'Смирнов Алексей', 'физика'), ('p-off', 's002', 'Волков Олег', NULL);
            INSERT INTO mentors (id, org_id, person_id, status, network) VALUES ('m-own', 's001', 'p-own', 'active', 0),
              ('m-net', 's002', 'p-net', 'active', 1), ('m-off', 's002', 'p-off', 'active', 0);
            """)
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        let pairForm = client.get("/t/pairs/edit")?.body ?? ""
        XCTAssertTrue(pairForm.contains("<option value=\"m-own\">Белова Ирина</option>"), pairForm)
        // What the mentor teaches, beside his name: a network mentor is chosen by subject.
        XCTAssertTrue(pairForm.contains("<option value=\"m-net\">Смирнов Алексей (физика) — МБОУ СОШ № 2</option>"), pairForm)
        XCTAssertFalse(pairForm.contains("m-off"), "a mentor not offered to the network is not offered here")
        // The form's hint sends her to «Наставляемые»: the menu has it, and «Наставники».
        XCTAssertTrue(pairForm.contains("<a href=\"/t/mentors\">Наставники</a> <a href=\"/t/mentees\">Наставляемые</a>"), pairForm)
        // The district's own tables are read here, not added to.
        XCTAssertFalse((client.get("/t/indicators")?.body ?? "").contains("/t/indicators/edit"), "no «Добавить», no «Задать цель»")
        XCTAssertTrue((client.get("/t/persons")?.body ?? "").contains("href=\"/t/persons/edit\""))
        // Offering a mentor says what goes to every school.
        XCTAssertTrue(client.get("/t/mentors/edit")?.body.contains("получат все школы района, и они смогут составлять с ним пары") ?? false)
        let menteeForm = client.get("/t/mentees/edit")?.body ?? ""
        XCTAssertTrue(menteeForm.contains("value=\"p-own\""), menteeForm)
        XCTAssertFalse(menteeForm.contains("p-net") || menteeForm.contains("p-off"), "another school's teachers are not this school's mentees")

        let before = w.checksum(w.schoolHome)
        let stale = client.post("/t/pairs/save", [("mentor_id", "m-off"), ("kind", "pair")])
        XCTAssertEqual(stale?.status, 422)
        XCTAssertTrue(stale?.body.contains("сейчас не предложена для сетевого наставничества") ?? false, stale?.body ?? "")
        XCTAssertEqual(w.checksum(w.schoolHome), before, "a refused form writes nothing")
        XCTAssertEqual(client.post("/t/pairs/save", [("mentor_id", "m-net"), ("kind", "pair")])?.status, 303)
    }

    /// Past a few thousand rows the page carries no suggestions (a district's hundreds of thousands
    /// of persons made a page of 33 MB); the name typed is found all the same, and a name the form
    /// shows for a stored row that has namesakes is taken as unchanged, not as a new, ambiguous entry.
    func testAPersonAmongThousandsIsTypedAlone() throws {
        let w = try WebWorld()
        try w.sql(w.schoolHome, """
            WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5001)
            INSERT INTO persons (id, org_id, full_name) SELECT printf('p-%05d', i), 's001', 'Учитель ' || i FROM n;
            INSERT INTO persons (id, org_id, full_name) VALUES ('p-a', 's001', 'Иванова Мария'), ('p-b', 's001', 'Иванова Мария');
            INSERT INTO mentors (id, org_id, person_id, status) VALUES ('m-1', 's001', 'p-b', 'active');
            """)
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        let form = client.get("/t/mentors/edit?id=m-1")?.body ?? ""
        XCTAssertFalse(form.contains("<datalist") || form.contains("<option value=\"Учитель"), "no suggestions past 5,000 rows")
        XCTAssertTrue(form.contains("name=\"person_id\" value=\"Иванова Мария [p-b]\""), form)
        XCTAssertTrue(form.contains("Введите ФИО полностью."), form)
        XCTAssertLessThan(form.utf8.count, 20_000)

        XCTAssertEqual(client.post("/t/mentors/save?id=m-1", [("person_id", "Иванова Мария [p-b]"), ("status", "inactive"), ("network", "0")])?.status, 303)
        XCTAssertEqual(try rows(w, "mentors").first?["person_id"] as? String, "p-b")
        XCTAssertEqual(client.post("/t/mentors/save?id=m-1", [("person_id", "Учитель 4711"), ("status", "inactive"), ("network", "0")])?.status, 303)
        XCTAssertEqual(try rows(w, "mentors").first?["person_id"] as? String, "p-04711")
        let wrong = client.post("/t/mentors/save?id=m-1", [("person_id", "Учитель 99999"), ("status", "inactive"), ("network", "0")])
        XCTAssertEqual(wrong?.status, 422)
        XCTAssertTrue((wrong?.body ?? "").contains("нет строки с именем «Учитель 99999»"), wrong?.body ?? "")
    }

    /// A short table's choice keeps a reference to a row not held here (not arrived yet): saving the
    /// form for another field does not send it back empty.
    func testAReferenceToARowNotHeldSurvivesAnEditOfAnotherField() throws {
        let w = try WebWorld()
        try w.sql(w.schoolHome, """
            INSERT INTO persons (id, org_id, full_name) VALUES ('p-1', 's001', 'Смирнова Анна');
            INSERT INTO mentees (id, org_id, person_id, status) VALUES ('e-1', 's001', 'p-not-here', 'waiting');
            """)
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        let form = client.get("/t/mentees/edit?id=e-1")?.body ?? ""
        XCTAssertTrue(form.contains("<option value=\"p-not-here\" selected>"), form)
        XCTAssertEqual(client.post("/t/mentees/save?id=e-1", [("person_id", "p-not-here"), ("status", "in_pair")])?.status, 303)
        let row = try XCTUnwrap(try rows(w, "mentees").first)
        XCTAssertEqual(row["status"] as? String, "in_pair")
        XCTAssertEqual(row["person_id"] as? String, "p-not-here", "the reference was wiped")
    }

    func rows(_ w: WebWorld, _ table: String) throws -> [[String: Any]] {
        let r = try ToolRunner.run("mentorsync-school", ["list", table, "--json", "--home", w.schoolHome.path])
        return (try JSONSerialization.jsonObject(with: Data(r.stdout.utf8))) as? [[String: Any]] ?? []
    }
}
