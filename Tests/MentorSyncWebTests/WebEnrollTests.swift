import Foundation
import XCTest
import MentorSyncTestSupport

/// Enrolling a school from the district's web app: the file with the school's secret key is
/// downloaded from the page, and kept on the server for a day only.
final class WebEnrollTests: XCTestCase {
    /// A code typed in Cyrillic («с023» looks Latin) is told so, with a free code for example; the
    /// form's example is a code no school has (s017 was one already), and the form keeps what was typed.
    func testACyrillicCodeIsToldToBeTypedInLatinWithAFreeCodeForExample() throws {
        let w = try WebWorld()
        let client = WebClient(port: try w.start("mentorsync-district", home: w.districtHome))
        XCTAssertTrue(client.get("/enroll")?.body.contains("placeholder=\"s002\"") ?? false, "s001 is enrolled in the world")
        let cyrillic = client.post("/enroll", [("site", "с023"), ("name", "МБОУ Речная СОШ")])
        XCTAssertEqual(cyrillic?.status, 422)
        let said = "код «с023» не подходит: в нём русские буквы, а код набирают латиницей — от 1 до 32 строчных латинских букв, цифр, «-» или «_» (например s002)"
        XCTAssertTrue(cyrillic?.body.contains(said) ?? false, cyrillic?.body ?? "")
        XCTAssertTrue(cyrillic?.body.contains("value=\"МБОУ Речная СОШ\"") ?? false, "the name typed is kept")
        let upper = client.post("/enroll", [("site", "S023"), ("name", "МБОУ Речная СОШ")])
        XCTAssertTrue(upper?.body.contains("код «S023» не подходит: от 1 до 32 строчных латинских букв") ?? false, upper?.body ?? "")
        XCTAssertFalse(FileManager.default.fileExists(atPath: w.districtHome.appendingPathComponent("web-enrollments").path + "/с023.enrollment"))
        // The command line says the same.
        let cli = try ToolRunner.run("mentorsync-district", ["enroll", "--site", "с023", "--name", "Х", "--out", w.scratch.path("x.enroll").path,
                                                             "--home", w.districtHome.path], environment: ToolLocale.russian)
        XCTAssertEqual(cli.exitCode, 2)
        XCTAssertTrue(cli.stderr.contains("код «с023» не подходит: в нём русские буквы"), cli.stderr)
    }

    func testTheEnrollmentFileIsDownloadedAndNotKeptPastADay() throws {
        let w = try WebWorld()
        let client = WebClient(port: try w.start("mentorsync-district", home: w.districtHome))
        _ = client.get("/enroll")
        let page = client.post("/enroll", [("site", "s002"), ("name", "МБОУ Речная СОШ")])
        XCTAssertEqual(page?.status, 200, page?.body ?? "")
        XCTAssertTrue(page?.body.contains("href=\"/enrollments/s002\"") ?? false, page?.body ?? "")
        XCTAssertTrue(page?.body.contains("Скачать его здесь можно в течение суток") ?? false, page?.body ?? "")
        let file = client.get("/enrollments/s002")
        XCTAssertEqual(file?.status, 200)
        XCTAssertTrue(file?.body.contains("\"site\"") ?? false, "the enrollment file itself")

        // The same code again: asked, not done, until the box is ticked.
        let twice = client.post("/enroll", [("site", "s002"), ("name", "Дубль")])
        XCTAssertEqual(twice?.status, 422)
        XCTAssertTrue(twice?.body.contains("школа s002 («МБОУ Речная СОШ») уже подключена") ?? false, twice?.body ?? "")
        XCTAssertTrue(twice?.body.contains("name=\"again\"") ?? false)
        let status = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(try ToolRunner.run("mentorsync-district", ["status", "--json", "--home", w.districtHome.path]).stdout.utf8)) as? [String: Any])
        XCTAssertTrue("\(status["schools"] ?? "")".contains("МБОУ Речная СОШ"), "not renamed")
        XCTAssertEqual(client.post("/enroll", [("site", "s002"), ("name", "МБОУ Речная СОШ"), ("again", "1")])?.status, 200)

        // Two days later the copy on the server is gone, and the page says what to do.
        let kept = w.districtHome.appendingPathComponent("web-enrollments/s002.enrollment")
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-2 * 86400)], ofItemAtPath: kept.path)
        let gone = client.get("/enrollments/s002")
        XCTAssertEqual(gone?.status, 404)
        XCTAssertTrue(gone?.body.contains("этот файл подключения больше не хранится") ?? false, gone?.body ?? "")
        XCTAssertFalse(FileManager.default.fileExists(atPath: kept.path), "the key is not left on the server")

        // Not visited again: the district's next ingest pass removes an old one too.
        _ = client.post("/enroll", [("site", "s003"), ("name", "МБОУ Горная СОШ")])
        let third = w.districtHome.appendingPathComponent("web-enrollments/s003.enrollment")
        try FileManager.default.setAttributes([.modificationDate: Date().addingTimeInterval(-2 * 86400)], ofItemAtPath: third.path)
        let stick = w.scratch.folder("stick")
        w.check(try ToolRunner.run("mentorsync-district", ["ingest", "--share", stick.path, "--home", w.districtHome.path]))
        XCTAssertFalse(FileManager.default.fileExists(atPath: third.path))
    }
}
