import Foundation
import XCTest
import MentorSyncTestSupport

/// The sync page offers the exchange folder on a plugged-in stick as one button: no path to type.
final class WebShareFinderTests: XCTestCase {
    func testAStickWithAnExchangeFolderIsOfferedAndSyncs() throws {
        let w = try WebWorld()
        let media = w.scratch.path("media")
        let stick = media.appendingPathComponent("olga/ФЛЕШКА")
        for sub in ["inbox", "outbox"] { try FileManager.default.createDirectory(at: stick.appendingPathComponent(sub), withIntermediateDirectories: true) }
        // A stick with other files and no exchange folder is not offered.
        try FileManager.default.createDirectory(at: media.appendingPathComponent("olga/ФОТО/2025"), withIntermediateDirectories: true)
        try w.sql(w.schoolHome, "INSERT INTO persons (id, org_id, full_name) VALUES ('p-1', 's001', 'Иванова Мария')")
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome, environment: ["MENTORSYNC_SHARE_ROOTS": media.path]))
        let page = client.get("/sync")?.body ?? ""
        XCTAssertTrue(page.contains("Найдена папка обмена: \(stick.path) — синхронизировать с ней"), page)
        XCTAssertFalse(page.contains("ФОТО"), page)
        let done = client.post("/sync", [("share", stick.path)])
        XCTAssertEqual(done?.status, 200, done?.body ?? "")
        let sent = try FileManager.default.contentsOfDirectory(atPath: stick.appendingPathComponent("inbox").path).filter { $0.hasSuffix(".msync") }
        XCTAssertEqual(sent.count, 1, "the school's changes are on the stick")
    }
}
