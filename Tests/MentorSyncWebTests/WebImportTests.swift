import Foundation
import XCTest
import MentorSyncTestSupport
import MentorSyncDomain

/// Import of a list in the browser: a preview by line that writes nothing, then a confirmation.
final class WebImportTests: XCTestCase {
    /// Every list uploaded for a preview was kept in the home's web-imports/ for good when the
    /// preview was not confirmed (a wrong file, a change of mind): the school's teachers and pupils
    /// with their birth dates piling up beside the registry, 10 MB a try. A list is kept a day for
    /// its confirmation, and no longer.
    func testAListUploadedForAPreviewIsKeptADayAndNoLonger() throws {
        let w = try WebWorld()
        let port = try w.start("mentorsync-school", home: w.schoolHome)
        let client = WebClient(port: port)
        client.get("/import")
        let folder = w.schoolHome.appendingPathComponent("web-imports")
        let kept = { Set(try FileManager.default.contentsOfDirectory(atPath: folder.path)) }
        XCTAssertEqual(client.upload("/import/preview", fields: [("table", "persons")], file: ("учителя.csv", "ФИО;Роль\r\nСтарова Анна;учитель\r\n"))?.status, 200)
        let old = try kept()
        XCTAssertEqual(old.count, 1)
        for name in old {
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -2 * 24 * 3600)], ofItemAtPath: folder.appendingPathComponent(name).path)
        }
        let preview = try XCTUnwrap(client.upload("/import/preview", fields: [("table", "persons")], file: ("учителя.csv", "ФИО;Роль\r\nНовикова Анна;учитель\r\n")))
        XCTAssertEqual(preview.status, 200)
        XCTAssertEqual(client.get("/import")?.status, 200)
        let now = try kept()
        XCTAssertEqual(now.count, 1, "\(now)")
        XCTAssertTrue(now.isDisjoint(with: old), "the list of two days ago is still there")
        // Today's is kept for its confirmation, which loads it.
        let action = try XCTUnwrap(preview.body.range(of: "/import/confirm?").map { r in
            String(preview.body[r.lowerBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
        })
        XCTAssertEqual(client.post(action.components(separatedBy: "&csrf=")[0], [])?.status, 303)
        XCTAssertTrue(try ToolRunner.run("mentorsync-school", ["list", "persons", "--home", w.schoolHome.path]).stdout.contains("Новикова Анна"))
    }

    /// The district corrected a teacher's position; in September Ольга Ивановна loads last year's
    /// Excel list again, which has the old one. The preview said «будет изменено Должность: Учитель
    /// математики и информатики → Учитель» with no word that this undoes the district's correction.
    /// It says so, with the day the correction came.
    func testAListThatUndoesTheDistrictsCorrectionSaysSo() throws {
        let w = try WebWorld()
        let share = w.scratch.folder("stick")
        let district = ["--home", w.districtHome.path]
        w.check(try ToolRunner.run("mentorsync-district", ["ingest", "--share", share.path] + district))
        try w.putAtSchool("persons", "--set", "full_name=Кузнецов Алексей Петрович", "--set", "role=teacher", "--set", "position=Учитель")
        w.check(try ToolRunner.run("mentorsync-school", ["sync", "--share", share.path, "--home", w.schoolHome.path]))
        w.check(try ToolRunner.run("mentorsync-district", ["ingest", "--share", share.path] + district))
        w.check(try ToolRunner.run("mentorsync-district", ["put", "persons", "--id", "Кузнецов Алексей Петрович", "--set", "position=Учитель математики и информатики"] + district))
        w.check(try ToolRunner.run("mentorsync-district", ["ingest", "--share", share.path] + district))
        w.check(try ToolRunner.run("mentorsync-school", ["sync", "--share", share.path, "--home", w.schoolHome.path]))
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        client.get("/import")
        let list = "ФИО;Должность;Роль\r\nКузнецов Алексей Петрович;Учитель;учитель\r\n"
        let preview = try XCTUnwrap(client.upload("/import/preview", fields: [("table", "persons")], file: ("учителя.csv", list)))
        XCTAssertEqual(preview.status, 200, preview.body)
        XCTAssertTrue(preview.body.contains("Должность: Учитель математики и информатики → Учитель"), preview.body)
        XCTAssertNotNil(preview.body.range(of: #"«Должность» исправило управление образования \d\d\.\d\d\.\d{4}: загрузив список, вы вернёте прежнее значение"#,
                                           options: .regularExpression), preview.body)
    }

    /// A list uploaded for a preview and left unconfirmed was removed after its day only when someone
    /// opened the import page again: Ольга Ивановна, who never loads another list, kept her pupils'
    /// birth dates beside the registry for good. Any page of the app removes what is past its day.
    func testAListLeftUnconfirmedGoesAfterItsDayWhateverPageIsOpened() throws {
        let w = try WebWorld()
        let port = try w.start("mentorsync-school", home: w.schoolHome)
        let client = WebClient(port: port)
        client.get("/import")
        let folder = w.schoolHome.appendingPathComponent("web-imports")
        XCTAssertEqual(client.upload("/import/preview", fields: [("table", "persons")], file: ("ученики.csv", "ФИО;Роль\r\nСтарова Анна;ученик\r\n"))?.status, 200)
        let old = try FileManager.default.contentsOfDirectory(atPath: folder.path)
        XCTAssertEqual(old.count, 1)
        for name in old {
            try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: -2 * 24 * 3600)], ofItemAtPath: folder.appendingPathComponent(name).path)
        }
        XCTAssertEqual(client.get("/")?.status, 200)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), [], "the list of two days ago is still there")
    }

    func testPreviewWritesNothingAndConfirmImportsTheAcceptedLines() throws {
        let w = try WebWorld()
        let port = try w.start("mentorsync-school", home: w.schoolHome, extra: [])
        let client = WebClient(port: port)
        let page = try XCTUnwrap(client.get("/import"))
        XCTAssertEqual(page.status, 200)
        XCTAssertTrue(page.body.contains("<option value=\"persons\"") && !page.body.contains("<option value=\"indicators\""),
                      "a school loads its own tables, not the district's: \(page.body)")
        // Which headers each list is read by, what a new row needs in bold.
        XCTAssertTrue(page.body.contains("<summary>Какие столбцы может содержать список</summary>"), page.body)
        XCTAssertTrue(page.body.contains("<li>Наставники: <strong>Наставник</strong>, Статус"), page.body)
        XCTAssertTrue(page.body.contains("<li>Люди: <strong>ФИО</strong>, Дата рождения, Роль"), page.body)
        // A file that cannot be read is told by the name it was chosen by, not the name it is kept under.
        let broken = try XCTUnwrap(client.upload("/import/preview", fields: [("table", "persons")], file: ("список 2026.xlsx", "PK\u{03}\u{04}не книга")))
        XCTAssertEqual(broken.status, 422, broken.body)
        XCTAssertTrue(broken.body.contains("список 2026.xlsx"), broken.body)
        let csv = "ФИО;Дата рождения;Роль\r\nКузнецова Ольга Ивановна;12.03.1990;учитель\r\nОрлов Пётр;31.02.1991;учитель\r\nЛебедева Нина;01.09.1999;учитель\r\n"
        let before = w.checksum(w.schoolHome)
        let preview = try XCTUnwrap(client.upload("/import/preview", fields: [("table", "persons")], file: ("учителя.csv", csv)))
        XCTAssertEqual(preview.status, 200, preview.body)
        XCTAssertTrue(preview.body.contains("Кузнецова Ольга Ивановна"), preview.body)
        XCTAssertEqual(preview.body.components(separatedBy: "будет добавлено").count - 1, 2, preview.body)
        XCTAssertTrue(preview.body.contains("отклонено"), preview.body)
        XCTAssertTrue(preview.body.contains("31.02.1991"), "the refused line says why")
        let gap = try XCTUnwrap(client.upload("/import/preview", fields: [("table", "persons")], file: ("без даты.csv", "ФИО;Дата рождения;Роль\r\nЛебедева Нина;;учитель\r\n")))
        XCTAssertTrue(gap.body.contains("Лебедева Нина; —; учитель<"), "an empty cell keeps its place: \(gap.body)")
        // How the file is read is to heed, in amber, not in the green of what went well.
        let noRole = try XCTUnwrap(client.upload("/import/preview", fields: [("table", "persons")], file: ("без роли.csv", "ФИО\r\nСмирнова Анна\r\n")))
        XCTAssertTrue(noRole.body.contains("<p class=\"caution\">новых людей без роли: 1"), noRole.body)
        for heading in ["Строка", "В файле", "Что будет", "Почему"] {
            XCTAssertTrue(preview.body.contains("<th>\(heading)</th>"), "the preview's column \(heading) has no heading")
        }
        XCTAssertEqual(w.checksum(w.schoolHome), before, "a preview changed registry.db")
        let list = { try ToolRunner.run("mentorsync-school", ["list", "persons", "--json", "--home", w.schoolHome.path]).stdout }
        XCTAssertFalse(try list().contains("Кузнецова"))
        // The confirmation form's action, without its token (the client adds its own).
        let action = try XCTUnwrap(preview.body.range(of: "/import/confirm?").map { r in
            String(preview.body[r.lowerBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
        })
        let confirmed = client.post(action.components(separatedBy: "&csrf=")[0], [])
        XCTAssertEqual(confirmed?.status, 303, confirmed?.body ?? "")
        // After loading, the notice still says which line was refused and why.
        let notice = client.get(confirmed?.header("Location") ?? "/")?.body ?? ""
        XCTAssertTrue(notice.contains("отклонено 1</p>"), "the green notice counts: \(notice)")
        XCTAssertTrue(notice.contains("<p class=\"caution\" role=\"status\">строка 3:") && notice.contains("нет 31-го числа"), "the refused lines in amber: \(notice)")
        // Pressed again, the button says the list is loaded already (it said the file was not found).
        let twice = client.post(action.components(separatedBy: "&csrf=")[0], [])
        XCTAssertTrue(twice?.body.contains("этот список уже загружен; чтобы загрузить его снова, выберите файл ещё раз") ?? false, twice?.body ?? "")
        let after = try list()
        XCTAssertTrue(after.contains("Кузнецова Ольга Ивановна") && after.contains("Лебедева Нина"), after)
        XCTAssertFalse(after.contains("Орлов"))

        // The same list again with a teacher's role changed: the preview says what changes in her row.
        let again = csv.replacingOccurrences(of: "Лебедева Нина;01.09.1999;учитель", with: "Лебедева Нина;01.09.1999;руководитель")
        let second = try XCTUnwrap(client.upload("/import/preview", fields: [("table", "persons")], file: ("учителя.csv", again)))
        XCTAssertTrue(second.body.contains("Роль: учитель → руководитель"), second.body)
    }

    /// A list saved to a stick pulled out too soon is an empty file: the page said «выберите файл для
    /// загрузки» to Ольга Ивановна, who had chosen one. It says the file she chose is empty; a form
    /// sent with no file chosen still asks for one.
    func testAnEmptyFileIsToldEmptyNotUnchosen() throws {
        let w = try WebWorld()
        let port = try w.start("mentorsync-school", home: w.schoolHome, extra: [])
        let client = WebClient(port: port)
        _ = try XCTUnwrap(client.get("/import"))
        let before = w.checksum(w.schoolHome)
        let empty = try XCTUnwrap(client.upload("/import/preview", fields: [("table", "persons")], file: ("учителя 2026.xlsx", "")))
        XCTAssertEqual(empty.status, 422, empty.body)
        XCTAssertTrue(empty.body.contains("учителя 2026.xlsx пуст (0 байт): списка в нём нет; откройте список в Excel, сохраните его ещё раз и загрузите снова"), empty.body)
        let none = try XCTUnwrap(client.upload("/import/preview", fields: [("table", "persons")], file: ("", "")))
        XCTAssertTrue(none.body.contains("выберите файл для загрузки"), none.body)
        XCTAssertEqual(w.checksum(w.schoolHome), before)
    }

    /// A school's workbook keeps its teachers on the sheet «Учителя» and its pupils on «Ученики»: the
    /// page read the first sheet, said nothing of which, and had no way to load the second. The
    /// preview names the sheet it read and, for a workbook of several, offers its other sheets;
    /// the one chosen is previewed, then loaded.
    func testASheetOfTheWorkbookIsChosen() throws {
        let w = try WebWorld()
        let port = try w.start("mentorsync-school", home: w.schoolHome, extra: [])
        let client = WebClient(port: port)
        _ = try XCTUnwrap(client.get("/import"))
        let book = try XLSXWriter().encode(sheets: [
            ("Учителя", [[.text("ФИО"), .text("Роль")], [.text("Кузнецова Ольга Ивановна"), .text("учитель")]]),
            ("Ученики", [[.text("ФИО"), .text("Роль")], [.text("Козлов Пётр Андреевич"), .text("ученик")], [.text("Лебедева Нина Олеговна"), .text("ученик")]]),
        ])
        let first = try XCTUnwrap(client.upload("/import/preview", fields: [("table", "persons")], file: ("школа.xlsx", book)))
        XCTAssertEqual(first.status, 200, first.body)
        XCTAssertTrue(first.body.contains("школа.xlsx, лист «Учителя»: добавится 1"), first.body)
        XCTAssertTrue(first.body.contains("<option value=\"Ученики\">Ученики</option>"), first.body)
        // The other sheet, chosen: its form's action, without its token (the client adds its own).
        let action = try XCTUnwrap(first.body.range(of: "/import/sheet?").map { r in
            String(first.body[r.lowerBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
        })
        let second = try XCTUnwrap(client.post(action.components(separatedBy: "&csrf=")[0], [("sheet", "Ученики")]))
        XCTAssertEqual(second.status, 200, second.body)
        XCTAssertTrue(second.body.contains("школа.xlsx, лист «Ученики»: добавится 2"), second.body)
        XCTAssertTrue(second.body.contains("Лебедева Нина Олеговна"), second.body)
        let confirm = try XCTUnwrap(second.body.range(of: "/import/confirm?").map { r in
            String(second.body[r.lowerBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
        })
        XCTAssertEqual(client.post(confirm.components(separatedBy: "&csrf=")[0], [])?.status, 303)
        let list = try ToolRunner.run("mentorsync-school", ["list", "persons", "--json", "--home", w.schoolHome.path]).stdout
        XCTAssertTrue(list.contains("Козлов Пётр Андреевич") && list.contains("Лебедева Нина Олеговна"), list)
        XCTAssertFalse(list.contains("Кузнецова"), "only the sheet chosen is loaded: \(list)")
    }

    /// Ольга Ивановна filtered her staff list to «наставники 2026» in LibreOffice and loaded it: the
    /// preview showed the rows the filter hid as rows to add, and they were added. Each hidden row
    /// stands in the preview as left out, «строка скрыта фильтром в Excel», a note says how to load
    /// them too, and the confirmation loads only the rows she sees, the page after it saying so again.
    func testRowsHiddenByAFilterAreShownLeftOutAndNotLoaded() throws {
        let w = try WebWorld()
        let port = try w.start("mentorsync-school", home: w.schoolHome, extra: [])
        let client = WebClient(port: port)
        _ = try XCTUnwrap(client.get("/import"))
        let book = try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("MentorSyncDomainTests/Fixtures/libreoffice/filtered.xlsx"))
        let preview = try XCTUnwrap(client.upload("/import/preview", fields: [("table", "persons")], file: ("наставники 2026.xlsx", book)))
        XCTAssertEqual(preview.status, 200, preview.body)
        XCTAssertTrue(preview.body.contains("Орлова Вера Павловна; 06.06.1985; учитель; 2025</td><td data-label=\"Что будет\"><span class=\"warn\">будет пропущено</span></td>"
            + "<td data-label=\"Почему\">строка скрыта фильтром в Excel</td>"), preview.body)
        XCTAssertTrue(preview.body.contains("строки 3, 5 скрыты фильтром в Excel и не загружаются"), preview.body)
        XCTAssertTrue(preview.body.contains("добавится 2, изменится 0, без изменений 0, отклонено 0, пропущено 2"), preview.body)
        let confirm = try XCTUnwrap(preview.body.range(of: "/import/confirm?").map { r in
            String(preview.body[r.lowerBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&")
        })
        let loaded = try XCTUnwrap(client.post(confirm.components(separatedBy: "&csrf=")[0], []))
        XCTAssertEqual(loaded.status, 303)
        // The page after loading says it again: two added, and the hidden rows left out.
        let receipt = try XCTUnwrap(client.get(try XCTUnwrap(loaded.header("Location"))))
        XCTAssertTrue(receipt.body.contains("загружено: добавлено 2, изменено 0, отклонено 0"), receipt.body)
        XCTAssertTrue(receipt.body.contains("строки 3, 5 скрыты фильтром в Excel и не загружаются"), receipt.body)
        let list = try ToolRunner.run("mentorsync-school", ["list", "persons", "--json", "--home", w.schoolHome.path]).stdout
        XCTAssertTrue(list.contains("Белова Ирина Олеговна") && list.contains("Громова Алла Ивановна"), list)
        XCTAssertFalse(list.contains("Орлова") || list.contains("Зайцева"), "rows hidden by the filter are loaded: \(list)")
        // The same list saved as LibreOffice saves a list of its own, .ods: read alike.
        let ods = try Data(contentsOf: URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("MentorSyncDomainTests/Fixtures/libreoffice/filtered.ods"))
        let again = try XCTUnwrap(client.upload("/import/preview", fields: [("table", "persons")], file: ("наставники 2026.ods", ods)))
        XCTAssertEqual(again.status, 200, again.body)
        XCTAssertTrue(again.body.contains("наставники 2026.ods, лист «Наставники»: добавится 0, изменится 0, без изменений 2, отклонено 0, пропущено 2"), again.body)
    }
}
