import Foundation
import XCTest
import MentorSyncTestSupport

/// The journeys of JOURNEYS.md in a real headless Chromium, in Russian, choosing names and never
/// typing an id: the deputy head's week at the school, then the coordinator's morning at the district.
/// Screenshots of the main pages go to `.build/test-output/screenshots`; each flow's time and each
/// main page's weight (HTML + CSS + JS bytes) are printed.
final class BrowserFlowTests: BrowserTestCase {
    var gallery: BrowserGallery!

    override func setUpWithError() throws {
        try super.setUpWithError()
        gallery = BrowserGallery()
    }

    /// Ольга Ивановна: a teacher, made a mentor; a young specialist, made a mentee; the pair chosen
    /// by names; its first meeting; then a sync to the courier's stick. Then Ирина Викторовна
    /// sees the school's rows on her dashboard once the stick is ingested, and settles a conflict.
    func testDeputyHeadsWeekThenTheCoordinatorsMorning() throws {
        let stick = world.scratch.folder("STICK")
        // The district prepares the courier's stick once.
        world.check(try ToolRunner.run("mentorsync-district", ["ingest", "--share", stick.path, "--home", world.districtHome.path]))
        let schoolPort = try world.start("mentorsync-school", home: world.schoolHome)
        let school = "http://127.0.0.1:\(schoolPort)"
        let b = browser!

        var started = Date()
        try b.go(school + "/")
        try b.waitForText("Люди")
        try gallery.keep(b, "school-home")

        try add(b, school, table: "persons", saved: "Иванова Мария Петровна") {
            try b.type("#f-full_name", "Иванова Мария Петровна")
            try b.choose("#f-role", "учитель")
            try b.type("#f-position", "учитель физики")
            try b.typeDate("#f-birth_date", day: 12, month: 3, year: 1990)
        }
        try gallery.keep(b, "school-persons")
        try add(b, school, table: "mentors", saved: "Иванова Мария Петровна") {
            try b.choose("#f-person_id", "Иванова Мария Петровна")
            try b.choose("#f-status", "активный")
        }
        try add(b, school, table: "persons", saved: "Смирнова Анна Сергеевна") {
            try b.type("#f-full_name", "Смирнова Анна Сергеевна")
            try b.choose("#f-role", "учитель")
            try b.typeDate("#f-teaching_since", day: 1, month: 9, year: 2025)
        }
        try add(b, school, table: "mentees", saved: "Смирнова Анна Сергеевна") {
            try b.choose("#f-person_id", "Смирнова Анна Сергеевна")
            try b.choose("#f-category", "молодой специалист")
        }
        try add(b, school, table: "pairs", saved: "Иванова Мария Петровна") {
            try b.choose("#f-mentor_id", "Иванова Мария Петровна")
            try b.choose("#f-form", "учитель – учитель")
            try b.typeDate("#f-started_on", day: 15, month: 9, year: 2025)
            try b.tick("Смирнова Анна Сергеевна")   // the mentor first, then her mentee
            try gallery.keep(b, "school-pair-form")
        }
        try gallery.keep(b, "school-pairs")
        try b.go(school + "/t/meetings/edit")
        try gallery.keep(b, "school-meeting-form")
        try b.choose("#f-pair_id", "Иванова Мария Петровна → Смирнова Анна Сергеевна")   // a pair with its mentee
        try b.choose("#f-kind", "встреча-знакомство")
        try b.typeDate("#f-held_on", day: 22, month: 9, year: 2025)
        try b.press("Сохранить")
        try b.waitForText("сохранено: Встреча «Иванова Мария Петровна, 22.09.2025»")

        try b.go(school + "/sync")
        try b.type("#share", stick.path)
        try b.press("Выполнить обмен")
        try b.waitForText("Готово")
        try gallery.keep(b, "school-sync")
        try b.go(school + "/status")
        try b.waitForText("Состояние")
        try gallery.keep(b, "school-status")
        // Her list of mentors from Excel: one line names a teacher the registry does not hold.
        let list = world.scratch.path("наставники.csv")
        try "ФИО;Статус\r\nСмирнова Анна Сергеевна;активный\r\nПетрова Ольга Николаевна;активный\r\n".write(to: list, atomically: true, encoding: .utf8)
        try b.go(school + "/import")
        try b.choose("#table", "Наставники")
        try b.attach("#file", file: list)
        try b.press("Посмотреть, что изменится")
        try b.waitForText("в таблице «Люди» нет строки с именем «Петрова Ольга Николаевна»")
        try gallery.keep(b, "school-import-preview")
        print("browser flow: the deputy head's week took \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        try gallery.weigh(b, school, ["/", "/t/persons", "/t/pairs", "/t/meetings/edit", "/sync", "/status"])

        // What she entered is in the registry, the pair holding its mentee and its meeting.
        let persons = try ToolRunner.run("mentorsync-school", ["list", "persons", "--json", "--home", world.schoolHome.path])
        XCTAssertTrue(persons.stdout.contains("1990-03-12"), persons.stdout)
        let links = try ToolRunner.run("mentorsync-school", ["list", "pair_mentees", "--json", "--home", world.schoolHome.path])
        XCTAssertEqual(links.stdout.components(separatedBy: "\"mentee_id\"").count - 1, 1, links.stdout)
        let meetings = try ToolRunner.run("mentorsync-school", ["list", "meetings", "--json", "--home", world.schoolHome.path])
        XCTAssertTrue(meetings.stdout.contains("2025-09-22"), meetings.stdout)
        let bundles = (try FileManager.default.subpathsOfDirectory(atPath: stick.path)).filter { $0.hasSuffix(".msync") }
        XCTAssertFalse(bundles.isEmpty, "nothing was written to the stick")

        // The courier brings the stick to the district.
        world.check(try ToolRunner.run("mentorsync-district", ["ingest", "--share", stick.path, "--home", world.districtHome.path], environment: ToolLocale.russian))
        let districtPort = try world.start("mentorsync-district", home: world.districtHome)
        let district = "http://127.0.0.1:\(districtPort)"
        started = Date()
        try b.go(district + "/")
        try b.waitForText("Школа № 1")
        let row = try b.script("""
            const row = [...document.querySelectorAll('tbody tr')].find(r => r.innerText.includes('Школа № 1'));
            return row ? [...row.cells].map(c => c.innerText.trim()) : [];
            """) as? [String] ?? []
        XCTAssertGreaterThanOrEqual(row.count, 4, "the school has no row on the dashboard")
        XCTAssertEqual(row.count >= 4 ? Int(row[3]) : nil, 7, "the dashboard does not count the school's rows: \(row)")
        try gallery.keep(b, "district-dashboard")

        // The district and the school both correct the teacher's position; the stick brings the school's.
        let personID = try world.id(of: "Иванова Мария Петровна", home: world.schoolHome)
        world.check(try ToolRunner.run("mentorsync-district", ["put", "persons", "--id", personID, "--set", "position=учитель математики", "--home", world.districtHome.path]))
        world.check(try ToolRunner.run("mentorsync-school", ["put", "persons", "--id", personID, "--set", "position=учитель физики и астрономии", "--home", world.schoolHome.path]))
        world.check(try ToolRunner.run("mentorsync-school", ["sync", "--share", stick.path, "--home", world.schoolHome.path]))
        world.check(try ToolRunner.run("mentorsync-district", ["ingest", "--share", stick.path, "--home", world.districtHome.path]))

        // The dashboard says a conflict waits, in words and with a link, never with a command to type.
        try b.go(district + "/")
        try b.waitForText("1 конфликт ждёт решения")
        XCTAssertFalse(try b.source().contains("mentorsync-district"), "the dashboard tells a coordinator to type a command")
        try gallery.keep(b, "district-dashboard-conflict")
        try b.click(element: try b.element(xpath: "//a[normalize-space()='1 конфликт ждёт решения']"))
        try b.waitForText("учитель физики и астрономии")
        try b.waitForText("учитель математики")
        try b.waitForText("Иванова Мария Петровна")
        try b.waitForText("Школа № 1")   // the school by its name, not its code
        try b.waitForText("записано не позже")
        try gallery.keep(b, "district-conflict")
        try keep(b, writtenBy: "Школа № 1")
        try b.waitForText("Открытых конфликтов нет")
        try b.waitForText("оставлено значение школы")   // the notice says what was kept
        try gallery.keep(b, "district-conflict-settled")
        // The indicator report keeps its own look inside the app (its inline styles are allowed) and a way back.
        try b.go(district + "/report")
        try b.waitForText("вернуться в приложение")
        XCTAssertEqual(try b.script("return getComputedStyle(document.querySelector('table')).borderCollapse") as? String, "collapse",
                       "the report's styles are blocked")
        try gallery.keep(b, "district-report")
        print("browser flow: the coordinator's morning took \(String(format: "%.1f", Date().timeIntervalSince(started))) s")
        try gallery.weigh(b, district, ["/", "/conflicts", "/report", "/t/events"])

        let kept = try ToolRunner.run("mentorsync-district", ["list", "persons", "--json", "--home", world.districtHome.path])
        XCTAssertTrue(kept.stdout.contains("учитель физики и астрономии"), kept.stdout)
        XCTAssertFalse(kept.stdout.contains("учитель математики"), kept.stdout)

        // She changes her mind: the settled conflict is listed with what was decided, and the same choices.
        try b.go(district + "/conflicts")
        try b.click(element: try b.element(xpath: "//a[starts-with(normalize-space(), 'Решённые конфликты (1)')]"))
        try b.waitForText("Чтобы изменить решение")
        try gallery.keep(b, "district-conflicts-settled-list")
        try keep(b, writtenBy: "Управление образования")
        try b.waitForText("оставлено значение управления образования")
        let changed = try ToolRunner.run("mentorsync-district", ["list", "persons", "--json", "--home", world.districtHome.path])
        XCTAssertTrue(changed.stdout.contains("учитель математики"), changed.stdout)
        print("browser screenshots: \(gallery.folder.path)")
    }

    /// Presses «Оставить это» in the box of the side `writtenBy` wrote, as she picks a value by who wrote it.
    func keep(_ b: WebDriver, writtenBy: String) throws {
        try b.click(element: try b.element(xpath: "//main//div[strong[normalize-space()='\(writtenBy)']]//button[normalize-space()='Оставить это']"))
    }

    /// Opens a table's list, presses «Добавить», fills the form, saves, and waits for the list's notice.
    func add(_ b: WebDriver, _ site: String, table: String, saved: String, fill: () throws -> Void) throws {
        try b.go(site + "/t/\(table)")
        try b.press("Добавить")
        try b.element("main form[method=post] label")
        try fill()
        try b.press("Сохранить")
        try b.waitForText("сохранено: \(saved)")
    }
}
