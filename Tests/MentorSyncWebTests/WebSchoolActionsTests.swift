import Foundation
import XCTest
import MentorSyncTestSupport

/// Resync and revoke from the dashboard: confirmed on a page that names the school and says what
/// follows, done, and told as a finished act on the dashboard.
final class WebSchoolActionsTests: XCTestCase {
    func testResyncAndRevokeAreConfirmedDoneAndTold() throws {
        let w = try WebWorld()
        let client = WebClient(port: try w.start("mentorsync-district", home: w.districtHome))
        func status() throws -> [String: Any] {
            let r = try ToolRunner.run("mentorsync-district", ["status", "--json", "--home", w.districtHome.path])
            return ((try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])?["schools"] as? [[String: Any]])?.first ?? [:]
        }
        XCTAssertEqual(try status()["revoked"] as? Bool, false)
        let asked = client.get("/schools/s001/resync")?.body ?? ""
        XCTAssertTrue(asked.contains("Школа № 1 (s001)") && asked.contains("<h1>Запросить полную пересылку у школы «Школа № 1»</h1>"), asked)
        let resync = client.post("/schools/s001/resync", [])
        XCTAssertEqual(resync?.status, 303)
        let notice = client.get(resync?.header("Location") ?? "/")?.body ?? ""
        XCTAssertTrue(notice.contains("«Школа № 1»: полная пересылка запрошена — школа пришлёт все записи при следующем обмене."), notice)
        XCTAssertEqual(try status()["resync_pending"] as? Bool, true)

        // The count of refused files leads to the list saying what and why.
        // (The school's bundle altered on the way.)
        let drop = w.scratch.folder("drop")
        w.check(try ToolRunner.run("mentorsync-district", ["ingest", "--share", drop.path, "--home", w.districtHome.path]))
        w.check(try ToolRunner.run("mentorsync-school", ["sync", "--share", drop.path, "--home", w.schoolHome.path]))
        let sent = try XCTUnwrap(try FileManager.default.contentsOfDirectory(at: drop.appendingPathComponent("inbox"), includingPropertiesForKeys: nil)
            .first { $0.pathExtension == "msync" })
        var bytes = try Data(contentsOf: sent)
        bytes[bytes.count - 1] ^= 0xFF
        try bytes.write(to: sent)
        _ = try ToolRunner.run("mentorsync-district", ["ingest", "--share", drop.path, "--home", w.districtHome.path])
        let page = client.get("/")?.body ?? ""
        XCTAssertTrue(page.contains("<a href=\"#refused\">1</a>") && page.contains("<h2 id=\"refused\">"), page)
        // A laptop stolen: she is told, before she confirms, that nothing the school sent is lost.
        let confirm = client.get("/schools/s001/revoke")?.body ?? ""
        // The page's title names the school she is about to cut off (it was «Отключить» alone).
        XCTAssertTrue(confirm.contains("<title>Отключить школу «Школа № 1»</title>") && confirm.contains("<h1>Отключить школу «Школа № 1»</h1>"), confirm)
        XCTAssertTrue(confirm.contains("Ничего из присланного школой не теряется: оно остаётся в реестре, и новый компьютер школы, когда её подключат заново, получит всё."), confirm)
        let revoke = client.post("/schools/s001/revoke", [])
        let told = client.get(revoke?.header("Location") ?? "/")?.body ?? ""
        XCTAssertTrue(told.contains("«Школа № 1» отключена: её пакеты больше не принимаются."), told)
        XCTAssertEqual(try status()["revoked"] as? Bool, true)
        // The dashboard says what to press, not a command to type; `status` keeps its command.
        XCTAssertTrue(told.contains("подключите её заново на странице «Подключить школу» (отметьте «Подключить эту школу заново»)"), told)
        XCTAssertFalse(told.contains("mentorsync-district"), told)
        let cli = try ToolRunner.run("mentorsync-district", ["status", "--home", w.districtHome.path], environment: ToolLocale.russian)
        XCTAssertTrue(cli.stdout.contains("mentorsync-district enroll --again"), cli.stdout)
    }
}
