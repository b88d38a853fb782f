import Foundation
import XCTest
import MentorSyncDomain
import MentorSyncEngine
import MentorSyncTestSupport

/// A new school computer set up in the browser: the deputy head has the enrollment file the
/// district gave and no terminal; the web app's first page takes the file.
final class WebSetupTests: XCTestCase {
    /// The district enrolls a second school; its computer's home folder is as the installer leaves it.
    func enrollSecondSchool(_ w: WebWorld) throws -> URL {
        let file = w.scratch.path("s002.enrollment")
        w.check(try ToolRunner.run("mentorsync-district", ["enroll", "--site", "s002", "--name", "Школа № 2", "--out", file.path, "--home", w.districtHome.path]))
        return file
    }

    func testASchoolIsSetUpInTheBrowserFromItsEnrollmentFileAndExchangesAtOnce() throws {
        let w = try WebWorld()
        let enrollment = try enrollSecondSchool(w)
        let home = w.scratch.path("school2")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true)
        let client = WebClient(port: try w.start("mentorsync-school", home: home))
        // Whatever page she opens (a bookmark of the list), the school is set up first.
        let first = try XCTUnwrap(client.get("/t/persons"))
        XCTAssertEqual(first.status, 200, first.body)
        XCTAssertTrue(first.body.contains("Подключение школы"), first.body)
        XCTAssertTrue(first.body.contains("Выберите файл подключения"), first.body)
        // The district's terminal names the file as it is told (README: s017.enroll), its web app s017.enrollment: both are named.
        XCTAssertTrue(first.body.contains("(файл с окончанием .enrollment или .enroll — на флешке или в письме)"), first.body)
        XCTAssertTrue(first.body.contains(home.path), "the folder the registry will be kept in is named")

        // A list chosen by mistake is refused by name; nothing is made.
        let wrong = try XCTUnwrap(client.upload("/setup", fields: [], file: ("список.csv", "ФИО;Роль\n")))
        XCTAssertEqual(wrong.status, 422, wrong.body)
        XCTAssertTrue(wrong.body.contains("список.csv"), wrong.body)
        XCTAssertFalse(FileManager.default.fileExists(atPath: home.appendingPathComponent("registry.db").path), "nothing is made from a wrong file")

        let done = try XCTUnwrap(client.upload("/setup", fields: [], file: ("s002.enrollment", try String(contentsOf: enrollment, encoding: .utf8))))
        XCTAssertEqual(done.status, 303, done.body)
        let status = try XCTUnwrap(client.get(done.header("Location") ?? "/status"))
        XCTAssertTrue(status.body.contains("Школа s002 — Школа № 2 — подключена"), status.body)
        XCTAssertTrue(status.body.contains(". В файле подключения лежит секретный ключ школы"), status.body)
        XCTAssertTrue(status.body.contains("обмена с управлением образования ещё не было: данные школы придут при первом обмене — «Обмен»"), status.body)
        // From now on the school's own pages answer, its name in the title, without a restart.
        let homePage = try XCTUnwrap(client.get("/"))
        XCTAssertTrue(homePage.body.contains("<title>Школа № 2</title>"), homePage.body)
        // «Что сделать» says where to begin, not «nothing waits».
        // A new computer of a school that kept its registry gets it back with the district's answer: not typed in again.
        XCTAssertTrue(homePage.body.contains("пар в реестре ещё нет, а ответа управления образования на первый обмен ещё не было: если школа уже вела реестр на другом компьютере, всё вернётся с этим ответом — не вносите заново; если школа только начинает — внесите учителей и учеников (их список из Excel можно загрузить целиком), отметьте наставников и наставляемых, затем составьте пары — <a href=\"/import\">Загрузка списка</a>, <a href=\"/t/persons\">Люди</a>"), homePage.body)
        XCTAssertFalse(homePage.body.contains("ничего не ждёт"), homePage.body)
        let list = try XCTUnwrap(client.get("/t/persons"))
        XCTAssertTrue(list.body.contains("<h1>Люди</h1>"), list.body)
        XCTAssertFalse(list.body.contains("Выберите файл подключения"), list.body)
        let again = try XCTUnwrap(client.upload("/setup", fields: [], file: ("s002.enrollment", try String(contentsOf: enrollment, encoding: .utf8))))
        XCTAssertEqual(again.status, 303, "a second window's form does not set the school up twice")

