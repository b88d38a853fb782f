import Foundation
import XCTest
import MentorSyncTestSupport

/// The district's conflicts page when one side deleted the row: no choice that cannot be carried
/// out (a value has nowhere to go), the deletion said in words, and one way to settle it.
final class WebConflictTests: XCTestCase {
    func testAConflictWithADeletionOffersToAgreeOrAddTheRecordAgain() throws {
        let t = try Exchange()
        let (w, district, school, round) = (t.w, t.district, t.school, t.round)
        try school("put", "persons", "--set", "full_name=Петров Ваня", "--set", "role=student", "--id", "p1")
        try round()
        // The school deletes the pupil while the coordinator corrects his birth date.
        try school("delete", "persons", "p1")
        try district("put", "persons", "--id", "p1", "--set", "birth_date=01.02.2013")
        try round()

        let client = WebClient(port: try w.start("mentorsync-district", home: w.districtHome))
        let page = client.get("/conflicts")?.body ?? ""
        XCTAssertTrue(page.contains("Человек: запись удалена — Дата рождения"), page)
        XCTAssertTrue(page.contains("Запись удалена (удалил: «Школа № 1»), пока другая сторона её меняла"), page)
        XCTAssertTrue(page.contains("01.02.2013"), "the district's value is shown: \(page)")
        XCTAssertFalse(page.contains(">Оставить это<"), "no choice that cannot be carried out: \(page)")
        XCTAssertFalse(page.contains("Или впишите верное значение"), page)
        XCTAssertTrue(page.contains("href=\"/t/persons/edit\">Создать запись заново"), page)
        let button = try XCTUnwrap(page.range(of: #"<button name="keep" value="(mine|theirs)">Согласиться с удалением"#, options: .regularExpression).map { String(page[$0]) })
        let keep = button.contains("\"theirs\"") ? "theirs" : "mine"
        let action = try XCTUnwrap(page.range(of: #"/conflicts/resolve\?id=[0-9a-f]+"#, options: .regularExpression).map { String(page[$0]) })
        XCTAssertEqual(client.post(action, [("keep", keep)])?.status, 303)
        let open = try ToolRunner.run("mentorsync-district", ["conflicts", "list", "--json", "--home", w.districtHome.path])
        XCTAssertEqual(try ListedConflict.list(open).count, 0, open.output)
    }

    /// Each side's box, with its writer, has the button keeping it: whichever write the merge kept
    /// (here the school's), the coordinator keeps a value by who wrote it.
    func testEachSideIsKeptByTheButtonInItsBox() throws {
        let t = try Exchange()
        let w = t.w
        try t.conflictOnPosition(schoolAhead: true)
        let client = WebClient(port: try w.start("mentorsync-district", home: w.districtHome))
        func position() throws -> String? {
            let r = try ToolRunner.run("mentorsync-district", ["list", "persons", "--where", "id=p1", "--json", "--home", w.districtHome.path])
            return ((try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [[String: Any]])?.first?["position"]) as? String
        }
        XCTAssertEqual(try position(), "методист", "the school's write won the merge")
        // The district's value first (the conflict is then settled, and changed on the settled page).
        for (writer, value, list) in [("Управление образования", "завуч", "/conflicts"), ("Школа № 1", "методист", "/conflicts?settled=1")] {
            let page = client.get(list)?.body ?? ""
            let box = try XCTUnwrap(page.range(of: "<div><strong>\(writer)</strong><p>\(value)[^<]*(<span[^>]*>[^<]*</span>)?</p><p class=\"muted\">[^<]*</p><button name=\"keep\" value=\"(mine|theirs)\">Оставить это</button></div>",
                                               options: .regularExpression).map { String(page[$0]) }, page)
            let keep = box.contains("value=\"theirs\"") ? "theirs" : "mine"
            let action = try XCTUnwrap(page.range(of: #"/conflicts/resolve\?id=[0-9a-f]+"#, options: .regularExpression).map { String(page[$0]) })
            XCTAssertEqual(client.post(action, [("keep", keep)])?.status, 303)
            XCTAssertEqual(try position(), value, "the button in the box of \(writer) keeps its value")
        }
    }

    /// Enter in the box of a typed value submits that value: its form holds no other button (in
    /// the sides' form, the browser pressed the first side's button and the value typed was lost).
    func testTheTypedValueHasAFormOfItsOwn() throws {
        let t = try Exchange()
        try t.conflictOnPosition()
        let client = WebClient(port: try t.w.start("mentorsync-district", home: t.w.districtHome))
        let page = client.get("/conflicts")?.body ?? ""
        let forms = page.components(separatedBy: "<form").dropFirst().map { $0.components(separatedBy: "</form>")[0] }
        let typed = try XCTUnwrap(forms.first { $0.contains("name=\"value\"") }, page)
        XCTAssertEqual(typed.components(separatedBy: "<button").count - 1, 1, typed)
        XCTAssertTrue(typed.contains("<button name=\"keep\" value=\"value\""), typed)
        XCTAssertTrue(forms.contains { $0.contains("value=\"mine\"") && $0.contains("value=\"theirs\"") && !$0.contains("name=\"value\"") }, page)
    }

    /// An empty box with «Оставить это значение» is a button pressed by mistake: refused, nothing changed
    /// (it emptied the teacher's position); clearing a field is asked for at the command line.
    func testAnEmptyTypedValueIsRefusedOnThePage() throws {
        let t = try Exchange()
        let w = t.w
        try t.conflictOnPosition()
        let client = WebClient(port: try w.start("mentorsync-district", home: w.districtHome))
        let page = client.get("/conflicts")?.body ?? ""
        let action = try XCTUnwrap(page.range(of: #"/conflicts/resolve\?id=[0-9a-f]+"#, options: .regularExpression).map { String(page[$0]) })
        let refused = client.post(action, [("keep", "value"), ("value", "")])
        XCTAssertEqual(refused?.status, 422, refused?.body ?? "")
        XCTAssertTrue(refused?.body.contains("значение не введено: впишите правильное значение поля «Должность» или оставьте одно из двух значений; ничего не изменено") ?? false, refused?.body ?? "")
        XCTAssertTrue(refused?.body.contains("Оставить это") ?? false, "the open conflicts are on the page again: \(refused?.body ?? "")")
        let open = try ToolRunner.run("mentorsync-district", ["conflicts", "list", "--json", "--home", w.districtHome.path])
        XCTAssertEqual(try ListedConflict.list(open).count, 1, "still open: \(open.output)")
    }

    /// The school changed the position again after both sides (it had received them): the conflict is
    /// settled, its page says what the field holds now and offers no side to keep (kept, it would
    /// undo that change); a side pressed all the same is refused, naming the value, nothing written.
    func testAConflictSettledByALaterChangeOffersNoSideToKeep() throws {
        let t = try Exchange()
        let w = t.w
        try t.conflictOnPosition()
        try t.school("put", "persons", "--id", "p1", "--set", "position=заместитель директора")
        try t.round()
        let client = WebClient(port: try w.start("mentorsync-district", home: w.districtHome))
        let open = client.get("/conflicts")?.body ?? ""
        XCTAssertFalse(open.contains("Оставить это"), "no open conflict: \(open)")
        let page = client.get("/conflicts?settled=1")?.body ?? ""
        XCTAssertTrue(page.contains("поле изменили позже обеих сторон. Чтобы поставить другое значение, впишите его ниже — школе сообщат."), page)
        XCTAssertTrue(page.contains("<p>Сейчас в поле: «заместитель директора»</p>"), page)
        XCTAssertFalse(page.contains("value=\"mine\"") || page.contains("value=\"theirs\""), page)
        let action = try XCTUnwrap(page.range(of: #"/conflicts/resolve\?id=[0-9a-f]+"#, options: .regularExpression).map { String(page[$0]) })
        let refused = client.post(action, [("keep", "mine")])
        XCTAssertEqual(refused?.status, 422, refused?.body ?? "")
        XCTAssertTrue(refused?.body.contains("сейчас в нём «заместитель директора»") ?? false, refused?.body ?? "")
        // Said above the settled list, where the value can be typed (it was a page with the reason alone).
        XCTAssertTrue(refused?.body.contains("<p>Сейчас в поле: «заместитель директора»</p>") ?? false, refused?.body ?? "")
        XCTAssertTrue(refused?.body.contains("name=\"value\"") ?? false, refused?.body ?? "")
        // Said as the page offers it (the box for another value), not as a command to type.
        XCTAssertTrue(refused?.body.contains("впишите его в поле «Или впишите верное значение» на странице конфликта") ?? false, refused?.body ?? "")
        XCTAssertFalse(refused?.body.contains("conflicts resolve") ?? true, refused?.body ?? "")
        let r = try ToolRunner.run("mentorsync-district", ["list", "persons", "--where", "id=p1", "--json", "--home", w.districtHome.path])
        XCTAssertTrue(r.stdout.contains("\"заместитель директора\""), r.stdout)
    }

    /// A district settles conflicts for years: the settled page shows the latest hundred, says how many
    /// there are, and the earlier ones are on the next page (it named a command to type for them).
    func testTheSettledPageShowsTheLatestHundred() throws {
        let t = try Exchange()
        let w = t.w
        let ids = (1...101).map { "p\($0)" }
        try w.sql(w.schoolHome, "INSERT INTO persons(id, org_id, full_name, position) VALUES "
                  + ids.map { "('\($0)', 's001', 'Учитель \($0)', 'учитель')" }.joined(separator: ", "))
        try t.round()
        try w.sql(w.districtHome, "UPDATE persons SET position = 'завуч'")
        try w.sql(w.schoolHome, "UPDATE persons SET position = 'методист'")
        try t.round()
        try w.sql(w.districtHome, """
            UPDATE msync_conflicts SET status = 'resolved', resolution = 'kept the district''s value',
              resolved_at = '2026-01-01T00:00:' || printf('%02d', (rowid % 60)) || 'Z'
            """)
        try w.sql(w.districtHome, "UPDATE msync_conflicts SET resolved_at = '2025-01-01T00:00:00Z' WHERE row_id = 'p7'")
        let client = WebClient(port: try w.start("mentorsync-district", home: w.districtHome))
        let page = client.get("/conflicts?settled=1")?.body ?? ""
        XCTAssertTrue(page.contains("Решённые конфликты 1–100 из 101, последние решённые — первыми."), page)
        XCTAssertFalse(page.contains("mentorsync-district"), "no command on her page")
        XCTAssertEqual(page.components(separatedBy: "<section>").count - 1, 100)
        XCTAssertFalse(page.contains("Учитель p7 — "), "the one settled first is left out")
        XCTAssertTrue(page.contains("Учитель p8 — "), page)
        let next = try XCTUnwrap(page.range(of: #"/conflicts\?settled=1&amp;from=100"#, options: .regularExpression), page)
        let earlier = client.get(String(page[next]).replacingOccurrences(of: "&amp;", with: "&"))?.body ?? ""
        XCTAssertTrue(earlier.contains("Решённые конфликты 101–101 из 101"), earlier)
        XCTAssertEqual(earlier.components(separatedBy: "<section>").count - 1, 1)
        XCTAssertTrue(earlier.contains("Учитель p7 — "), "the one settled first is on the next page")
        XCTAssertTrue(earlier.contains("href=\"/conflicts?settled=1&amp;from=0\""), "and back")
    }

    /// A district and a school with a prepared stick, and the commands the tests give them.
    struct Exchange {
        let w: WebWorld
        let stick: URL
        init() throws {
            w = try WebWorld()
            stick = w.scratch.folder("stick")
            try district("ingest", "--share", stick.path)
        }
        func district(_ args: String...) throws { w.check(try ToolRunner.run("mentorsync-district", args + ["--home", w.districtHome.path])) }
        func school(_ args: String...) throws { w.check(try ToolRunner.run("mentorsync-school", args + ["--home", w.schoolHome.path])) }
        /// A conflict on Кузнецова Ольга's position: «завуч» written at the district, «методист» at the
        /// school; `schoolAhead`: the school's counter runs ahead (other writes), so its write wins the merge.
        func conflictOnPosition(schoolAhead: Bool = false) throws {
            try school("put", "persons", "--set", "full_name=Кузнецова Ольга", "--set", "position=учитель", "--id", "p1")
            try round()
            try district("put", "persons", "--id", "p1", "--set", "position=завуч")
            if schoolAhead { for k in 0..<5 { try school("put", "persons", "--set", "full_name=Петров \(k)") } }
            try school("put", "persons", "--id", "p1", "--set", "position=методист")
            try round()
        }
        func round() throws {
            try school("sync", "--share", stick.path)
            try district("ingest", "--share", stick.path)
            try school("sync", "--share", stick.path)
        }
    }
}
