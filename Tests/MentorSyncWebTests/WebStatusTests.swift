import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// The school's status and sync pages and the district's dashboard say what `status` and `sync`
/// say, in Russian: names, not ids; local times as people write them; the same advice.
final class WebStatusTests: XCTestCase {
    static let isoStamp = "[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}"
    static let russianTime = "[0-9]{2}\\.[0-9]{2}\\.[0-9]{4} [0-9]{2}:[0-9]{2}"

    /// A reply that cannot be read is a problem the sync page marks as one, under a heading that says
    /// so, with what to do — not a line among the receipts under «Готово».
    func testASyncWithADamagedReplySaysSoApart() throws {
        let w = try WebWorld()
        let stick = w.scratch.folder("stick")
        w.check(try ToolRunner.run("mentorsync-district", ["ingest", "--share", stick.path, "--home", w.districtHome.path]))
        w.check(try ToolRunner.run("mentorsync-school", ["sync", "--share", stick.path, "--home", w.schoolHome.path]))
        w.check(try ToolRunner.run("mentorsync-district", ["ingest", "--share", stick.path, "--home", w.districtHome.path]))
        let outbox = stick.appendingPathComponent("outbox/s001")
        let reply = try XCTUnwrap(try FileManager.default.contentsOfDirectory(at: outbox, includingPropertiesForKeys: nil).first { $0.pathExtension == "msync" })
        var bytes = [UInt8](try Data(contentsOf: reply))
        bytes[bytes.count / 2] ^= 0xff
        try Data(bytes).write(to: reply)
        let school = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        let page = school.syncPage(with: stick)
        XCTAssertTrue(page.contains("<h2>Готово, но не всё удалось прочитать</h2><div class=\"error\"><ul><li>\(reply.lastPathComponent): ответ управления образования повреждён"), page)
        XCTAssertTrue(page.contains("управление образования запишет ответ заново, когда снова примет ваши файлы</li></ul></div>"), page)
    }