        // The home is the one `init --enroll` makes: the school's key, and an exchange the district takes.
        XCTAssertEqual(Hex.encode(try SchoolHome.open(home).key()), try Enrollment.read(from: enrollment).key)
        let share = w.scratch.folder("share")
        w.check(try ToolRunner.run("mentorsync-district", ["ingest", "--share", share.path, "--home", w.districtHome.path]))
        w.check(try ToolRunner.run("mentorsync-school", ["put", "persons", "--set", "full_name=Петрова Анна Сергеевна", "--set", "role=teacher", "--home", home.path]))
        w.check(try ToolRunner.run("mentorsync-school", ["sync", "--share", share.path, "--home", home.path]))
        w.check(try ToolRunner.run("mentorsync-district", ["ingest", "--share", share.path, "--home", w.districtHome.path]))
        let listed = try ToolRunner.run("mentorsync-district", ["list", "persons", "--json", "--home", w.districtHome.path])
        XCTAssertTrue(listed.stdout.contains("Петрова Анна Сергеевна"), listed.stdout + listed.stderr)
    }

    /// The web app was started on the empty folder, and the school was set up meanwhile in a
    /// terminal (`init --enroll`): the next page is the school's, not a setup form that would
    /// then fail on the registry made.
    func testASchoolSetUpMeanwhileInATerminalIsServed() throws {
        let w = try WebWorld()
        let enrollment = try enrollSecondSchool(w)
        let home = w.scratch.folder("school2")
        let client = WebClient(port: try w.start("mentorsync-school", home: home))
        XCTAssertTrue((client.get("/")?.body ?? "").contains("Подключение школы"))
        w.check(try ToolRunner.run("mentorsync-school", ["init", "--enroll", enrollment.path, "--home", home.path]))
        let page = try XCTUnwrap(client.get("/"))
        XCTAssertTrue(page.body.contains("<h1>Школа № 2</h1>"), page.body)
        let form = try XCTUnwrap(client.upload("/setup", fields: [], file: ("s002.enrollment", try String(contentsOf: enrollment, encoding: .utf8))))
        XCTAssertEqual(form.header("Location"), "/status", "a setup form left open goes to the status page")
    }

    /// The web app started in a folder that holds other things (the wrong folder, --home forgotten)
    /// is not taken for a new school's home: it says there is no registry, as before.
    func testAFolderHoldingOtherFilesIsNotOfferedForSetup() throws {
        let w = try WebWorld()
        let folder = w.scratch.folder("documents")
        try Data("отчёт".utf8).write(to: folder.appendingPathComponent("отчёт.docx"))
        let r = try ToolRunner.run("mentorsync-school", ["web", "--listen", "127.0.0.1:0", "--home", folder.path], environment: ToolLocale.russian)
        XCTAssertEqual(r.exitCode, 1, r.stdout + r.stderr)
        XCTAssertTrue(r.stderr.contains("нет реестра mentorsync"), r.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path), ["отчёт.docx"])
    }

    /// Before the school is set up there is no password to ask for: the setup page is served to
    /// this computer alone, and another address is refused with what to do.
    func testSetupIsOfferedOnThisComputerAlone() throws {
        let w = try WebWorld()
        let home = w.scratch.folder("school2")
        let r = try ToolRunner.run("mentorsync-school", ["web", "--listen", "0.0.0.0:0", "--home", home.path], environment: ToolLocale.russian)
        XCTAssertEqual(r.exitCode, 1, r.stdout + r.stderr)
        XCTAssertTrue(r.stderr.contains("сначала подключите школу на этом компьютере"), r.stderr)
        XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: home.path), [], "nothing is made")
    }

    /// A folder that is not there at all — a `--home` mistyped, a disk not mounted — is not offered
    /// for setup: a second registry of the school would be made there. It says there is no registry.
    func testAFolderThatIsNotThereIsNotOfferedForSetup() throws {
        let w = try WebWorld()
        let home = w.scratch.path("not-mounted/school")
        let log = w.scratch.path("not-mounted.log")
        // Started as a server would be, and stopped if it serves: offered for setup, it would not end.
        let p = try ToolRunner.start("mentorsync-school", ["web", "--listen", "127.0.0.1:0", "--home", home.path], log: log, environment: ToolLocale.russian)
        let ended = ToolRunner.waitUntil(timeout: 20) { !p.isRunning }
        if !ended { p.terminate(); p.waitUntilExit() }
        let said = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        XCTAssertTrue(ended, "served: \(said)")
        XCTAssertEqual(p.terminationStatus, 1, said)
        XCTAssertTrue(said.contains("нет реестра mentorsync"), said)
        XCTAssertFalse(FileManager.default.fileExists(atPath: home.appendingPathComponent("registry.db").path), "nothing is made")
    }

    /// The district's enrollment page tells the methodologist what the school does with the file
    /// in the browser, not a command alone.
    func testTheEnrollmentPageSaysWhatTheSchoolDoesInTheBrowser() throws {
        let w = try WebWorld()
        let district = WebClient(port: try w.start("mentorsync-district", home: w.districtHome))
        _ = district.get("/enroll")
        let page = try XCTUnwrap(district.post("/enroll", [("site", "s003"), ("name", "Школа № 3")]))
        XCTAssertEqual(page.status, 200, page.body)
        XCTAssertTrue(page.body.contains("выберите s003.enrollment на странице «Подключение школы»"), page.body)
    }
}
