import Foundation
import XCTest
import MentorSyncTestSupport

/// «Помощь»: the deputy head's year in the school's app. What it tells her to press is there.
final class WebHelpTests: XCTestCase {
    func testHelpNamesOnlyButtonsAndPagesThatExist() throws {
        let w = try WebWorld()
        let client = WebClient(port: try w.start("mentorsync-school", home: w.schoolHome))
        let home = try XCTUnwrap(client.get("/"))
        XCTAssertTrue(home.body.contains("<a href=\"/help\">Помощь</a>"), "every page links to the help: \(home.body)")
        let help = try XCTUnwrap(client.get("/help"))
        XCTAssertEqual(help.status, 200)
        for heading in ["Каждую неделю: обмен с управлением образования", "В начале учебного года (до 15 сентября): списки",
                        "Пары, планы и встречи", "В мае: итоги", "«Что сделать»", "Если что-то пошло не так"] {
            XCTAssertTrue(help.body.contains("<h2>\(heading)</h2>"), heading)
        }
        XCTAssertTrue(help.body.contains("<a href=\"/sync\">Обмен</a>"), help.body)
        // Every «…» the help names is a button, a link, a heading or a choice on the school's pages:
        // renamed there, the help would send her looking for what is not there.
        let pages = ["/", "/sync", "/t/persons", "/t/pairs/edit", "/status", "/import", "/report"].map { client.get($0)?.body ?? "" }.joined()
        let text = help.body.replacingOccurrences(of: "<h2>«Что сделать»</h2>", with: "")
        let quoted = text.components(separatedBy: "«").dropFirst().compactMap { $0.components(separatedBy: "»").first }
        XCTAssertGreaterThanOrEqual(quoted.count, 12, "\(quoted)")
        for label in Set(quoted) {
            XCTAssertTrue(pages.contains(">\(label)<"), "the help names «\(label)», which no page shows")
        }
    }
}
