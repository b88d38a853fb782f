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
        XCTAssertTrue((client.get("/schools/s001/resync")?.body ?? "").contains("Школа № 1 (s001)"))
        let resync = client.post("/schools/s001/resync", [])
        XCTAssertEqual(resync?.status, 303)
        let notice = client.get(resync?.header("Location") ?? "/")?.body ?? ""
        XCTAssertTrue(notice.contains("«Школа № 1»: полная пересылка запрошена — школа пришлёт все записи при следующем обмене."), notice)
        XCTAssertEqual(try status()["resync_pending"] as? Bool, true)

        XCTAssertNotNil(client.get("/schools/s001/revoke"))
        let revoke = client.post("/schools/s001/revoke", [])
        let told = client.get(revoke?.header("Location") ?? "/")?.body ?? ""
        XCTAssertTrue(told.contains("«Школа № 1» отключена: её пакеты больше не принимаются."), told)
        XCTAssertEqual(try status()["revoked"] as? Bool, true)
    }
}