    /// A school folder copied from another computer: the sync page says why nothing is sent, the
    /// status page has the button that moves the school here, and then it syncs.
    func testACopiedFolderIsMovedHereFromTheStatusPage() throws {
        let w = try WebWorld()
        let share = w.scratch.folder("share")
        w.check(try ToolRunner.run("mentorsync-district", ["ingest", "--share", share.path, "--home", w.districtHome.path]))
        try Database(path: w.schoolHome.appendingPathComponent("registry.db").path)
            .execute("UPDATE school_identity SET machine = 'office-machine-id', machine_name = 'ПК-ЗАВУЧ'")
        let school = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        let refused = school.syncPage(with: share)
        XCTAssertTrue(refused.contains("эта папка школы создана на другом компьютере («ПК-ЗАВУЧ») и скопирована сюда"), refused)
        XCTAssertTrue(refused.contains("нажмите «Работать на этом компьютере» на странице «Состояние»"), refused)
        XCTAssertFalse(refused.contains("move-here"), "a page names the button, not the command: \(refused)")
        let home = school.get("/")?.body ?? ""
        XCTAssertTrue(home.contains("<div class=\"caution\">эта папка школы создана на другом компьютере"), home)
        let status = school.get("/status")?.body ?? ""
        XCTAssertTrue(status.contains("<button>Работать на этом компьютере</button>"), status)
        // On the status page itself, the button is the one below, not «on the status page».
        XCTAssertTrue(status.contains("нажмите кнопку «Работать на этом компьютере» ниже"), status)
        XCTAssertFalse(status.contains("на странице «Состояние»"), status)
        let moved = try XCTUnwrap(school.post("/move-here", []))
        XCTAssertEqual(moved.status, 303)
        let told = school.get(moved.header("Location") ?? "/")?.body ?? ""
        XCTAssertTrue(told.contains("школа теперь работает на этом компьютере"), told)
        XCTAssertFalse(told.contains("<button>Работать на этом компьютере</button>"), told)
        let synced = school.syncPage(with: share)
        XCTAssertFalse(synced.contains("скопирована сюда"), synced)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: share.appendingPathComponent("inbox").path).filter { $0.hasPrefix("s001-") }.count, 1)
    }

    /// A home made before computers were kept, opened by the web app: reading its home page and its
    /// status changes nothing in registry.db (the home page and «Состояние» wrote this computer into it).
    func testReadingPagesOfAnOlderHomeWritesNothing() throws {
        let w = try WebWorld()
        let registry = w.schoolHome.appendingPathComponent("registry.db")
        try Database(path: registry.path).execute("UPDATE school_identity SET machine = NULL, machine_name = NULL")
        let school = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        func content() throws -> String {
            try Database(path: registry.path).rows("SELECT machine, machine_name FROM school_identity").map { $0.map(\.displayText).joined(separator: "|") }.joined()
        }
        let opened = try content()
        for page in ["/", "/status", "/sync"] {
            XCTAssertEqual(school.get(page)?.status, 200, page)
            XCTAssertEqual(try content(), opened, "GET \(page) changed registry.db")
        }
        XCTAssertFalse(school.get("/")?.body.contains("скопирована сюда") ?? true)
    }

    /// A write-protected stick pressed «Синхронизировать» on: one Russian sentence with what to do,
    /// as the command says it (the page showed the engine's English line).
    func testASyncOntoALockedStickSaysSoInRussian() throws {
        let w = try WebWorld()
        let stick = w.scratch.folder("locked")
        func run(_ args: [String]) -> Int32 { (try? ToolRunner.runProgram(URL(fileURLWithPath: "/usr/bin/mount"), args).exitCode) ?? -1 }
        guard run(["-t", "tmpfs", "-o", "size=8m", "tmpfs", stick.path]) == 0 else {
            throw XCTSkip("this machine does not let the test mount a small file system (needs root)")
        }
        defer { _ = try? ToolRunner.runProgram(URL(fileURLWithPath: "/usr/bin/umount"), ["-l", stick.path]) }
        w.check(try ToolRunner.run("mentorsync-district", ["ingest", "--share", stick.path, "--home", w.districtHome.path]))
        XCTAssertEqual(run(["-o", "remount,ro", stick.path]), 0)
        w.check(try ToolRunner.run("mentorsync-school", ["put", "persons", "--set", "full_name=Иванова Мария Петровна", "--home", w.schoolHome.path]))
        let school = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        let page = school.syncPage(with: stick)
        XCTAssertTrue(page.contains("флешка защищена от записи?"), page)
        XCTAssertTrue(page.contains("ничего не потеряно"), page)
        XCTAssertFalse(page.contains("cannot write"), page)
        XCTAssertFalse(page.contains("команд"), "a page has a button to press again, no command to run: \(page)")
    }

    func testStatusSyncAndDashboardSpeakRussianWithNamesAndLocalTimes() throws {
        let w = try WebWorld()
        let stick = w.scratch.folder("stick")
        w.check(try ToolRunner.run("mentorsync-district", ["ingest", "--share", stick.path, "--home", w.districtHome.path]))
        w.check(try ToolRunner.run("mentorsync-school", ["put", "persons", "--set", "full_name=Иванова Мария Петровна", "--home", w.schoolHome.path]))
        // Another program adds a row to a table only the district keeps: the district will refuse it.
        try SchoolHome.open(w.schoolHome).database.execute("INSERT INTO organizations(id, org_id, name, kind) VALUES ('o1', ?, 'Подставная', 'school')",
                                                            [.text(try SchoolHome.open(w.schoolHome).site.rawValue)])
        let school = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        let synced = school.syncPage(with: stick)
        XCTAssertTrue(synced.contains("записано в папку обмена для управления образования: "), "the sync page tells what was sent as sync does: \(synced)")
        XCTAssertTrue(synced.contains("ответа от управления образования здесь пока нет"), synced)

        let status = school.get("/status")?.body ?? ""
        XCTAssertTrue(status.contains("<td>Управление образования</td><td>Управление образования</td>"), "the district by its name: \(status)")
        XCTAssertFalse(status.contains("<td>district</td>"), "the district's id is shown")
        XCTAssertNil(status.range(of: Self.isoStamp, options: .regularExpression), "a bookkeeping timestamp is shown: \(status)")
        XCTAssertNotNil(status.range(of: Self.russianTime, options: .regularExpression), "the last export in local time: \(status)")
        XCTAssertTrue(status.contains("Что важно знать"), status)
        XCTAssertFalse(status.contains("<thead>"), "a table of names and values has no (empty) heading row: \(status)")

        let district = WebClient(port: try w.start("mentorsync-district", home: w.districtHome))
        let waiting = district.get("/")?.body ?? ""
        XCTAssertTrue(waiting.contains("от школы ещё ничего не пришло"), "the advice of status, in Russian")
        // The schools that need something are listed above the table, each with its advice.
        XCTAssertTrue(waiting.contains("<h2>Что сделать</h2><ul class=\"to-do\"><li>Школа № 1 (s001): <span class=\"warn\">от школы ещё ничего не пришло"), waiting)
        w.check(try ToolRunner.run("mentorsync-district", ["ingest", "--share", stick.path, "--home", w.districtHome.path]))
        let dashboard = district.get("/")?.body ?? ""
        XCTAssertTrue(dashboard.contains("всё в порядке"), dashboard)
        XCTAssertFalse(dashboard.contains("<h2>Что сделать</h2>"), "nothing to do, no list: \(dashboard)")
        XCTAssertTrue(dashboard.contains("Управление образования: 1 школа, 0 открытых конфликтов, 0 пакетов в карантине"), "status's headline")
        XCTAssertFalse(dashboard.contains("nothing received") || dashboard.contains(">ok<"), "English advice on the dashboard")
        XCTAssertNil(dashboard.range(of: Self.isoStamp, options: .regularExpression), "a bookkeeping timestamp is shown: \(dashboard)")
        XCTAssertNotNil(dashboard.range(of: Self.russianTime, options: .regularExpression), "the last contact in local time")
        XCTAssertTrue(dashboard.contains("<h2 id=\"refused\">Отклонено за 60 дней:</h2><ul><li>Школа № 1, "), "what was refused, as status lists it: \(dashboard)")
        XCTAssertTrue(dashboard.contains("не принято изменение: Организация «Подставная» — эту таблицу ведёт только управление образования</li>"), dashboard)

        // The district's answer refuses the row: the school's pages say so by name, in Russian, with what to do.
        let refused = "управление образования не приняло изменение: Организация «Подставная» — эту таблицу ведёт только управление образования"
        let answered = school.post("/sync", [("share", stick.path)])?.body ?? ""
        XCTAssertTrue(answered.contains(refused), answered)
        let told = school.get("/status")?.body ?? ""
        XCTAssertTrue(told.contains("<li>" + refused), told)
        XCTAssertFalse(told.contains("change refused"), told)
    }

    /// The district enrolled the school again: the deputy head installs the new file from the status
    /// page, and the school's data stays.
    /// A file that is no bundle, quarantined by the daemon, was listed on the dashboard with «уберите
    /// его из папки» — it is no longer in any folder she can see. The dashboard says it was set aside
    /// and that nothing is to be done (a school's next file brings its changes again).
    func testAFileThatIsNoBundleIsSaidToBeSetAsideWithNothingToDo() throws {
        let w = try WebWorld()
        let stick = w.scratch.folder("stick")
        w.check(try ToolRunner.run("mentorsync-district", ["ingest", "--share", stick.path, "--home", w.districtHome.path]))
        let junk = "s001-000007-to-district.msync"
        try Data("Отчёт за четверть".utf8).write(to: stick.appendingPathComponent("inbox").appendingPathComponent(junk))
        let ingest = try ToolRunner.run("mentorsync-district", ["ingest", "--share", stick.path, "--settle", "0", "--home", w.districtHome.path],
                                        environment: ToolLocale.russian)
        XCTAssertFalse(ingest.stdout.contains("уберите его из папки"), ingest.stdout)
        let client = WebClient(port: try w.start("mentorsync-district", home: w.districtHome))
        let page = client.get("/")?.body ?? ""
        XCTAssertTrue(page.contains("«\(junk)» начинается не так, как пакет: это файл другой программы или испорченный; делать ничего не нужно: если его прислала школа, её следующий обмен привезёт все её изменения заново"), page)
        XCTAssertFalse(page.contains("уберите его из папки"), page)
        // Said once: the line opens «пакет … в карантине:», and «он убран в карантин» repeated it.
        XCTAssertFalse(page.contains("убран в карантин"), page)
        XCTAssertTrue(ingest.stdout.contains("в карантине: \(junk): это не пакет mentorsync:"), ingest.stdout)
        XCTAssertFalse(ingest.stdout.contains("убран в карантин"), ingest.stdout)
    }

    /// The dashboard's headline counted every file ever quarantined — a number that only grew, with
    /// nothing on her pages to lower it: it counts those of the last 60 days, as the list below does.
    func testTheHeadlineCountsTheFilesQuarantinedInSixtyDays() throws {
        let w = try WebWorld()
        let stick = w.scratch.folder("stick")
        w.check(try ToolRunner.run("mentorsync-district", ["ingest", "--share", stick.path, "--home", w.districtHome.path]))
        for n in 1...2 {
            try Data("Отчёт за четверть \(n)".utf8).write(to: stick.appendingPathComponent("inbox").appendingPathComponent("s001-00000\(n)-to-district.msync"))
        }
        _ = try ToolRunner.run("mentorsync-district", ["ingest", "--share", stick.path, "--settle", "0", "--home", w.districtHome.path])
        let client = WebClient(port: try w.start("mentorsync-district", home: w.districtHome))
        XCTAssertTrue(client.get("/")?.body.contains("1 школа, 0 открытых конфликтов, 2 пакета в карантине за 60 дней") ?? false)
        // One of them set aside 61 days ago: history, not news.
        let old = Date().addingTimeInterval(-61 * 86400)
        let quarantine = w.districtHome.appendingPathComponent("quarantine")
        for name in ["s001-000001-to-district.msync", "s001-000001-to-district.msync.reason.txt"] {
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: quarantine.appendingPathComponent(name).path)
        }
        let page = client.get("/")?.body ?? ""
        XCTAssertTrue(page.contains("1 школа, 0 открытых конфликтов, 1 пакет в карантине за 60 дней"), page)
    }

    func testANewEnrollmentFileIsInstalledFromTheStatusPage() throws {
        let w = try WebWorld()
        w.check(try ToolRunner.run("mentorsync-school", ["put", "persons", "--set", "full_name=Иванова Мария Петровна", "--home", w.schoolHome.path]))
        let stick = w.scratch.folder("stick")
        for (tool, home) in [("mentorsync-district", w.districtHome), ("mentorsync-school", w.schoolHome), ("mentorsync-district", w.districtHome)] {
            w.check(try ToolRunner.run(tool, [tool == "mentorsync-school" ? "sync" : "ingest", "--share", stick.path, "--home", home.path]))
        }
        let fresh = w.scratch.path("s001-new.enroll")
        w.check(try ToolRunner.run("mentorsync-district", ["enroll", "--again", "--site", "s001", "--name", "Школа № 1", "--out", fresh.path, "--home", w.districtHome.path]))
        // The district's dashboard says what the school presses for it, not the command.
        let district = WebClient(port: try w.start("mentorsync-district", home: w.districtHome))
        let dashboard = district.get("/")?.body ?? ""
        XCTAssertTrue(dashboard.contains("попросите школу установить его («Состояние» → «Новый файл подключения» в её веб-приложении)"), dashboard)
        XCTAssertFalse(dashboard.contains("rekey"), dashboard)
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        let page = client.get("/status")?.body ?? ""
        XCTAssertTrue(page.contains("Новый файл подключения"), page)
        let wrong = try XCTUnwrap(client.upload("/rekey", fields: [], file: ("список.csv", "ФИО;Роль\n")))
        XCTAssertEqual(wrong.status, 422, wrong.body)
        XCTAssertTrue(wrong.body.contains("список.csv"), wrong.body)
        let installed = try XCTUnwrap(client.upload("/rekey", fields: [], file: ("s001-new.enroll", try String(contentsOf: fresh, encoding: .utf8))))
        XCTAssertEqual(installed.status, 303, installed.body)
        XCTAssertTrue((client.get(installed.header("Location") ?? "/status")?.body ?? "").contains("новый ключ школы s001 установлен"))
        let key = try SchoolHome.open(w.schoolHome).key()
        XCTAssertEqual(Hex.encode(key), try Enrollment.read(from: fresh).key, "the new key is the school's")
        let listed = try ToolRunner.run("mentorsync-school", ["list", "persons", "--json", "--home", w.schoolHome.path])
        XCTAssertTrue(listed.stdout.contains("Иванова Мария Петровна"), "the data stays")
    }

    /// Ольга Ивановна typed a new stick the district has not prepared yet: the page tells her to ask
    /// the district for a prepared one, and names no command (the district's own is theirs to know).
    func testAStickNotYetPreparedNamesNoCommandOnThePage() throws {
        let w = try WebWorld()
        let stick = w.scratch.folder("new-stick")
        let school = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        let page = school.syncPage(with: stick)
        XCTAssertTrue(page.contains("не папка обмена: новую флешку или папку один раз готовит управление образования"), page)
        XCTAssertFalse(page.contains("mentorsync-district"), page)
        XCTAssertFalse(page.contains("inbox/"), page)
    }
}
