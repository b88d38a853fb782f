import Foundation
import XCTest
import MentorSyncDomain
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
        expectLabelsShown(help.body.replacingOccurrences(of: "<h2>«Что сделать»</h2>", with: ""), atLeast: 12,
                          on: ["/", "/sync", "/t/persons", "/t/pairs/edit", "/status", "/import", "/report"], client)
    }

    /// The methodologist's help: her morning, conflicts, the network, the roadmap, August, a new
    /// school, and what to press when something breaks — each button named as her pages show it.
    func testTheDistrictsHelpNamesOnlyButtonsAndPagesThatExist() throws {
        let w = try WebWorld()
        let client = WebClient(port: try w.start("mentorsync-district", home: w.districtHome))
        XCTAssertTrue((client.get("/")?.body ?? "").contains("<a href=\"/help\">Помощь</a>"))
        let help = try XCTUnwrap(client.get("/help"))
        for heading in ["Каждое утро: школы", "Конфликты", "Сетевые наставники района", "Дорожная карта и цели", "В августе: отчёт",
                        "Новая школа", "Если что-то сломалось"] {
            XCTAssertTrue(help.body.contains("<h2>\(heading)</h2>"), heading)
        }
        // A conflict's button is shown only beside a conflict; a mentor's «Сетевой: да» is the form's field and choice.
        XCTAssertEqual(Message.webKeepThis.russian, "Оставить это")
        XCTAssertEqual(Message.webBatchHeading.russian, "Решить конфликты школы разом")
        let mentorForm = client.get("/t/mentors/edit")?.body ?? ""
        XCTAssertTrue(mentorForm.contains(">Сетевой<") && mentorForm.contains(">да<"), mentorForm)
        expectLabelsShown(help.body, atLeast: 12, on: ["/", "/conflicts", "/t/mentors", "/t/events", "/report", "/enroll"], client,
                          also: ["Оставить это", "Решить конфликты школы разом", "Сетевой: да"])
    }

    /// Every «…» the help names is a button, a link, a heading or a choice on `paths` (or one of
    /// `also`, shown only where there is something to act on): renamed there, the help would send
    /// her looking for what is not there.
    func expectLabelsShown(_ help: String, atLeast count: Int, on paths: [String], _ client: WebClient, also: Set<String> = [],
                           file: StaticString = #filePath, line: UInt = #line) {
        let pages = paths.map { client.get($0)?.body ?? "" }.joined()
        let quoted = help.components(separatedBy: "«").dropFirst().compactMap { $0.components(separatedBy: "»").first }
        XCTAssertGreaterThanOrEqual(quoted.count, count, "\(quoted)", file: file, line: line)
        for label in Set(quoted).subtracting(also) {
            XCTAssertTrue(pages.contains(">\(label)<"), "the help names «\(label)», which no page shows", file: file, line: line)
        }
    }
}
